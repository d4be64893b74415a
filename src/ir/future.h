// FutureObj: the value of a TorchScript `Future[T]` (what `torch.jit.fork` returns).
//
// Sconce runs a forked function to completion when it is forked (the interpreter's
// prim::fork), so a Future is always complete and `torch.jit.wait` (aten::wait) just
// hands back its value. Results are the same as PyTorch's asynchronous execution for
// every program whose result does not depend on the interleaving.
#pragma once

#include "ir/ivalue.h"

namespace sconce {

struct FutureObj : Capsule {
  explicit FutureObj(IValue v) : value(std::move(v)) {}
  std::string describe() const override { return "Future"; }
  IValue value;
};

}  // namespace sconce
