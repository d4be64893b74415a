// ScriptModule: a TorchScript archive loaded, compiled and ready to run.
//
// Loading reads data.pkl into an object tree whose classes come from the archive's
// code (declared lazily by the SourceImporter), compiles the methods a caller asks for
// (and, through them, every function they call), and lowers them to interpreter Code —
// so a program that uses an operator Sconce lacks fails when its method is prepared,
// naming the op and the source line, not halfway through a run.
//
//   auto m = ScriptModule::load("model.pt");
//   IValue y = m->run("forward", {IValue(x)});   // thread-safe
//
// A ScriptModule is shared: once a method is prepared, any number of threads may run it
// at once (each run's state lives in the interpreter's per-thread frames). Preparing a
// method (`prepare`, or the first `run` of it) compiles under a lock.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "frontend/compilation_unit.h"
#include "ir/graph.h"
#include "ir/ivalue.h"
#include "passes/dead_code_elimination.h"
#include "runtime/interpreter.h"
#include "serialization/archive.h"

namespace sconce {

class ScriptModule {
 public:
  /// Opens and unpickles a `torch.jit.save` archive. Throws IoError/FormatError for
  /// unreadable or corrupt files, UnsupportedError for files that hold no TorchScript
  /// module (a torch.save file, say). Methods are compiled on first use.
  static std::shared_ptr<ScriptModule> load(const std::string& path);

  const Archive& archive() const { return *archive_; }
  /// The root module object (an instance of `type()`).
  const IValue& object() const { return object_; }
  const ClassTypePtr& type() const { return type_; }

  /// Names of the root class's methods, in source order.
  std::vector<std::string> methodNames();
  bool hasMethod(const std::string& name);

  /// Compiles `name` (and every function it calls, transitively) and lowers each to
  /// Code. Throws ValueError for an unknown method, CompileError for code that does not
  /// compile, LoweringError for an operator without a kernel.
  void prepare(const std::string& name);
  /// The compiled graph of method `name` (compiling it; no lowering).
  std::shared_ptr<Graph> graph(const std::string& name);
  /// The compiled graph of any function or method of the archive, by qualified name
  /// (`__torch__.Net.forward`, `__torch__.helper`); null when there is none.
  std::shared_ptr<Graph> graphByQualifiedName(const std::string& qualifiedName);
  /// The schema of method `name` (`self` first).
  const FunctionSchema& schema(const std::string& name);

  /// Runs method `name` with `args` (not counting self). Arguments are first converted
  /// to the method's declared parameter types as PyTorch does when Python calls a
  /// scripted method (an int where a float is declared becomes a float; lists and
  /// dicts take the declared element types); a value that does not fit is a ValueError
  /// naming the parameter. Throws ScriptError when the program raises or an op fails.
  IValue run(const std::string& name, std::vector<IValue> args);

  /// The runtime executing this module's code.
  const Runtime& runtime() const { return *runtime_; }

 private:
  ScriptModule() = default;
  Function* methodOrThrow(const std::string& name);

  std::shared_ptr<const Archive> archive_;
  std::shared_ptr<SourceImporter> importer_;
  std::unique_ptr<CompilationUnit> unit_;
  std::unique_ptr<Runtime> runtime_;
  IValue object_;
  ClassTypePtr type_;
  std::recursive_mutex compileMutex_;  // the CompilationUnit is single-threaded
  std::unordered_map<std::string, Function*> prepared_;
};

/// The graph the runtime executes for a compiled graph: a copy with PyTorch's always-on
/// cleanups applied (dead code elimination), the source graph left as compiled.
/// `callees` gives called functions' graphs (so unused calls of pure functions go).
std::shared_ptr<Graph> optimizedGraph(const Graph& graph, const passes::CalleeGraphs& callees = {});

/// Converts `value` to `type` as PyTorch does for arguments of a scripted function
/// called from Python: ints widen to float and complex, containers take the declared
/// element types (copied, so the caller's containers are left as they were). Throws
/// ValueError (mentioning `what`) when the value is not of the type.
IValue coerceToType(const IValue& value, const TypePtr& type, const std::string& what);

}  // namespace sconce
