// Writing PyTorch files: torch.save-compatible zip archives of any IValue.
//
// The counterpart of Archive for output (`sconce run --output`, `sconce resave`): the
// value is pickled as torch.save does and each storage it references is written once as
// a 64-byte aligned `data/<key>` record, so torch.load (and torch.load(weights_only=True))
// reads it back with views still sharing storage. The file appears atomically: it is
// written to a temporary name and renamed only when complete.
#pragma once

#include <string>

#include "ir/ivalue.h"

namespace sconce {

/// Writes `value` to `path` in torch.save's zip format. Throws IoError when the file
/// cannot be written (nothing is left behind) and ValueError for values torch.save
/// cannot represent.
void saveTorchSave(const std::string& path, const IValue& value);

/// The same bytes, in memory.
std::string saveTorchSaveToBuffer(const IValue& value, const std::string& rootName = "archive");

}  // namespace sconce
