// Shared helpers of the runtime tests: the few scalar kernels the test graphs need,
// stand-in Function pointers and source ranges for traceback checks.
//
// The graphs are PyTorch's own IR, so they call aten::add.int and friends. Until the
// builtin kernels are registered by src/ops/builtins, ensureTestKernels() registers
// minimal ones; once the real kernels exist it leaves them alone (and the tests run
// against them).
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "ir/ir_parser.h"
#include "ops/operator_registry.h"
#include "runtime/interpreter.h"

namespace sconce::testing {

inline int64_t popInt(Stack& s) {
  int64_t v = s.back().toInt();
  s.pop_back();
  return v;
}

template <class F>
void binaryInt(Stack& s, F f) {
  int64_t b = popInt(s);
  int64_t a = popInt(s);
  s.emplace_back(f(a, b));
}

inline void ensureKernel(std::string_view name, KernelFn fn) {
  auto& reg = OperatorRegistry::global();
  const Operator* op = reg.find(name);
  if (!op || !op->hasKernel()) reg.registerKernel(name, fn);
}

inline void ensureTestKernels() {
  static bool done = [] {
    ensureKernel("aten::add.int",
                 [](Stack& s) { binaryInt(s, [](int64_t a, int64_t b) { return a + b; }); });
    ensureKernel("aten::sub.int",
                 [](Stack& s) { binaryInt(s, [](int64_t a, int64_t b) { return a - b; }); });
    ensureKernel("aten::mul.int",
                 [](Stack& s) { binaryInt(s, [](int64_t a, int64_t b) { return a * b; }); });
    ensureKernel("aten::gt.int",
                 [](Stack& s) { binaryInt(s, [](int64_t a, int64_t b) { return a > b; }); });
    ensureKernel("aten::lt.int",
                 [](Stack& s) { binaryInt(s, [](int64_t a, int64_t b) { return a < b; }); });
    ensureKernel("aten::eq.int",
                 [](Stack& s) { binaryInt(s, [](int64_t a, int64_t b) { return a == b; }); });
    ensureKernel("aten::__and__.bool", [](Stack& s) {
      bool b = s.back().toBool();
      s.pop_back();
      s.back() = IValue(s.back().toBool() && b);
    });
    ensureKernel("aten::len.t", [](Stack& s) {
      int64_t n = static_cast<int64_t>(s.back().toList()->elements.size());
      s.back() = IValue(n);
    });
    ensureKernel("aten::append.t", [](Stack& s) {
      IValue el = std::move(s.back());
      s.pop_back();
      s.back().toList()->elements.push_back(std::move(el));
    });
    ensureKernel("aten::__getitem__.t", [](Stack& s) {
      int64_t i = popInt(s);
      auto list = s.back().toList();
      int64_t n = static_cast<int64_t>(list->elements.size());
      if (i < 0) i += n;
      if (i < 0 || i >= n) throw ValueError("list index out of range");
      s.back() = list->elements[i];
    });
    ensureKernel("aten::str", [](Stack& s) {
      IValue v = s.back();
      s.back() = IValue(v.isString() ? v.toStringRef() : v.repr());
    });
    ensureKernel("aten::add.str", [](Stack& s) {
      std::string b = s.back().toStringRef();
      s.pop_back();
      s.back() = IValue(s.back().toStringRef() + b);
    });
    return true;
  }();
  (void)done;
}

/// A distinct stand-in for the frontend's Function (never dereferenced).
inline Function* fakeFunction(int i) {
  static char tokens[64];
  return reinterpret_cast<Function*>(&tokens[i]);
}

/// The range of the first occurrence of `needle` in `source`.
inline SourceRange rangeOf(const SourcePtr& source, std::string_view needle) {
  size_t at = source->text().find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return SourceRange(source, at, at + needle.size());
}

/// The single node of kind `kind` in `graph`'s top block or nested blocks.
inline Node* findNode(const Block* block, Symbol kind) {
  for (Node* n : block->nodes()) {
    if (n->kind() == kind) return n;
    for (const Block* b : n->blocks())
      if (Node* found = findNode(b, kind)) return found;
  }
  return nullptr;
}

inline IValue runIR(std::string_view ir, std::vector<IValue> args) {
  ensureTestKernels();
  auto graph = parseIR(ir);
  Runtime rt;
  return rt.run(*graph, std::move(args));
}

}  // namespace sconce::testing
