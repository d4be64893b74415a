// Intra-op parallelism: parallelFor over an index range, on OpenMP.
//
// Kernels split their work with parallelFor and never touch OpenMP directly, so the
// thread count (SCONCE_NUM_THREADS, setNumThreads) and the no-nesting rule live in one
// place. OpenMP is the runtime Debian's oneDNN uses, so our loops and oneDNN's share
// one pool and never oversubscribe the cores (ARCHITECTURE §3 "Threads").
#pragma once

#include <cstdint>
#include <type_traits>

namespace sconce::ops {

/// Elements per task below which elementwise loops stay on one thread.
inline constexpr int64_t kGrainSize = 32768;

/// Sets the number of threads later parallel regions use (n >= 1). Process-wide.
void setNumThreads(int n);
/// Threads a parallel region uses: setNumThreads's value, else SCONCE_NUM_THREADS,
/// else all cores.
int getNumThreads();
/// True inside a parallelFor body (or any OpenMP parallel region): nested regions
/// then run serially.
bool inParallelRegion();

namespace detail {
/// A non-owning reference to a `void(int64_t, int64_t)` callable: one indirect call
/// per chunk, never per element.
struct RangeFn {
  void (*call)(const void* fn, int64_t begin, int64_t end);
  const void* fn;
};
void parallelForImpl(int64_t begin, int64_t end, int64_t grainSize, RangeFn fn);
}  // namespace detail

/// Calls fn(b, e) on disjoint sub-ranges covering [begin, end), each of at least
/// grainSize elements (except possibly the last), in parallel when the range is large
/// enough and we are not already inside a parallel region. An exception thrown by fn
/// on any thread is rethrown here (the first one wins); fn must not depend on how the
/// range is split.
template <class Fn>
void parallelFor(int64_t begin, int64_t end, int64_t grainSize, const Fn& fn) {
  if (begin >= end) return;
  if (end - begin <= grainSize || inParallelRegion()) {
    fn(begin, end);
    return;
  }
  detail::RangeFn ref{[](const void* f, int64_t b, int64_t e) { (*static_cast<const Fn*>(f))(b, e); },
                      &fn};
  detail::parallelForImpl(begin, end, grainSize, ref);
}

}  // namespace sconce::ops
