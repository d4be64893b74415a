// Zip on-disk constants and little-endian helpers shared by ZipReader and ZipWriter.
//
// One place for the record signatures, fixed header sizes and sentinel values of the
// zip format (APPNOTE.TXT 6.3), so the reader and the writer cannot drift apart.
#pragma once

#include <cstdint>
#include <string>

namespace sconce::zip {

constexpr uint32_t kLocalHeaderSig = 0x04034b50;       // "PK\3\4"
constexpr uint32_t kCentralHeaderSig = 0x02014b50;     // "PK\1\2"
constexpr uint32_t kEocdSig = 0x06054b50;              // "PK\5\6"
constexpr uint32_t kZip64EocdSig = 0x06064b50;         // "PK\6\6"
constexpr uint32_t kZip64LocatorSig = 0x07064b50;      // "PK\6\7"

constexpr size_t kLocalHeaderSize = 30;
constexpr size_t kCentralHeaderSize = 46;
constexpr size_t kEocdSize = 22;
constexpr size_t kZip64EocdSize = 56;
constexpr size_t kZip64LocatorSize = 20;
constexpr size_t kMaxCommentSize = 0xFFFF;

constexpr uint16_t kZip64ExtraId = 0x0001;
/// PyTorch's padding extra field: header id bytes 'F','B', payload of 'Z' bytes.
constexpr uint16_t kPaddingExtraId = 'F' | ('B' << 8);

constexpr uint16_t kMethodStored = 0;
constexpr uint16_t kMethodDeflated = 8;
constexpr uint16_t kFlagEncrypted = 0x0001;
constexpr uint16_t kFlagStrongEncryption = 0x0040;
constexpr uint16_t kFlagUtf8 = 0x0800;

constexpr uint32_t kMax32 = 0xFFFFFFFF;  // also the "see zip64 extra" sentinel
constexpr uint16_t kMax16 = 0xFFFF;

/// PyTorch aligns every record's data to this many bytes (caffe2 kFieldAlignment).
constexpr uint64_t kRecordAlignment = 64;

inline uint16_t load16(const uint8_t* p) { return uint16_t(p[0] | (p[1] << 8)); }
inline uint32_t load32(const uint8_t* p) { return uint32_t(load16(p)) | uint32_t(load16(p + 2)) << 16; }
inline uint64_t load64(const uint8_t* p) { return uint64_t(load32(p)) | uint64_t(load32(p + 4)) << 32; }

inline void put16(std::string& out, uint16_t v) {
  out.push_back(char(v & 0xFF));
  out.push_back(char(v >> 8));
}
inline void put32(std::string& out, uint32_t v) {
  put16(out, uint16_t(v));
  put16(out, uint16_t(v >> 16));
}
inline void put64(std::string& out, uint64_t v) {
  put32(out, uint32_t(v));
  put32(out, uint32_t(v >> 32));
}

}  // namespace sconce::zip
