// parallelFor and the thread-count setting, over OpenMP.
#include "ops/kernels/parallel.h"

#include <cblas.h>
#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>

#include "support/error.h"

namespace sconce::ops {
namespace {

void applyToLibraries(int n) {
  omp_set_num_threads(n);        // oneDNN's OpenMP regions started from this thread
  openblas_set_num_threads(n);   // OpenBLAS (pthreads build) keeps its own pool
}

int defaultNumThreads() {
  if (const char* env = std::getenv("SCONCE_NUM_THREADS")) {
    int n = std::atoi(env);
    if (n >= 1) {
      applyToLibraries(n);
      return n;
    }
  }
  return std::max(1, omp_get_max_threads());
}

std::atomic<int>& numThreadsSetting() {
  static std::atomic<int> n{defaultNumThreads()};
  return n;
}

// Set while this thread runs a parallelFor body: OpenMP's own omp_in_parallel() is
// false inside a one-thread team, but such a body must still not fan out again.
thread_local bool tInParallelBody = false;

}  // namespace

void setNumThreads(int n) {
  SCONCE_CHECK(ValueError, n >= 1, "set_num_threads: expected a positive number of threads, got {}", n);
  numThreadsSetting().store(n, std::memory_order_relaxed);
  applyToLibraries(n);  // so oneDNN's and OpenBLAS's threads follow the same setting
}

int getNumThreads() { return numThreadsSetting().load(std::memory_order_relaxed); }

bool inParallelRegion() { return tInParallelBody || omp_in_parallel(); }

void detail::parallelForImpl(int64_t begin, int64_t end, int64_t grainSize, RangeFn fn) {
  const int64_t range = end - begin;
  grainSize = std::max<int64_t>(grainSize, 1);
  const int64_t maxTasks = (range + grainSize - 1) / grainSize;
  const int numThreads = static_cast<int>(std::min<int64_t>(getNumThreads(), maxTasks));
  if (numThreads <= 1) {
    fn.call(fn.fn, begin, end);
    return;
  }
  std::exception_ptr error;
  std::atomic_flag errorSet = ATOMIC_FLAG_INIT;
#pragma omp parallel num_threads(numThreads)
  {
    const int64_t team = omp_get_num_threads();
    const int64_t chunk = (range + team - 1) / team;
    const int64_t b = begin + omp_get_thread_num() * chunk;
    if (b < end) {
      tInParallelBody = true;
      try {
        fn.call(fn.fn, b, std::min(end, b + chunk));
      } catch (...) {
        if (!errorSet.test_and_set()) error = std::current_exception();
      }
      tInParallelBody = false;
    }
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace sconce::ops
