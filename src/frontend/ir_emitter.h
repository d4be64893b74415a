// IrEmitter: compiles one TorchScript `def` into a typed SSA Graph (internal header).
//
// The emitter walks the AST of a function body once, building SSA directly: each
// block it emits into has an Environment frame; an `if` joins its branches' variables
// into prim::If outputs, a loop threads the variables its body assigns through
// prim::Loop as loop-carried values (found by scanning the body first), and early
// exits — `return` anywhere, `break`/`continue` — are emitted as placeholder
// prim::ReturnStmt / prim::LoopContinuation nodes that exit_transforms.h lowers
// afterwards into flags and guarded blocks, as PyTorch does. Expressions evaluate to
// SugaredValues (sugared_value.h); builtin ops go through schema matching.
//
// The implementation is split by concern: ir_emitter.cpp (functions, statements,
// assignment, calls of compiled functions), ir_emitter_control.cpp (conditions, if,
// loops, with, comprehensions), ir_emitter_expr.cpp (expressions and calls),
// ir_emitter_subscript.cpp (indexing), ir_emitter_closure.cpp (closures and fork).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "frontend/compilation_unit.h"
#include "frontend/environment.h"
#include "frontend/sugared_value.h"

namespace sconce {

/// A type narrowing of a variable that holds when a condition is true
/// (`x is not None` refines `x` from Optional[T] to T).
struct Refinement {
  std::string name;
  TypePtr type;
};

/// Refinements that hold when a condition is true and when it is false.
struct RefinementSet {
  std::vector<Refinement> whenTrue;
  std::vector<Refinement> whenFalse;

  RefinementSet operator&&(const RefinementSet& rhs) const;
  RefinementSet operator||(const RefinementSet& rhs) const;
  RefinementSet operator!() const { return {whenFalse, whenTrue}; }
};

/// A condition: its bool value, what it refines, and its value when known statically
/// (then only one branch of an `if` is compiled, as PyTorch does for metaprogramming).
struct CondValue {
  Value* value = nullptr;
  RefinementSet refinements;
  std::optional<bool> staticValue;
};

class IrEmitter {
 public:
  /// Emits `fn`'s body into the empty `graph`.
  IrEmitter(Function& fn, Graph& graph);
  ~IrEmitter();

  /// Compiles the function; returns its return type (declared, or inferred from the
  /// return statements). Throws CompileError.
  TypePtr run();

  // ---- Services for sugared values -------------------------------------------------
  Graph& graph() { return graph_; }
  Function& function() { return fn_; }
  CompilationUnit& unit() { return fn_.unit(); }
  /// Reads annotations in the function's namespace (see typeParserFor).
  const TypeParser& typeParser() const { return typeParser_; }
  /// Inserts an op through overload resolution (emitBuiltinCall).
  Value* emitBuiltin(const SourceRange& loc, Symbol op, const std::vector<NamedValue>& args,
                     const std::vector<NamedValue>& kwargs = {},
                     const std::optional<NamedValue>& self = std::nullopt);
  /// Compiles `callee` if needed (adding a "called from" frame to its errors, and
  /// reporting recursion at `loc`).
  void ensureCompiled(const SourceRange& loc, Function& callee);
  /// `callee(args)` as prim::CallFunction.
  Value* emitFunctionCall(const SourceRange& loc, Function& callee,
                          const std::vector<NamedValue>& args,
                          const std::vector<NamedValue>& kwargs);
  /// `self.name(args)` as prim::CallMethod, for class and interface receivers.
  Value* emitMethodCall(const SourceRange& loc, Value* self, const std::string& name,
                        const std::vector<NamedValue>& args,
                        const std::vector<NamedValue>& kwargs);
  /// Method `name` of a class, declaring the class's methods first; null when absent.
  Function* findMethod(const ClassTypePtr& cls, const std::string& name);
  /// Declares the methods of `type` when it is a class, so that ClassType::findMethod
  /// (and with it structural interface subtyping) sees them; returns `type`.
  const TypePtr& declareClass(const TypePtr& type);
  /// Whether this is the `__init__` of `cls` (where assigning new attributes adds them).
  bool isInitializing(const ClassType& cls) const;

 private:
  friend class LoopScope;
  struct LoopContext;

