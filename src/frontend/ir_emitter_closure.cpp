// IrEmitter: closures and fork — nested `def`s and `fork(fn, args...)`.
#include "frontend/exit_transforms.h"
#include "frontend/ir_emitter.h"

namespace sconce {

Node* IrEmitter::emitClosure(const SourceRange& loc, const ast::StmtList* body,
                             const std::function<Value*()>& value) {
  Node* closure = graph_.insertNode(graph_.create(prim::Closure));
  closure->setSourceRange(loc);
  closure->output()->setType(NoneType::get());
  Block* block = closure->addBlock();
  // The body is a function of its own: its returns and loops are not the caller's.
  TypePtr savedDeclared = std::exchange(declaredReturnType_, nullptr);
  TypePtr savedMerged = std::exchange(mergedReturnType_, nullptr);
  std::vector<LoopContext*> savedLoops = std::exchange(loops_, {});
  try {
    WithInsertPoint guard(block);
    pushFrame(block, Environment::Kind::Function);
    if (body) {
      emitStatements(*body);
      if (!exits(block)) {
        ast::Return implicitReturn(loc);
        emitReturn(implicitReturn);
      } else if (!mergedReturnType_) {
        mergedReturnType_ = NoneType::get();
      }
      // Like the graph's output: a typed placeholder until exits are lowered.
      block->registerOutput(uninitialized(mergedReturnType_));
    } else {
      block->registerOutput(value());
    }
    popFrame();
  } catch (...) {
    declaredReturnType_ = savedDeclared;
    mergedReturnType_ = savedMerged;
    loops_ = std::move(savedLoops);
    throw;
  }
  declaredReturnType_ = savedDeclared;
  mergedReturnType_ = savedMerged;
  loops_ = std::move(savedLoops);
  return closure;
}

SugaredValuePtr IrEmitter::emitFork(const ast::Call& call) {
  const SourceRange& loc = call.range();
  if (call.args.empty()) throw CompileError("Expected at least one argument to fork()", loc);
  SugaredValuePtr forked = emitSugaredExpr(*call.args[0]);
  Node* closure = nullptr;
  if (auto* c = dynamic_cast<ClosureValue*>(forked.get())) {
    if (call.args.size() > 1 || !call.keywords.empty())
      throw CompileError("fork of a closure takes no arguments", loc);
    closure = c->closure();
  } else {
    std::vector<NamedValue> args;
    for (size_t i = 1; i < call.args.size(); ++i) {
      if (const auto* s = call.args[i]->dynCast<ast::Starred>()) {
        for (const SugaredValuePtr& el :
             emitSugaredExpr(*s->value)->asTuple(call.args[i]->range(), *this, std::nullopt))
          args.push_back({el->asValue(call.args[i]->range(), *this), "", call.args[i]->range()});
      } else {
        args.push_back({emitExpr(*call.args[i]), "", call.args[i]->range()});
      }
    }
    std::vector<NamedValue> kwargs = emitKeywords(call.keywords);
    const SourceRange& calleeLoc = call.args[0]->range();
    closure = emitClosure(loc, nullptr, [&] {
      return forked->call(calleeLoc, *this, args, kwargs)->asValue(calleeLoc, *this);
    });
  }
  TypePtr result = closure->blocks()[0]->outputs()[0]->type();
  Node* fork = graph_.insertNode(graph_.create(forkClosureKind(), {closure->output()}));
  fork->setSourceRange(loc);
  return std::make_shared<SimpleValue>(fork->output()->setType(FutureType::create(result)));
}

}  // namespace sconce
