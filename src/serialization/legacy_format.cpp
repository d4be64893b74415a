// Legacy torch.save stream: five pickles and the storage records that follow them.
#include "serialization/legacy_format.h"

#include <cstring>
#include <unordered_map>

#include "serialization/unpickler.h"

namespace sconce {
namespace {

// LONG1 payload of torch.serialization.MAGIC_NUMBER = 0x1950a86a20f9469cfc6c.
constexpr std::string_view kMagic = "\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19";
constexpr int64_t kProtocolVersion = 1001;

struct PendingStorage {
  Storage storage;
  ScalarType dtype;
  int64_t numel;
  bool filled = false;
};

class LegacyReader {
 public:
  explicit LegacyReader(std::string_view bytes) : bytes_(bytes) {}

  IValue load() {
    IValue magic = next("magic number", {});
    SCONCE_CHECK(FormatError, magic.isBigInt() && magic.bigIntBytes() == kMagic.substr(2),
                 "legacy torch.save file has a wrong magic number");
    IValue version = next("protocol version", {});
    SCONCE_CHECK(FormatError, version.isInt() && version.toInt() == kProtocolVersion,
                 "legacy torch.save file has protocol version {}, expected {}",
                 version.isInt() ? std::to_string(version.toInt()) : std::string(version.tagName()),
                 kProtocolVersion);
    IValue sysInfo = next("sys_info", {});
    SCONCE_CHECK(FormatError, sysInfo.isDict(), "legacy torch.save file has a malformed sys_info");
    const IValue* littleEndian = sysInfo.dictRef().find(IValue("little_endian"));
    SCONCE_CHECK(UnsupportedError,
                 !littleEndian || (littleEndian->isBool() && littleEndian->toBool()),
                 "legacy torch.save file was written on a big-endian machine");

    UnpicklerOptions options;
    options.loadStorage = [this](const std::string& key, ScalarType dtype, int64_t numel,
                                 const std::string&) { return allocate(key, dtype, numel); };
    IValue result = next("main", std::move(options));
    IValue keys = next("storage keys", {});
    SCONCE_CHECK(FormatError, keys.isList(), "legacy torch.save file: storage keys are not a list");
    for (const IValue& key : keys.listRef().elements) {
      SCONCE_CHECK(FormatError, key.isString(), "legacy torch.save file: a storage key is a {}",
                   key.tagName());
      fill(key.toStringRef());
    }
    for (const auto& [key, p] : pending_)
      SCONCE_CHECK(FormatError, p.filled, "legacy torch.save file: storage '{}' has no data", key);
    return result;
  }

 private:
  IValue next(const char* what, UnpicklerOptions options) {
    size_t start = pos_;
    try {
      Unpickler unpickler(bytes_.substr(pos_), std::move(options));
      IValue v = unpickler.parse();
      pos_ += unpickler.bytesConsumed();
      return v;
    } catch (const UnsupportedError& e) {
      fail<UnsupportedError>("legacy torch.save file, {} pickle at byte {}: {}", what, start,
                             e.what());
    } catch (const FormatError& e) {
      fail<FormatError>("legacy torch.save file, {} pickle at byte {}: {}", what, start, e.what());
    }
  }

  // Every storage byte must follow in the file, so the total claimed is bounded by the
  // file size: no allocation is sized by a count the input cannot back.
  Storage allocate(const std::string& key, ScalarType dtype, int64_t numel) {
    uint64_t nbytes = static_cast<uint64_t>(numel) * elementSize(dtype);
    SCONCE_CHECK(FormatError, nbytes <= bytes_.size() - claimed_,
                 "storage '{}' claims {} bytes, more than the file holds", key, nbytes);
    claimed_ += nbytes;
    Storage s = StorageImpl::allocate(nbytes);
    pending_.emplace(key, PendingStorage{s, dtype, numel});
    return s;
  }

  void fill(const std::string& key) {
    auto it = pending_.find(key);
    SCONCE_CHECK(FormatError, it != pending_.end() && !it->second.filled,
                 "legacy torch.save file lists storage '{}' twice or without using it", key);
    PendingStorage& p = it->second;
    SCONCE_CHECK(FormatError, bytes_.size() - pos_ >= 8,
                 "legacy torch.save file is truncated in the header of storage '{}'", key);
    int64_t numel;
    std::memcpy(&numel, bytes_.data() + pos_, 8);  // little-endian, checked by sys_info
    pos_ += 8;
    SCONCE_CHECK(FormatError, numel == p.numel,
                 "legacy torch.save file: storage '{}' has {} elements, its pickle said {}", key,
                 numel, p.numel);
    size_t nbytes = p.storage->nbytes();
    SCONCE_CHECK(FormatError, bytes_.size() - pos_ >= nbytes,
                 "legacy torch.save file is truncated in storage '{}' ({} bytes needed, {} left)",
                 key, nbytes, bytes_.size() - pos_);
    if (nbytes) std::memcpy(p.storage->data(), bytes_.data() + pos_, nbytes);
    pos_ += nbytes;
    p.filled = true;
  }

  std::string_view bytes_;
  size_t pos_ = 0;
  uint64_t claimed_ = 0;
  std::unordered_map<std::string, PendingStorage> pending_;
};

}  // namespace

bool isLegacyTorchSave(std::string_view bytes) {
  // PROTO n, then (after a FRAME for protocol 4+) the LONG1 magic number.
  return bytes.size() >= 2 && bytes[0] == '\x80' &&
         bytes.substr(0, 32).find(kMagic) != std::string_view::npos;
}

IValue loadLegacyTorchSave(std::string_view bytes) { return LegacyReader(bytes).load(); }

}  // namespace sconce
