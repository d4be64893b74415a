// ZipReader: parsing and bounds-checking of the zip structures, inflate and CRC via zlib.
//
// The parse runs end to start: find the end-of-central-directory record (and its zip64
// twin), then walk the central directory, resolving each entry's local header to the
// offset of its data. Everything read is checked with fits() first, so a hostile file
// yields a FormatError and never an out-of-bounds read or an outsized allocation.
#include "serialization/zip_reader.h"

#include <zlib.h>

#include <algorithm>

#include "serialization/zip_format.h"
#include "support/error.h"

namespace sconce {

using namespace zip;

namespace {

/// Deflate never expands more than 1032:1 (RFC 1951 max-length matches), plus slack
/// for a final partial block; a larger claim is a lie, refused before allocating.
constexpr uint64_t kMaxDeflateRatio = 1032;
constexpr uint64_t kDeflateSlack = 1024;
/// zlib counts in 32-bit uInt; larger ranges are fed in chunks of this size.
constexpr uint64_t kZlibChunk = uint64_t(1) << 30;

/// Whether [offset, offset + size) lies within [0, limit), without overflow.
bool fits(uint64_t offset, uint64_t size, uint64_t limit) {
  return offset <= limit && size <= limit - offset;
}

template <class... Args>
[[noreturn]] void corrupt(const std::string& path, fmt::format_string<Args...> format,
                          Args&&... args) {
  throw FormatError(fmt::format("corrupt archive '{}': {}", path,
                                fmt::format(format, std::forward<Args>(args)...)));
}

uint32_t computeCrc(const uint8_t* data, uint64_t size) {
  uLong crc = ::crc32_z(0, nullptr, 0);
  return uint32_t(::crc32_z(crc, data, size));
}

}  // namespace

ZipReader::ZipReader(std::shared_ptr<const MappedFile> file) : file_(std::move(file)) {
  SCONCE_ASSERT(file_ != nullptr);
  parseDirectory(findDirectory());
}

ZipReader ZipReader::open(const std::string& path) { return ZipReader(MappedFile::open(path)); }

ZipReader::Directory ZipReader::findDirectory() const {
  const uint8_t* data = file_->data();
  const uint64_t size = file_->size();
  if (size < kEocdSize)
    corrupt(path(), "too small to be a zip file ({} bytes)", size);

  // The EOCD record is followed only by its comment (up to 64 KiB), so scan backwards.
  // Prefer a record whose comment ends exactly at EOF (a comment may itself contain the
  // signature); else take the last one that fits, tolerating trailing junk.
  uint64_t eocd = size, lenient = size;
  uint64_t lowest = size - kEocdSize > kMaxCommentSize ? size - kEocdSize - kMaxCommentSize : 0;
  for (uint64_t pos = size - kEocdSize + 1; pos-- > lowest;) {
    if (load32(data + pos) != kEocdSig) continue;
    uint64_t recordEnd = pos + kEocdSize + load16(data + pos + 20);
    if (recordEnd == size) {
      eocd = pos;
      break;
    }
    if (recordEnd < size && lenient == size) lenient = pos;
  }
  if (eocd == size) eocd = lenient;
  if (eocd == size)
    corrupt(path(), "no end-of-central-directory record found (not a zip file?)");

  const uint8_t* p = data + eocd;
  uint64_t disk = load16(p + 4), dirDisk = load16(p + 6), diskCount = load16(p + 8);
  Directory dir{load32(p + 16), load32(p + 12), load16(p + 10)};
  uint64_t endRecords = eocd;

  if (eocd >= kZip64LocatorSize && load32(p - kZip64LocatorSize) == kZip64LocatorSig) {
    uint64_t recordOffset = load64(p - kZip64LocatorSize + 8);
    uint64_t locator = eocd - kZip64LocatorSize;
    if (!fits(recordOffset, kZip64EocdSize, locator))
      corrupt(path(), "zip64 end-of-central-directory record offset {} is out of bounds "
              "(locator at {})", recordOffset, locator);
    const uint8_t* r = data + recordOffset;
    if (load32(r) != kZip64EocdSig)
      corrupt(path(), "bad zip64 end-of-central-directory signature at offset {}", recordOffset);
    disk = load32(r + 16);
    dirDisk = load32(r + 20);
    diskCount = load64(r + 24);
    dir = {load64(r + 48), load64(r + 40), load64(r + 32)};
    endRecords = recordOffset;
  }
  if (disk != 0 || dirDisk != 0 || diskCount != dir.count)
    fail<UnsupportedError>("archive '{}' spans several disks, which is not supported", path());
  if (!fits(dir.offset, dir.size, size))
    corrupt(path(), "central directory extends past end of file (offset {}, size {}, file size {})",
            dir.offset, dir.size, size);
  if (dir.offset + dir.size > endRecords)
    corrupt(path(), "central directory (offset {}, size {}) overlaps its end record at {}",
            dir.offset, dir.size, endRecords);
  if (dir.count > dir.size / kCentralHeaderSize)
    corrupt(path(), "central directory declares {} entries but its {} bytes hold at most {}",
            dir.count, dir.size, dir.size / kCentralHeaderSize);
  return dir;
}

void ZipReader::parseDirectory(const Directory& dir) {
  const uint8_t* data = file_->data();
  const uint64_t end = dir.offset + dir.size;
  uint64_t pos = dir.offset;
  entries_.reserve(dir.count);
  for (uint64_t i = 0; i < dir.count; ++i) {
    if (end - pos < kCentralHeaderSize)
      corrupt(path(), "central directory entry {} is truncated", i);
    const uint8_t* h = data + pos;
    if (load32(h) != kCentralHeaderSig)
      corrupt(path(), "bad signature for central directory entry {} at offset {}", i, pos);
    uint16_t flags = load16(h + 8);
    uint16_t nameLen = load16(h + 28), extraLen = load16(h + 30), commentLen = load16(h + 32);
    uint64_t recordLen = kCentralHeaderSize + nameLen + extraLen + commentLen;
    if (end - pos < recordLen)
      corrupt(path(), "central directory entry {} is truncated", i);

    ZipEntry entry;
    entry.name.assign(reinterpret_cast<const char*>(h + kCentralHeaderSize), nameLen);
    entry.method = load16(h + 10);
    entry.crc32 = load32(h + 16);
    uint32_t csize32 = load32(h + 20), usize32 = load32(h + 24), offset32 = load32(h + 42);
    entry.compressedSize = csize32;
    entry.uncompressedSize = usize32;
    uint64_t headerOffset = offset32;
    parseZip64Extra(h + kCentralHeaderSize + nameLen, extraLen, entry, headerOffset, usize32,
                    csize32, offset32);

    if (flags & (kFlagEncrypted | kFlagStrongEncryption))
      fail<UnsupportedError>("archive '{}': entry '{}' is encrypted, which is not supported",
                             path(), entry.name);
    if (entry.method != kMethodStored && entry.method != kMethodDeflated)
      fail<UnsupportedError>("archive '{}': entry '{}' uses compression method {}; only stored "
                             "(0) and deflated (8) are supported", path(), entry.name, entry.method);
    if (entry.stored() && entry.compressedSize != entry.uncompressedSize)
      corrupt(path(), "stored entry '{}' has compressed size {} but uncompressed size {}",
              entry.name, entry.compressedSize, entry.uncompressedSize);
    entry.dataOffset = localDataOffset(entry, headerOffset);
    if (!fits(entry.dataOffset, entry.compressedSize, file_->size()))
      corrupt(path(), "entry '{}' extends past end of file (offset {}, size {}, file size {})",
              entry.name, entry.dataOffset, entry.compressedSize, file_->size());
    if (!entry.stored() &&
        entry.uncompressedSize > entry.compressedSize * kMaxDeflateRatio + kDeflateSlack)
      corrupt(path(), "entry '{}' claims {} uncompressed bytes, more than deflate can produce "
              "from {} compressed bytes", entry.name, entry.uncompressedSize, entry.compressedSize);

    entries_.push_back(std::move(entry));
    pos += recordLen;
  }
  // Built after the vector is final: the keys view the names it owns.
  index_.reserve(entries_.size());
  for (size_t i = 0; i < entries_.size(); ++i)
    if (!index_.emplace(entries_[i].name, i).second)
      corrupt(path(), "duplicate entry '{}'", entries_[i].name);
}

void ZipReader::parseZip64Extra(const uint8_t* extra, size_t length, ZipEntry& entry,
                                uint64_t& headerOffset, uint32_t size32, uint32_t csize32,
                                uint32_t offset32) const {
  if (size32 != kMax32 && csize32 != kMax32 && offset32 != kMax32) return;
  for (size_t pos = 0; pos + 4 <= length;) {
    uint16_t id = load16(extra + pos), blockLen = load16(extra + pos + 2);
    if (blockLen > length - pos - 4) break;  // malformed tail; only zip64 data matters
    if (id == kZip64ExtraId) {
      // Fields appear, in this order, only for the 32-bit values that are saturated.
      const uint8_t* field = extra + pos + 4;
      size_t left = blockLen;
      auto next = [&](uint64_t& value) {
        if (left < 8)
          corrupt(path(), "entry '{}' has a truncated zip64 extra field", entry.name);
        value = load64(field);
        field += 8;
        left -= 8;
      };
      if (size32 == kMax32) next(entry.uncompressedSize);
      if (csize32 == kMax32) next(entry.compressedSize);
      if (offset32 == kMax32) next(headerOffset);
      return;
    }
    pos += 4 + blockLen;
  }
}

uint64_t ZipReader::localDataOffset(const ZipEntry& entry, uint64_t headerOffset) const {
  const uint64_t size = file_->size();
  if (!fits(headerOffset, kLocalHeaderSize, size))
    corrupt(path(), "local header of entry '{}' extends past end of file (offset {}, size {}, "
            "file size {})", entry.name, headerOffset, kLocalHeaderSize, size);
  const uint8_t* h = file_->data() + headerOffset;
  if (load32(h) != kLocalHeaderSig)
    corrupt(path(), "bad local header signature for entry '{}' at offset {}", entry.name,
            headerOffset);
  uint64_t nameLen = load16(h + 26), extraLen = load16(h + 28);
  if (!fits(headerOffset + kLocalHeaderSize, nameLen + extraLen, size))
    corrupt(path(), "local header of entry '{}' extends past end of file (offset {}, size {}, "
            "file size {})", entry.name, headerOffset, kLocalHeaderSize + nameLen + extraLen, size);
  std::string_view localName(reinterpret_cast<const char*>(h + kLocalHeaderSize), nameLen);
  if (localName != entry.name)
    corrupt(path(), "entry '{}' is named '{}' in its local header", entry.name, localName);
  return headerOffset + kLocalHeaderSize + nameLen + extraLen;
}

const ZipEntry* ZipReader::find(std::string_view name) const {
  auto it = index_.find(name);
  return it == index_.end() ? nullptr : &entries_[it->second];
}

const ZipEntry& ZipReader::at(std::string_view name) const {
  const ZipEntry* entry = find(name);
  if (!entry) fail<FormatError>("archive '{}' has no record '{}'", path(), name);
  return *entry;
}

ZipBytes ZipReader::readStored(std::string_view name) const {
  const ZipEntry& entry = at(name);
  if (!entry.stored())
    fail<FormatError>("archive '{}': entry '{}' is compressed (method {}) so it cannot be used "
                      "in place", path(), entry.name, entry.method);
  return {file_->data() + entry.dataOffset, size_t(entry.compressedSize), file_};
}

std::string ZipReader::read(std::string_view name) const { return read(at(name)); }

std::string ZipReader::read(const ZipEntry& entry) const {
  std::string bytes = entry.stored()
      ? std::string(reinterpret_cast<const char*>(file_->data() + entry.dataOffset),
                    entry.compressedSize)
      : inflate(entry);
  uint32_t crc = computeCrc(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  if (crc != entry.crc32)
    corrupt(path(), "entry '{}' fails its CRC check (recorded {:08x}, computed {:08x})",
            entry.name, entry.crc32, crc);
  return bytes;
}

std::string ZipReader::inflate(const ZipEntry& entry) const {
  z_stream zs{};
  if (inflateInit2(&zs, -MAX_WBITS) != Z_OK)  // raw deflate: zip has no zlib header
    fail<InternalError>("zlib inflateInit2 failed");
  struct End {
    z_stream* zs;
    ~End() { inflateEnd(zs); }
  } end{&zs};

  // Sized by a claim already capped by the deflate ratio against real input bytes.
  std::string out(entry.uncompressedSize, '\0');
  const uint8_t* in = file_->data() + entry.dataOffset;
  uint64_t inLeft = entry.compressedSize, done = 0;
  unsigned char spare;  // once `out` is full, any further output proves the size a lie
  for (;;) {
    if (zs.avail_in == 0 && inLeft > 0) {
      uint64_t chunk = std::min(inLeft, kZlibChunk);
      zs.next_in = const_cast<Bytef*>(in);
      zs.avail_in = uInt(chunk);
      in += chunk;
      inLeft -= chunk;
    }
    bool full = done == out.size();
    uInt room = full ? 1 : uInt(std::min(out.size() - done, kZlibChunk));
    zs.next_out = full ? &spare : reinterpret_cast<Bytef*>(out.data() + done);
    zs.avail_out = room;
    int rc = ::inflate(&zs, Z_NO_FLUSH);
    uInt produced = room - zs.avail_out;
    if (full && produced > 0)
      corrupt(path(), "entry '{}' inflates to more than its declared {} bytes", entry.name,
              out.size());
    if (!full) done += produced;
    if (rc == Z_STREAM_END) break;
    if (rc == Z_BUF_ERROR && zs.avail_in == 0 && inLeft == 0)
      corrupt(path(), "entry '{}' has a truncated deflate stream", entry.name);
    if (rc != Z_OK)
      corrupt(path(), "entry '{}' has invalid deflate data ({})", entry.name,
              zs.msg ? zs.msg : "zlib error " + std::to_string(rc));
  }
  if (done != out.size())
    corrupt(path(), "entry '{}' inflates to {} bytes but declares {}", entry.name, done,
            out.size());
  return out;
}

std::string ZipReader::commonRoot() const {
  if (entries_.empty()) return {};
  const std::string& first = entries_.front().name;
  size_t slash = first.find('/');
  if (slash == std::string::npos || slash == 0) return {};
  std::string_view root(first.data(), slash + 1);
  for (const ZipEntry& entry : entries_)
    if (!std::string_view(entry.name).starts_with(root)) return {};
  return std::string(root);
}

}  // namespace sconce