  // ---- ir_emitter.cpp: function structure, statements, assignment --------------------
  void emitFormalArguments();
  void handleMaybeNoReturn();
  void pushFrame(Block* block, Environment::Kind kind);
  EnvironmentPtr popFrame();
  Block* currentBlock() const { return env_->block(); }
  bool exits(Block* b) const { return exitBlocks_.count(b) != 0; }
  void emitStatements(const ast::StmtList& stmts);
  void emitStatement(const ast::Stmt& stmt);
  void emitReturn(const ast::Return& stmt);
  void emitExprStmt(const ast::ExprStmt& stmt);
  void emitRaise(const ast::Raise& stmt);
  void emitAssert(const ast::Assert& stmt);
  void emitDelete(const ast::Delete& stmt);
  void emitAssign(const ast::Assign& stmt);
  void emitAnnAssign(const ast::AnnAssign& stmt);
  void emitAugAssign(const ast::AugAssign& stmt);
  /// Assigns `value` to `target` (a name, tuple/list of targets, subscript, attribute).
  void emitAssignTarget(const ast::Expr& target, const SugaredValuePtr& value,
                        const SourceRange& rhsLoc);
  /// Binds `name` following PyTorch's rules: reassigning a variable of an enclosing
  /// block must keep (a subtype of) its type; only first-class values can be
  /// reassigned; an annotation must fit.
  void setVar(const SourceRange& loc, const std::string& name, SugaredValuePtr value,
              TypePtr annotated = {});
  SugaredValuePtr getSugaredVar(const std::string& name, const SourceRange& loc);
  Value* getVar(const std::string& name, const SourceRange& loc);
  /// Builtins and serialized-code globals (`torch`, `ops`, `len`, ...), or null.
  SugaredValuePtr lookupGlobal(const std::string& name, const SourceRange& loc);
  Value* uninitialized(const TypePtr& type);

  // ---- ir_emitter_control.cpp: conditions, if, loops, with, comprehensions -----------
  CondValue emitCondExpr(const ast::Expr& expr);
  /// `lhs and rhs()` / `lhs or rhs()`, evaluating rhs only when needed (a prim::If).
  CondValue emitShortCircuit(const SourceRange& loc, const CondValue& lhs,
                             const std::function<CondValue()>& rhs, bool isOr);
  /// `lhs is rhs` / `lhs is not rhs`: static when either side is always None and the
  /// other never is; refines `x` in `x is None` when x is Optional.
  CondValue emitIsNone(const SourceRange& loc, bool isNot, const ast::Expr& lhs,
                       const ast::Expr& rhs);
  /// One comparison of a chain, as a condition.
  CondValue emitComparison(const SourceRange& loc, ast::BinaryOp op, const ast::Expr& lhs,
                           const ast::Expr& rhs);
  /// `a < b <= c` as `a < b and b <= c` (b is evaluated twice, as in PyTorch).
  CondValue emitCompareChain(const ast::Compare& expr);
  CondValue emitIsInstance(const ast::Expr& obj, const ast::Expr& classInfo);
  CondValue emitHasAttr(const ast::Expr& obj, const ast::Expr& name);
  Value* emitToBool(const SourceRange& loc, Value* v);
  void insertRefinements(const SourceRange& loc, const std::vector<Refinement>& refinements);
  Value* emitIfExpr(const SourceRange& loc, const CondValue& cond,
                    const std::function<Value*()>& trueValue,
                    const std::function<Value*()>& falseValue);
  void emitIf(const ast::If& stmt);
  void emitIfElseBlocks(const SourceRange& loc, const CondValue& cond,
                        const std::function<void()>& emitTrue,
                        const std::function<void()>& emitFalse);
  EnvironmentPtr emitBranch(Block* block, const std::vector<Refinement>& refinements,
                            const SourceRange& loc, const std::function<void()>& emit);
  void joinBranches(const SourceRange& loc, Node* ifNode, const EnvironmentPtr& saveTrue,
                    const EnvironmentPtr& saveFalse);
  void emitWhile(const ast::While& stmt);
  void emitFor(const ast::For& stmt);
  /// `for target in iter: body()`, with `assigned` the names the body may assign.
  void emitForLoop(const SourceRange& loc, const ast::Expr& target, const SugaredValuePtr& iter,
                   const std::function<void()>& body, const std::vector<std::string>& assigned);
  void emitLoop(const SourceRange& loc, const SugaredValuePtr& iterable,
                const ast::Expr* target, const ast::Expr* whileCond,
                const std::function<void()>& body, const std::vector<std::string>& assigned);
  void emitUnrolledLoop(const SourceRange& loc, const SugaredValuePtr& iterable,
                        const ast::Expr& target, const std::function<void()>& body);
  void emitBreakOrContinue(const ast::Stmt& stmt, bool isBreak);
  void emitWith(const ast::With& stmt);
  /// A nested `def` as a prim::Closure whose block is the body (emitted like a function,
  /// with its own returns), seeing the enclosing variables.
  Node* emitClosure(const SourceRange& loc, const ast::StmtList* body,
                    const std::function<Value*()>& value);
  /// `fork(fn, args...)`: a prim::forkClosure placeholder of a closure calling fn;
  /// lowerForkClosures turns it into prim::fork with a subgraph.
  SugaredValuePtr emitFork(const ast::Call& call);
  Value* emitListComp(const ast::ListComp& comp, const TypePtr& hint);
  Value* emitDictComp(const ast::DictComp& comp, const TypePtr& hint);

