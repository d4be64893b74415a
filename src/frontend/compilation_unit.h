// CompilationUnit and Function: the compiled form of an archive's TorchScript code.
//
// A loaded model refers to its code by name: data.pkl holds objects of
// `__torch__.Net`, whose methods live in `code/__torch__.py` as `def`s. A
// CompilationUnit owns one Function per method or module-level function the code
// defines, created when first asked for. A Function knows its signature at once (its
// FunctionSchema comes from the `def` line) but compiles its body into a typed SSA
// Graph only on first use — so loading a model compiles just what runs, callees are
// compiled before their callers finish (their errors gain "called from" frames), and
// a function that ends up needing itself is reported instead of recursing forever.
//
// Compiling a module:
//   auto importer = std::make_shared<SourceImporter>(loader, archive.loadConstants());
//   CompilationUnit cu(importer);
//   ClassTypePtr net = importer->findClass("__torch__.Net");
//   Function* forward = cu.getMethod(net, "forward");
//   std::shared_ptr<Graph> g = forward->graph();   // throws CompileError
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "frontend/ast.h"
#include "frontend/source_importer.h"
#include "ir/graph.h"
#include "ir/schema.h"

namespace sconce {

class CompilationUnit;

/// A TorchScript function or method: its qualified name, schema and (lazily) graph.
/// Owned by its CompilationUnit; pointers stay valid for the unit's lifetime.
class Function {
 public:
  Function(const Function&) = delete;
  Function& operator=(const Function&) = delete;

  /// `__torch__.Net.forward` for methods, `__torch__.foo.helper` for functions.
  const std::string& qualifiedName() const { return qualifiedName_; }
  /// The last component (`forward`).
  const std::string& name() const { return name_; }
  /// The class this is a method of; null for module-level functions and static methods.
  const ClassTypePtr& ownerClass() const { return owner_; }
  const ast::Def& def() const { return *def_; }
  CompilationUnit& unit() const { return *unit_; }

  /// The signature: `self` first for methods, parameter types from the annotations
  /// (Tensor when unannotated), defaults evaluated to constants, and the annotated
  /// return type. A `def` without a return annotation is compiled to infer it.
  /// Throws CompileError for a malformed signature.
  const FunctionSchema& schema();
  /// The compiled body, compiling it on first call. Throws CompileError (for errors in
  /// this function or in a callee, with "called from" frames); a function that is
  /// reached again while it compiles is an error ("called recursively"). A failed
  /// compilation is retried (and fails again) on the next call. The graph refers to
  /// other Functions of this unit (prim::CallFunction constants): keep the unit alive
  /// while the graph is used.
  const std::shared_ptr<Graph>& graph();
  bool isCompiled() const { return state_ == State::Compiled; }
  /// Whether the body is being compiled right now (a call to it would be recursive).
  bool isCompiling() const { return state_ == State::Compiling; }
  /// The namespace the function's code lives in (`__torch__.foo` for
  /// `__torch__.foo.Net.forward` and `__torch__.foo.helper`).
  std::string homeNamespace() const;

 private:
  friend class CompilationUnit;
  friend class IrEmitter;
  enum class State { NotCompiled, Compiling, Compiled };
  Function(CompilationUnit& unit, std::string qualifiedName, const ast::Def& def,
           ClassTypePtr owner);

  CompilationUnit* unit_;
  std::string qualifiedName_;
  std::string name_;
  const ast::Def* def_;
  ClassTypePtr owner_;
  State state_ = State::NotCompiled;
  std::optional<FunctionSchema> schema_;     // with the declared return (if annotated)
  std::shared_ptr<Graph> graph_;
};

/// Owns the Functions compiled from one archive's code (through its SourceImporter).
/// Not thread-safe: compile a unit from one thread (the result is then read-only).
class CompilationUnit {
 public:
  explicit CompilationUnit(std::shared_ptr<SourceImporter> importer);
  ~CompilationUnit();
  CompilationUnit(const CompilationUnit&) = delete;
  CompilationUnit& operator=(const CompilationUnit&) = delete;

  SourceImporter& importer() const { return *importer_; }

  /// Method `name` of `cls`, or null when the class defines none. The first call for
  /// a class creates Functions for all its methods and registers them on the
  /// ClassType (ClassType::addMethod), without compiling them.
  Function* getMethod(const ClassTypePtr& cls, const std::string& name);
  /// Every method of `cls`, in source order (declaring them as getMethod does).
  std::vector<Function*> methods(const ClassTypePtr& cls);
  /// The module-level function `qualifiedName` (e.g. `__torch__.foo.helper`), or null.
  Function* getFunction(const std::string& qualifiedName);
  /// The schema of `method` of an interface type, with the interface as `self`; null
  /// when the interface declares no such method. Throws CompileError.
  const FunctionSchema* interfaceMethod(const InterfaceType& iface, const std::string& method);

  /// Every Function created so far (methods, functions, static methods), in creation
  /// order; compiled or not.
  std::vector<Function*> functions() const;

  /// Compiles every method of `cls` and, transitively, of the classes its attributes
  /// name (submodules, contained objects). Throws the first CompileError.
  void compileAll(const ClassTypePtr& cls);

 private:
  struct ClassMethods {
    std::vector<Function*> inOrder;
  };
  ClassMethods& declareMethods(const ClassTypePtr& cls);
  Function* create(std::string qualifiedName, const ast::Def& def, ClassTypePtr owner);

  std::shared_ptr<SourceImporter> importer_;
  std::vector<std::unique_ptr<Function>> functions_;
  std::unordered_map<std::string, ClassMethods> classMethods_;
  std::unordered_map<std::string, Function*> freeFunctions_;
  std::unordered_map<std::string, FunctionSchema> interfaceMethods_;
};

/// The schema a `def` declares, its annotations read with `types`. `self` (a class or
/// interface type) becomes the first argument for methods; the return is empty when
/// unannotated. Defaults are evaluated as constants (literals, tuples/lists of them,
/// CONSTANTS.cN). Throws CompileError.
FunctionSchema schemaFromDef(const ast::Def& def, const std::string& name, const TypePtr& self,
                             const TypeParser& types, SourceImporter& importer);

/// A TypeParser for code living in namespace `home` (e.g. `__torch__.foo`): a bare
/// class name (`Point`, as hand-written source uses) resolves in `home` first.
TypeParser typeParserFor(SourceImporter& importer, const std::string& home);

}  // namespace sconce
