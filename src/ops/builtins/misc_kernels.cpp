// The remaining language-level builtins: `is`, print(), raise, warnings.warn, Optional
// unwrapping, tuple indexing, enums, devices, and the torch.* state queries TorchScript
// code asks (torch.jit.is_scripting(), torch.is_grad_enabled(), ...).
//
// The interpreter may lower some of these (prim::Print, prim::RaiseException,
// prim::TupleIndex) to its own instructions; the kernels keep them runnable through the
// operator table too (constant folding, tests, a generic fallback).
#include <cstdio>
#include <mutex>
#include <set>

#include "ir/future.h"
#include "ops/builtins/builtins.h"
#include "ops/builtins/python_sequence.h"

namespace sconce::ops {
namespace {

/// torch.set_grad_enabled / is_grad_enabled: a per-thread flag as in PyTorch (on by
/// default). Sconce computes no gradients; the flag only answers the query.
thread_local bool gGradEnabled = true;

void printKernel(Stack& stack) {
  size_t n = popVarargCount(stack);
  std::vector<IValue> values = popValues(stack, n);
  std::string line;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) line += ' ';
    line += pyStr(values[i]);
  }
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fflush(stdout);
}

/// prim::RaiseException(msg, cls): `raise ValueError(msg)` arrives with cls
/// "builtins.ValueError"; the Python class name is its last component.
void raiseException(const std::string& message, const std::optional<std::string>& cls) {
  std::string type = "Exception";
  if (cls && !cls->empty()) {
    size_t dot = cls->rfind('.');
    type = dot == std::string::npos ? *cls : cls->substr(dot + 1);
  }
  throw PythonError(type, message);
}

/// warnings.warn(msg): printed to stderr the first time each message is seen, as
/// Python's default filter shows a warning once per location.
void warn(const std::string& message, int64_t /*stacklevel*/) {
  static std::mutex mutex;
  static std::set<std::string> shown;
  std::lock_guard lock(mutex);
  if (!shown.insert(message).second) return;
  std::string line = "UserWarning: " + message + "\n";
  std::fwrite(line.data(), 1, line.size(), stderr);
}

IValue unwrapOptional(IValue v) {
  if (v.isNone()) raisePython("RuntimeError", "Unwrapping null optional");
  return v;
}

IValue tupleIndex(const Ref<TupleObj>& t, int64_t index) {
  int64_t i = normalizeIndex(index, static_cast<int64_t>(t->elements.size()));
  if (i < 0) raisePython("IndexError", "tuple index out of range");
  return t->elements[static_cast<size_t>(i)];
}

void tupleUnpack(Stack& stack) {
  Ref<TupleObj> t = popTuple(stack);
  for (const IValue& e : t->elements) stack.push_back(e);
}

IValue enumValue(const IValue& e) { return e.toEnum()->value; }

std::optional<int64_t> deviceIndex(Device d) {
  if (d.index < 0) return std::nullopt;
  return d.index;
}

int64_t objectId(const IValue& v) {
  return v.isNone() ? 0 : static_cast<int64_t>(reinterpret_cast<uintptr_t>(v.payload()));
}

void varargFalse(Stack& stack) {
  drop(stack, popVarargCount(stack));
  push(stack, false);
}

}  // namespace

/// torch.jit.wait(fut): the value of a (always complete, see ir/future.h) Future.
IValue waitFuture(IValue fut) {
  auto* f = fut.isCapsule() ? dynamic_cast<FutureObj*>(fut.toCapsule().get()) : nullptr;
  if (!f) fail<ValueError>("aten::wait expected a Future but got {}", fut.tagName());
  return f->value;
}

void registerMiscKernels(OperatorRegistry& r) {
  r.registerKernel("aten::wait", boxed<waitFuture>);
  r.registerKernel("aten::__is__", boxed<[](IValue a, IValue b) { return a.is(b); }>);
  r.registerKernel("aten::__isnot__", boxed<[](IValue a, IValue b) { return !a.is(b); }>);
  r.registerKernel("prim::Print", printKernel);
  r.registerKernel("prim::RaiseException", boxed<raiseException>);
  r.registerKernel("aten::warn", boxed<warn>);
  r.registerKernel("aten::_unwrap_optional", boxed<unwrapOptional>);
  r.registerKernel("prim::unchecked_unwrap_optional", boxed<[](IValue v) { return v; }>);
  r.registerKernel("prim::unchecked_cast", boxed<[](IValue v) { return v; }>);
  r.registerKernel("prim::Uninitialized", boxed<[] { return IValue::uninitialized(); }>);
  r.registerKernel("prim::IfThenElse", boxed<[](bool c, IValue a, IValue b) { return c ? a : b; }>);
  r.registerKernel("prim::TupleIndex", boxed<tupleIndex>);
  r.registerKernel("prim::TupleUnpack", tupleUnpack);
  r.registerKernel("prim::id", boxed<objectId>);

  r.registerKernel("prim::EnumName", boxed<[](IValue e) { return e.toEnum()->name; }>);
  for (const char* o : {"prim::EnumValue.int", "prim::EnumValue.float", "prim::EnumValue.str"})
    r.registerKernel(o, boxed<enumValue>);

  r.registerKernel("aten::device", boxed<[](const std::string& s) { return Device::parse(s); }>);
  r.registerKernel("prim::index", boxed<deviceIndex>);
  r.registerKernel("prim::type", boxed<[](Device d) { return Device(d.type).str(); }>);

  r.registerKernel("aten::is_scripting", boxed<[] { return true; }>);
  r.registerKernel("aten::_get_tracing_state", boxed<[] { return false; }>);
  r.registerKernel("aten::is_grad_enabled", boxed<[] { return gGradEnabled; }>);
  r.registerKernel("aten::set_grad_enabled", boxed<[](bool on) { gGradEnabled = on; }>);
  for (const char* o : {"aten::is_autocast_enabled", "aten::is_autocast_cpu_enabled", "aten::_nnpack_available",
                        "aten::_use_cudnn_rnn_flatten_weight", "aten::is_vulkan_available"})
    r.registerKernel(o, boxed<[] { return false; }>);
  r.registerKernel("aten::has_torch_function", varargFalse);
}

}  // namespace sconce::ops
