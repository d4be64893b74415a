// Calling TorchScript back from a kernel.
//
// A few builtins run user code: sorting or comparing objects of a TorchScript class
// calls its `__lt__` / `__eq__` methods, as PyTorch's list kernels do. Kernels only see
// a Stack, so the runtime that is executing them installs itself as the thread's
// ScriptCaller for the length of each run (ScriptCallerScope); a kernel asks for
// `currentScriptCaller()` and calls through it. Outside a run there is none.
#pragma once

#include <vector>

#include "ir/ivalue.h"

namespace sconce {

class Function;

namespace ops {

class ScriptCaller {
 public:
  /// Runs `fn` (a method takes its object first) and returns its result.
  virtual IValue callScriptFunction(Function* fn, std::vector<IValue> args) const = 0;

 protected:
  ~ScriptCaller() = default;
};

/// The caller installed on this thread, or null.
const ScriptCaller* currentScriptCaller();

/// Installs `caller` on this thread until destroyed (restoring the previous one).
class ScriptCallerScope {
 public:
  explicit ScriptCallerScope(const ScriptCaller* caller);
  ~ScriptCallerScope();
  ScriptCallerScope(const ScriptCallerScope&) = delete;
  ScriptCallerScope& operator=(const ScriptCallerScope&) = delete;

 private:
  const ScriptCaller* previous_;
};

}  // namespace ops
}  // namespace sconce
