// torch.save-format writer over Pickler and ZipWriter.
#include "serialization/archive_writer.h"

#include <filesystem>

#include "serialization/pickler.h"
#include "serialization/zip_writer.h"

namespace sconce {
namespace {

// The records torch.save writes, in its order: data.pkl, byteorder, data/<key>..., version.
void writeRecords(ZipWriter& zip, const std::string& root, const IValue& value) {
  Pickler pickler;
  std::string pickle = pickler.pickle(value);
  zip.writeRecord(root + "/data.pkl", pickle);
  zip.writeRecord(root + "/byteorder", "little");
  for (const auto& s : pickler.storages())
    zip.writeRecord(root + "/data/" + s.key, s.storage->data(), s.storage->nbytes());
  zip.writeRecord(root + "/version", "3\n");
}

// PyTorch names the root folder after the file; keep it to characters zip tools like.
std::string rootNameFor(const std::string& path) {
  std::string stem = std::filesystem::path(path).stem().string();
  std::string out;
  for (char c : stem)
    out += (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-') ? c : '_';
  return out.empty() ? "archive" : out;
}

}  // namespace

void saveTorchSave(const std::string& path, const IValue& value) {
  ZipWriter zip(path);
  writeRecords(zip, rootNameFor(path), value);
  zip.finish();
}

std::string saveTorchSaveToBuffer(const IValue& value, const std::string& rootName) {
  ZipWriter zip;
  writeRecords(zip, rootName, value);
  zip.finish();
  return zip.buffer();
}

}  // namespace sconce
