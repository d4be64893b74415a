// Reader for the legacy (non-zip) torch.save format, `_use_new_zipfile_serialization=False`.
//
// Before PyTorch 1.6, and still on request, torch.save wrote one stream: a pickle of a
// magic number, one of the protocol version (1001), one of sys_info (endianness and C
// type sizes), the main pickle whose persistent ids are
// `('storage', torch.XStorage, key, location, numel, view_metadata)`, a pickle of the
// storage keys, then for each key an 8-byte little-endian element count followed by the
// raw bytes. Models and checkpoints in this format are still common, so we read it;
// every count is checked against the bytes actually present.
#pragma once

#include <string_view>

#include "ir/ivalue.h"

namespace sconce {

/// True when `bytes` start with the legacy format's magic-number pickle.
bool isLegacyTorchSave(std::string_view bytes);

/// Loads a whole legacy torch.save stream. Storages are copied into owned memory (they
/// sit unaligned in the file); the bytes they claim may not exceed the input's size.
/// Throws FormatError for malformed input (naming which part), UnsupportedError for
/// big-endian files and storage views, and whatever the Unpickler rejects.
IValue loadLegacyTorchSave(std::string_view bytes);

}  // namespace sconce
