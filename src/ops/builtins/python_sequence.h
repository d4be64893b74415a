// Python's index arithmetic for sequences (str and list): negative indices, slices.
//
// Shared by the string and list kernels so that "abc"[-1], l[-1], s[::-2] and
// l[5:1:-1] all normalize the same way CPython's PySlice_AdjustIndices does.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>

#include "ops/builtins/python_error.h"

namespace sconce::ops {

/// A slice resolved against a sequence: `count` elements start, start+step, ...
struct SliceBounds {
  int64_t start = 0;
  int64_t step = 1;
  int64_t count = 0;
};

/// CPython's PySlice_Unpack + PySlice_AdjustIndices. Raises ValueError for step 0.
inline SliceBounds adjustSlice(int64_t length, std::optional<int64_t> startArg,
                               std::optional<int64_t> stopArg, int64_t step) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  if (step == 0) raisePython("ValueError", "slice step cannot be zero");
  if (step < -kMax) step = -kMax;  // so that -step cannot overflow
  int64_t start = startArg.value_or(step < 0 ? kMax : 0);
  int64_t stop = stopArg.value_or(step < 0 ? std::numeric_limits<int64_t>::min() : kMax);
  auto clamp = [&](int64_t& i) {
    if (i < 0) {
      i += length;
      if (i < 0) i = step < 0 ? -1 : 0;
    } else if (i >= length) {
      i = step < 0 ? length - 1 : length;
    }
  };
  clamp(start);
  clamp(stop);
  SliceBounds b{start, step, 0};
  if (step < 0) {
    if (stop < start) b.count = (start - stop - 1) / (-step) + 1;
  } else if (start < stop) {
    b.count = (stop - start - 1) / step + 1;
  }
  return b;
}

/// `index` (possibly negative) as a position in [0, length), or -1 when out of range.
inline int64_t normalizeIndex(int64_t index, int64_t length) {
  if (index < 0) index += length;
  return index >= 0 && index < length ? index : -1;
}

}  // namespace sconce::ops
