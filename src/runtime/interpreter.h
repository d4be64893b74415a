// Runtime: runs lowered Code, and lowers (once) the Functions programs call.
//
// The interpreter is one dispatch loop over Code (runtime/code.h) with no global lock:
// every piece of per-call state — the register file, the operand stack, the call
// frames — lives in an execution state taken from a per-thread pool for the length of
// one run, so a loaded module may be called from many threads at once and a steady
// stream of calls allocates nothing in the interpreter itself. Calls between
// TorchScript functions push a frame in the same loop (no C++ recursion), which is
// also what gives a failure its traceback: one frame per active call.
//
// The runtime does not know the frontend's Function class; it asks a GraphProvider for
// a Function's graph the first time it is called, lowers it, and caches the Code.
//
//   Runtime rt([](Function* f) { return graphOf(f); });
//   std::shared_ptr<const Code> code = Code::lower(*graph, "forward");
//   IValue y = rt.run(*code, {IValue(int64_t{3}), IValue(int64_t{4})});
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ir/graph.h"
#include "ops/script_call.h"
#include "runtime/code.h"
#include "runtime/script_error.h"

namespace sconce {

/// The compiled graph of a Function (the frontend's compiled method or function);
/// called at most once per Function and Runtime, possibly from any thread.
using GraphProvider = std::function<std::shared_ptr<Graph>(Function*)>;
/// The name traceback frames give a Function ("forward", "helper").
using NameProvider = std::function<std::string(Function*)>;
/// Receives each line prim::Print produces, with its trailing newline.
using PrintHandler = std::function<void(std::string_view line)>;

/// Runs Code and owns the lowered Code of every Function called through it. All
/// methods are thread-safe; a Runtime must outlive the runs it is executing.
class Runtime final : public ops::ScriptCaller {
 public:
  /// `graphs` resolves prim::CallFunction / prim::CallMethod callees (without it, a
  /// call fails at run time). `names` names their frames; without it a frame takes
  /// the name at the call site that first lowered it (the method or constant name).
  explicit Runtime(GraphProvider graphs = {}, NameProvider names = {});
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  /// Runs `code` with `args` as its inputs (`self` first for methods). Returns the
  /// single output; None when the graph returns nothing; a tuple of the outputs when it
  /// returns several. Throws ScriptError when the program raises or an op fails,
  /// ValueError for a wrong number of arguments, LoweringError when a callee cannot be
  /// lowered. Call sites in `code` memoize their callees for this Runtime (a Code run
  /// by several Runtimes stays correct, resolving callees per call for all but the
  /// first).
  IValue run(const Code& code, std::vector<IValue> args) const;
  /// Lowers `graph` (every time: keep the Code to run it repeatedly) and runs it.
  IValue run(const Graph& graph, std::vector<IValue> args, std::string name = "forward") const;
  /// Runs `fn`, lowering it on first use.
  IValue call(Function* fn, std::vector<IValue> args) const;
  /// ops::ScriptCaller: kernels that run user code (sorting objects by `__lt__`) call
  /// back through the Runtime executing them.
  IValue callScriptFunction(Function* fn, std::vector<IValue> args) const override {
    return call(fn, std::move(args));
  }

  /// The lowered Code of `fn`: the first call gets its graph from the GraphProvider
  /// and lowers it; concurrent first calls lower once. `siteName` names the frame when
  /// there is no NameProvider. The Code lives as long as the Runtime.
  const Code& codeFor(Function* fn, std::string_view siteName = {}) const;

  /// Where prim::Print output goes (default: stdout). Set it before running anything.
  void setPrintHandler(PrintHandler handler) { print_ = std::move(handler); }

 private:
  struct CacheEntry;
  IValue execute(const Code& code, std::vector<IValue>& args) const;
  /// The Code call site `site` of `caller` runs; `receiver` (a method's object, null
  /// for functions) selects the method when the site dispatches at run time.
  const Code& resolveCall(const Code& caller, uint32_t site, const IValue* receiver,
                          bool memoize) const;
  void print(std::string_view line) const;

  GraphProvider graphs_;
  NameProvider names_;
  PrintHandler print_;
  uint64_t id_;  // identifies this Runtime to Code::bindRuntime (addresses may be reused)
  mutable std::mutex cacheMutex_;
  mutable std::unordered_map<Function*, std::unique_ptr<CacheEntry>> cache_;
};

}  // namespace sconce
