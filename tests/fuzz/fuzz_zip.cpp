// libFuzzer target: arbitrary bytes opened as a zip archive, every entry read.
//
// The reader is the first thing to touch an untrusted model file; this checks that no
// input makes it read out of bounds, overflow, allocate without bound or crash — the
// only acceptable outcome of a bad archive is a sconce::Error.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "serialization/zip_reader.h"
#include "support/error.h"
#include "support/mapped_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // An exact-size heap copy so ASan flags any read past the end of the archive.
  auto file = sconce::MappedFile::fromBytes(std::vector<uint8_t>(data, data + size), "fuzz.zip");
  try {
    sconce::ZipReader zip(file);
    zip.commonRoot();
    for (const sconce::ZipEntry& entry : zip.entries()) {
      try {
        zip.read(entry);
        if (entry.stored()) zip.readStored(entry.name);
      } catch (const sconce::Error&) {
        // A bad entry must not stop the others from being exercised.
      }
    }
  } catch (const sconce::Error&) {
  }
  return 0;
}
