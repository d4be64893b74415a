// ScriptModule: loading a PyTorch-saved archive, running its methods with arguments
// converted to the declared types, errors for bad calls, and one module shared by many
// threads giving the serial results.
#include <gtest/gtest.h>

#include <thread>

#include "emit_test_util.h"
#include "module/script_module.h"

namespace sconce {
namespace {

using emit_test::fs::path;

const path kDir = path(SCONCE_BINARY_DIR) / "fixtures" / "script_module";

const std::string& fixtureProblem() {
  const path script = path(SCONCE_SOURCE_DIR) / "tests/unit/module/make_modules.py";
  return testing::ensureGenerated(kDir, "/usr/bin/python3 " + script.string(), {script});
}

IValue loadValue(const std::string& name) { return Archive::open((kDir / name).string())->loadData(); }

/// Largest absolute difference of two float tensors of the same shape.
double maxDiff(const Tensor& a, const Tensor& b) {
  EXPECT_EQ(a.sizes(), b.sizes());
  double d = 0;
  for (int64_t i = 0; i < a.numel(); ++i) d = std::max(d, std::abs(a.itemAsDouble(i) - b.itemAsDouble(i)));
  return d;
}

TEST(ScriptModule, RunsForwardLikePyTorch) {
  SCONCE_REQUIRE_FIXTURES(fixtureProblem());
  auto m = ScriptModule::load((kDir / "net.pt").string());
  Tensor x = loadValue("net_args.pt").toTuple()->elements.at(0).toTensor();
  // The default scale=2.0 is filled in; an int for a float parameter is widened.
  EXPECT_LT(maxDiff(m->run("forward", {IValue(x)}).toTensor(), loadValue("net_expected.pt").toTensor()), 1e-4);
  EXPECT_LT(maxDiff(m->run("forward", {IValue(x), IValue(0.5)}).toTensor(),
                    loadValue("net_expected_half.pt").toTensor()),
            1e-4);
  EXPECT_EQ(m->methodNames(), (std::vector<std::string>{"forward", "describe", "flag"}));
}

TEST(ScriptModule, ConvertsContainerArgumentsToDeclaredTypes) {
  SCONCE_REQUIRE_FIXTURES(fixtureProblem());
  auto m = ScriptModule::load((kDir / "net.pt").string());
  // Containers as an unpickler makes them: element types Any.
  auto xs = ListObj::create(AnyType::get(), {IValue(int64_t{3}), IValue(int64_t{4})});
  auto names = DictObj::create(AnyType::get(), AnyType::get());
  names->insertOrAssign(IValue("zeta"), IValue(int64_t{1}));
  names->insertOrAssign(IValue("alpha"), IValue(int64_t{2}));
  IValue out = m->run("describe", {IValue(xs), IValue(names), IValue()});
  EXPECT_EQ(out.toStringRef(), "7:alpha,zeta:0:c");
  EXPECT_EQ(m->run("describe", {IValue(xs), IValue(names), IValue(int64_t{9})}).toStringRef(), "7:alpha,zeta:9:c");
  // Python's bool(1), as PyTorch converts an int passed for a bool parameter.
  EXPECT_EQ(m->run("flag", {IValue(int64_t{1})}).toInt(), 1);
  EXPECT_EQ(m->run("flag", {IValue(false)}).toInt(), 0);
}

TEST(ScriptModule, BadCallsAreValueErrors) {
  SCONCE_REQUIRE_FIXTURES(fixtureProblem());
  auto m = ScriptModule::load((kDir / "net.pt").string());
  auto expectError = [&](const std::string& method, std::vector<IValue> args, const std::string& text) {
    try {
      m->run(method, std::move(args));
      ADD_FAILURE() << "expected an error mentioning: " << text;
    } catch (const ValueError& e) {
      EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
    }
  };
  expectError("backward", {}, "has no method 'backward' (it has: forward, describe, flag)");
  expectError("flag", {}, "flag() is missing a value for argument 'b'");
  expectError("flag", {IValue(true), IValue(true)}, "flag() takes 1 argument but 2 were given");
  expectError("flag", {IValue("yes")}, "argument 'b' of flag() expected a value of type 'bool' but got str");
  expectError("describe", {IValue(int64_t{1}), IValue(), IValue()}, "argument 'xs' of describe()");
}

TEST(ScriptModule, RefusesFilesThatAreNotTorchScript) {
  SCONCE_REQUIRE_FIXTURES(fixtureProblem());
  EXPECT_THROW(ScriptModule::load((kDir / "not_a_module.pt").string()), UnsupportedError);
  EXPECT_THROW(ScriptModule::load((kDir / "missing.pt").string()), IoError);
}

TEST(ScriptModule, ConcurrentCallsMatchSerialOnes) {
  SCONCE_REQUIRE_FIXTURES(fixtureProblem());
  auto m = ScriptModule::load((kDir / "net.pt").string());
  Tensor x = loadValue("net_args.pt").toTuple()->elements.at(0).toTensor();
  // The first call prepares (compiles and lowers) the method; the threads then share it.
  Tensor serial = m->run("forward", {IValue(x)}).toTensor();
  constexpr int kThreads = 4, kCalls = 50;
  std::vector<std::thread> threads;
  std::vector<double> worst(kThreads, 0.0);
  std::vector<std::string> errors(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        for (int i = 0; i < kCalls; ++i) {
          Tensor y = m->run("forward", {IValue(x)}).toTensor();
          double d = 0;
          for (int64_t k = 0; k < y.numel(); ++k) d = std::max(d, std::abs(y.itemAsDouble(k) - serial.itemAsDouble(k)));
          worst[t] = std::max(worst[t], d);
          auto xs = ListObj::create(IntType::get(), {IValue(int64_t{i}), IValue(int64_t{t})});
          auto names = DictObj::create(StringType::get(), IntType::get());
          std::string s = m->run("describe", {IValue(xs), IValue(names), IValue()}).toStringRef();
          std::string want = std::to_string(i + t) + "::0:" + std::string(1, "abcde"[(i + t) % 5]);
          if (s != want) throw std::runtime_error("describe gave " + s + ", expected " + want);
        }
      } catch (const std::exception& e) {
        errors[t] = e.what();
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(errors[t], "") << "thread " << t;
    EXPECT_EQ(worst[t], 0.0) << "thread " << t << " differs from the serial result";
  }
}

}  // namespace
}  // namespace sconce