  // ---- ir_emitter_expr.cpp: expressions and calls ------------------------------------
  /// The value of an expression; `hint` is the type it is expected to have (used for
  /// empty containers and `None`), which the caller still checks.
  Value* emitExpr(const ast::Expr& expr, const TypePtr& hint = {});
  SugaredValuePtr emitSugaredExpr(const ast::Expr& expr, const TypePtr& hint = {});
  Value* emitSimpleExpr(const ast::Expr& expr, const TypePtr& hint);
  Value* emitListLiteral(const ast::ListLiteral& list, const TypePtr& hint);
  Value* emitDictLiteral(const ast::DictLiteral& dict, const TypePtr& hint);
  Value* emitBinary(const ast::Binary& expr);
  Value* emitBinaryOp(const SourceRange& loc, ast::BinaryOp op, const ast::Expr& lhs,
                      const ast::Expr& rhs);
  /// Operator overloads PyTorch writes in TorchScript (`2 * t`, `"a" in s`, `t // 2`),
  /// emitted in their inlined form; null when `op` on these types is not one of them.
  Value* emitBuiltinFunction(const SourceRange& loc, ast::BinaryOp op, const NamedValue& lhs,
                             const NamedValue& rhs);
  Value* emitUnary(const ast::Unary& expr);
  Value* emitTernary(const ast::Ternary& expr, const TypePtr& hint);
  SugaredValuePtr emitCall(const ast::Call& call, const TypePtr& hint);
  SugaredValuePtr emitSpecialForm(SpecialFormValue::Form form, const ast::Call& call,
                                  const TypePtr& hint);
  SugaredValuePtr emitListCall(const ast::Call& call, const TypePtr& hint);
  SugaredValuePtr emitDictCall(const ast::Call& call, const TypePtr& hint);
  /// Call arguments as values; `*t` of a tuple expands into its elements.
  std::vector<NamedValue> emitArguments(const ast::ExprList& args);
  std::vector<NamedValue> emitKeywords(const std::vector<ast::Keyword>& keywords);
  TypePtr parseType(const ast::Expr& expr) const;
  /// Checks a call's argument count; `what` names the callee in the error.
  void checkArgCount(const ast::Call& call, size_t n, const std::string& what) const;

  // ---- ir_emitter_subscript.cpp: indexing ----------------------------------------------
  SugaredValuePtr emitSubscript(const ast::Subscript& sub, const TypePtr& hint);
  std::pair<Value*, std::vector<Value*>> emitIntAndSliceIndexing(const SourceRange& loc,
                                                                 Value* sliceable,
                                                                 const ast::ExprList& indices);
  Value* emitMultidimSlicing(const SourceRange& loc, Value* sliceable,
                             const ast::ExprList& indices);
  Value* emitSlice(const SourceRange& loc, Value* sliceable, Value* dim,
                   const ast::Slice& slice);
  Value* emitTupleIndex(const SourceRange& loc, Value* tuple, Value* index);
  Value* emitTupleSlice(const SourceRange& loc, Value* tuple, const ast::Slice& slice);
  void emitSubscriptAssign(const SourceRange& loc, const ast::Subscript& target,
                           const NamedValue& rhs);
  void emitAugAssignToSubscript(const ast::AugAssign& stmt, const ast::Subscript& target);

  // ---- State -------------------------------------------------------------------------
  Function& fn_;
  Graph& graph_;
  TypeParser typeParser_;
  EnvironmentPtr env_;
  std::unordered_set<Block*> exitBlocks_;
  TypePtr declaredReturnType_;  // null when unannotated
  TypePtr mergedReturnType_;    // null until a return is seen
  std::vector<LoopContext*> loops_;
  size_t tempCounter_ = 0;
};

/// Erases `v` when it is the unused empty tuple an op returning nothing leaves behind.
void dropUnusedEmptyTuple(Value* v);

/// The op for `lhs op= rhs`: in place (`aten::add_`) for tensors and lists, else the
/// plain op, as PyTorch's getAugOp picks it. Throws CompileError for `@=`.
Symbol augmentedAssignOp(const ast::AugAssign& stmt, const TypePtr& lhsType);

/// Names a loop body (or comprehension) may assign, in first-assignment order:
/// assignment, augmented and annotated assignment, `for` and `with` targets, at any
/// depth of nested blocks. Used to find the loop-carried variables.
std::vector<std::string> assignedNames(const ast::StmtList& body);
/// Adds the names bound by assignment target `target` to `out` (deduplicated).
void collectTargetNames(const ast::Expr& target, std::vector<std::string>& out);

}  // namespace sconce
