// One Code, one Runtime, many threads: results must equal the serial ones, including
// the first calls that race to lower a callee.
#include <thread>

#include "test_support.h"

namespace sconce {
namespace {

using testing::fakeFunction;

// forward(x, n): builds [i * x for i < n] through a helper call per element, stops
// early once an element exceeds 1000, returns (sum, len(list)).
constexpr const char* kForward = R"IR(
graph(%x : int, %n : int):
  %true : bool = prim::Constant[value=1]()
  %zero : int = prim::Constant[value=0]()
  %limit : int = prim::Constant[value=1000]()
  %scale : Function = prim::Constant[name="scale"]()
  %empty : int[] = prim::ListConstruct()
  %c0 : bool = aten::gt(%n, %zero)
  %l : int[], %s : int = prim::Loop(%n, %c0, %empty, %zero)
    block0(%i : int, %acc : int[], %sum : int):
      %v : int = prim::CallFunction(%scale, %i, %x)
      %acc2 : int[] = aten::append(%acc, %v)
      %sum2 : int = aten::add(%sum, %v)
      %big : bool = aten::gt(%v, %limit)
      %go : bool = prim::If(%big)
        block0():
          %f : bool = prim::Constant[value=0]()
          -> (%f)
        block1():
          -> (%true)
      -> (%go, %acc2, %sum2)
  %len : int = aten::len(%l)
  %r : (int, int) = prim::TupleConstruct(%s, %len)
  return (%r)
)IR";

constexpr const char* kScale = R"IR(
graph(%i : int, %x : int):
  %y : int = aten::mul(%i, %x)
  return (%y)
)IR";

std::pair<int64_t, int64_t> reference(int64_t x, int64_t n) {
  int64_t sum = 0, len = 0;
  for (int64_t i = 0; i < n; ++i) {
    int64_t v = i * x;
    sum += v;
    ++len;
    if (v > 1000) break;
  }
  return {sum, len};
}

TEST(Threads, OneCodeManyThreads) {
  testing::ensureTestKernels();
  auto forward = parseIR(kForward);
  forward->findValue("scale")->setType(FunctionType::create(fakeFunction(11)));
  auto scale = parseIR(kScale);
  auto code = Code::lower(*forward, "forward");
  Runtime rt([&](Function* f) {
    EXPECT_EQ(f, fakeFunction(11));
    return scale;
  });

  constexpr int kThreads = 4, kCalls = 50;
  auto inputs = [](int t, int c) { return std::pair<int64_t, int64_t>(t * 7 + c % 13, c); };
  std::vector<std::vector<std::pair<int64_t, int64_t>>> results(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int c = 0; c < kCalls; ++c) {
        auto [x, n] = inputs(t, c);
        auto r = rt.run(*code, {IValue(x), IValue(n)}).toTuple();
        results[t].emplace_back(r->elements[0].toInt(), r->elements[1].toInt());
      }
    });
  }
  for (auto& th : threads) th.join();

  for (int t = 0; t < kThreads; ++t) {
    ASSERT_EQ(results[t].size(), static_cast<size_t>(kCalls));
    for (int c = 0; c < kCalls; ++c) {
      auto [x, n] = inputs(t, c);
      auto serial = rt.run(*code, {IValue(x), IValue(n)}).toTuple();
      EXPECT_EQ(results[t][c].first, serial->elements[0].toInt());
      EXPECT_EQ(results[t][c].second, serial->elements[1].toInt());
      EXPECT_EQ(results[t][c], reference(x, n)) << "x=" << x << " n=" << n;
    }
  }
}

TEST(Threads, ConcurrentFirstCallsLowerOnce) {
  testing::ensureTestKernels();
  auto scale = parseIR(kScale);
  std::atomic<int> provided{0};
  Runtime rt([&](Function*) {
    ++provided;
    return scale;
  });
  std::vector<std::thread> threads;
  std::atomic<int64_t> total{0};
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      total += rt.call(fakeFunction(12), {IValue(int64_t{t}), IValue(int64_t{2})}).toInt();
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(provided.load(), 1);
  EXPECT_EQ(total.load(), 2 * (0 + 1 + 2 + 3 + 4 + 5 + 6 + 7));
}

}  // namespace
}  // namespace sconce
