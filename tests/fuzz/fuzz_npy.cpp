// libFuzzer target: arbitrary bytes parsed as a .npy file (`sconce run --input X.npy`).
// The only acceptable outcome of bad bytes is a sconce::Error: no out-of-bounds read,
// no allocation the data cannot back, no crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "serialization/npy.h"
#include "support/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);  // exact-size copy for ASan
  try {
    sconce::parseNpy(bytes, "fuzz.npy");
  } catch (const sconce::Error&) {
  }
  return 0;
}
