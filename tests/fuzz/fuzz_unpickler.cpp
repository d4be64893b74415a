// libFuzzer target: arbitrary bytes read as a pickle, and as a legacy torch.save stream.
//
// Pickles are the one part of a model file that is a program; this checks that no input
// makes the Unpickler crash, recurse without bound, read out of bounds or allocate
// beyond what its storage loader grants — the only acceptable outcome of bad bytes is a
// sconce::Error. Whatever loads is pickled again and re-read, which also walks it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "serialization/legacy_format.h"
#include "serialization/pickler.h"
#include "serialization/unpickler.h"

using namespace sconce;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // An exact-size heap copy so ASan flags any read past the end.
  std::vector<char> copy(data, data + size);
  std::string_view bytes(copy.data(), copy.size());
  size_t granted = 0;
  UnpicklerOptions options;
  options.loadStorage = [&](const std::string&, ScalarType dtype, int64_t numel,
                            const std::string&) {
    size_t nbytes = static_cast<size_t>(numel) * elementSize(dtype);
    if (numel > 1'000'000 || granted + nbytes > (64u << 20))
      throw FormatError("fuzz loader refuses the storage");
    granted += nbytes;
    return StorageImpl::allocate(nbytes);
  };
  try {
    IValue value = Unpickler(bytes, options).parse();
    Pickler pickler;
    std::string again = pickler.pickle(value);
    UnpicklerOptions reread;
    reread.loadStorage = [&](const std::string& key, ScalarType, int64_t, const std::string&) {
      return pickler.storages().at(std::stoul(key)).storage;
    };
    Unpickler(again, reread).parse();
  } catch (const InternalError&) {
    throw;  // a broken invariant is a bug: let libFuzzer report it
  } catch (const Error&) {
  }
  if (isLegacyTorchSave(bytes)) {
    try {
      loadLegacyTorchSave(bytes);
    } catch (const InternalError&) {
      throw;
    } catch (const Error&) {
    }
  }
  return 0;
}
