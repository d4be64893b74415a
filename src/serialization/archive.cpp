// Archive: PyTorch file layout on top of ZipReader, Unpickler and the legacy reader.
#include "serialization/archive.h"

#include <algorithm>
#include <charconv>

#include "serialization/legacy_format.h"
#include "support/mapped_file.h"

namespace sconce {

std::shared_ptr<const Archive> Archive::open(const std::string& path) {
  std::shared_ptr<Archive> a(new Archive());
  a->path_ = path;
  a->file_ = MappedFile::open(path);
  std::string_view bytes = a->file_->view();
  if (isLegacyTorchSave(bytes)) {
    a->kind_ = Kind::LegacyTorchSave;
    return a;
  }
  // A damaged zip may have lost its first bytes but still end in an end-of-central-
  // directory record; let the zip reader say precisely what is wrong with it then.
  std::string_view tail = bytes.substr(bytes.size() > 65600 ? bytes.size() - 65600 : 0);
  bool looksLikeZip = bytes.starts_with("PK") || tail.find("PK\x05\x06") != std::string_view::npos;
  if (!looksLikeZip)
    fail<FormatError>("'{}' is not a PyTorch file (neither a zip archive nor a legacy "
                      "torch.save stream)", path);
  a->zip_.emplace(a->file_);
  a->root_ = a->zip_->commonRoot();
  SCONCE_CHECK(FormatError, a->hasRecord("data.pkl"),
               "corrupt archive '{}': no data.pkl record (is it a PyTorch file?)", path);
  bool hasCode = std::any_of(a->zip_->entries().begin(), a->zip_->entries().end(),
                             [&](const ZipEntry& e) { return e.name.starts_with(a->root_ + "code/"); });
  a->kind_ = (hasCode || a->hasRecord("constants.pkl")) ? Kind::TorchScript : Kind::TorchSave;
  return a;
}

std::string Archive::kindDescription() const {
  switch (kind_) {
    case Kind::TorchScript: return "TorchScript archive (torch.jit.save)";
    case Kind::TorchSave: return "torch.save file (zip format)";
    case Kind::LegacyTorchSave: return "torch.save file (legacy format)";
  }
  return "?";
}

std::vector<std::string> Archive::recordNames() const {
  std::vector<std::string> out;
  if (!zip_) return out;
  for (const auto& e : zip_->entries()) out.push_back(e.name.substr(root_.size()));
  return out;
}

bool Archive::hasRecord(const std::string& name) const {
  return zip_ && zip_->find(root_ + name) != nullptr;
}

std::string Archive::readRecord(const std::string& name) const {
  SCONCE_CHECK(FormatError, hasRecord(name), "archive '{}' has no record '{}'", path_, name);
  return zip_->read(root_ + name);
}

std::optional<std::string> Archive::readRecordIfPresent(const std::string& name) const {
  if (!hasRecord(name)) return std::nullopt;
  return zip_->read(root_ + name);
}

std::string Archive::versionRecord() const {
  for (const char* name : {".data/version", "version"})
    if (hasRecord(name)) return name;
  return "";
}

std::optional<int64_t> Archive::formatVersion() const {
  std::string record = versionRecord();
  if (record.empty()) return std::nullopt;
  std::string text = readRecord(record);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
    text.pop_back();
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  SCONCE_CHECK(FormatError, ec == std::errc() && ptr == text.data() + text.size(),
               "corrupt archive '{}': record '{}' holds '{}', not a version number", path_,
               record, text);
  return v;
}

Storage Archive::loadStorage(const std::string& record, ScalarType dtype, int64_t numel) const {
  const ZipEntry* entry = zip_->find(root_ + record);
  SCONCE_CHECK(FormatError, entry != nullptr,
               "corrupt archive '{}': a tensor refers to storage record '{}', which is missing",
               path_, record);
  size_t es = elementSize(dtype);
  SCONCE_CHECK(FormatError, es > 0 && numel >= 0, "corrupt archive '{}': storage '{}' has invalid dtype or size",
               path_, record);
  // Compare in elements so a hostile numel cannot overflow the byte count.
  SCONCE_CHECK(FormatError, static_cast<uint64_t>(numel) <= entry->uncompressedSize / es,
               "corrupt archive '{}': storage '{}' claims {} elements of {} ({} bytes) but the "
               "record holds {} bytes",
               path_, record, numel, scalarTypeName(dtype),
               static_cast<unsigned long long>(numel) * es, entry->uncompressedSize);
  size_t nbytes = static_cast<size_t>(numel) * es;
  if (entry->stored()) {
    ZipBytes bytes = zip_->readStored(entry->name);
    return StorageImpl::borrow(const_cast<uint8_t*>(bytes.data), nbytes, std::move(bytes.owner));
  }
  std::string data = zip_->read(*entry);
  Storage s = StorageImpl::allocate(nbytes);
  std::memcpy(s->data(), data.data(), nbytes);
  return s;
}

IValue Archive::loadPickle(const std::string& pickleName, const std::string& storageDir,
                           const ClassResolver& resolveClass) const {
  if (kind_ == Kind::LegacyTorchSave) return loadLegacyTorchSave(file_->view());
  std::string bytes = readRecord(pickleName);
  UnpicklerOptions options;
  options.resolveClass = resolveClass;
  options.loadStorage = [&](const std::string& key, ScalarType dtype, int64_t numel,
                            const std::string& /*location: everything loads to the CPU*/) {
    return loadStorage(storageDir + "/" + key, dtype, numel);
  };
  try {
    Unpickler unpickler(bytes, std::move(options));
    return unpickler.parse();
  } catch (const FormatError& e) {
    // Name the file and record; the unpickler knows neither.
    std::string what = e.what();
    if (what.find(path_) == std::string::npos)
      throw FormatError(fmt::format("in '{}', record '{}': {}", path_, pickleName, what));
    throw;
  }
}

std::vector<IValue> Archive::loadConstants() const {
  if (!hasRecord("constants.pkl")) return {};
  IValue v = loadPickle("constants.pkl", "constants");
  SCONCE_CHECK(FormatError, v.isTuple(), "corrupt archive '{}': constants.pkl holds a {}, not a tuple",
               path_, v.tagName());
  return v.toTuple()->elements;
}

std::vector<std::string> Archive::codeFiles() const {
  std::vector<std::string> out;
  for (const auto& name : recordNames())
    if (name.starts_with("code/") && name.ends_with(".py")) out.push_back(name);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace sconce
