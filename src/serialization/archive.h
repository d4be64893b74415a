// Archive: an opened PyTorch file — a TorchScript archive, a torch.save zip, or a
// legacy (pre-1.6) torch.save stream — with typed access to its records.
//
// This is the one place that knows PyTorch's file layout: the common root folder,
// `version` vs `.data/version`, `data.pkl` + `data/<key>` storages, `constants.pkl` +
// `constants/<key>`, `code/**.py`. Tensor storages borrow the memory-mapped file
// (zero copy) whenever the record is stored uncompressed, which PyTorch always does.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "serialization/unpickler.h"
#include "serialization/zip_reader.h"

namespace sconce {

class Archive {
 public:
  enum class Kind {
    TorchScript,      // torch.jit.save: has code/ and constants.pkl
    TorchSave,        // torch.save, zip format (PyTorch >= 1.6)
    LegacyTorchSave,  // torch.save, the older single-stream format
  };

  /// Opens `path`, detecting its kind from the bytes. Throws IoError when the file
  /// cannot be read, FormatError when it is no PyTorch file or is corrupt.
  static std::shared_ptr<const Archive> open(const std::string& path);

  Kind kind() const { return kind_; }
  /// "TorchScript archive", "torch.save file (zip)", "torch.save file (legacy format)".
  std::string kindDescription() const;
  const std::string& path() const { return path_; }
  /// The folder all records share ("model/"); empty for legacy files.
  const std::string& root() const { return root_; }

  /// Record names relative to the root, in file order (empty for legacy files).
  std::vector<std::string> recordNames() const;
  bool hasRecord(const std::string& name) const;
  /// A record's bytes (inflated if needed). Throws FormatError when absent.
  std::string readRecord(const std::string& name) const;
  std::optional<std::string> readRecordIfPresent(const std::string& name) const;

  /// The file format version (`version`, or `.data/version` as PyTorch 2.x and
  /// newer-op archives write it); nullopt for legacy files.
  std::optional<int64_t> formatVersion() const;
  /// Which record held the version ("version" or ".data/version"), or "".
  std::string versionRecord() const;

  /// Unpickles `pickleName` (e.g. "data.pkl"), loading storages from
  /// `<storageDir>/<key>` records. For legacy files, returns the saved value.
  IValue loadPickle(const std::string& pickleName, const std::string& storageDir,
                    const ClassResolver& resolveClass = {}) const;
  /// data.pkl (the module object or saved value).
  IValue loadData(const ClassResolver& resolveClass = {}) const {
    return loadPickle("data.pkl", "data", resolveClass);
  }
  /// The values of constants.pkl (a TorchScript archive's CONSTANTS.cN), or empty.
  std::vector<IValue> loadConstants() const;
  /// Paths of `code/**.py` records, sorted.
  std::vector<std::string> codeFiles() const;

 private:
  Archive() = default;
  Storage loadStorage(const std::string& record, ScalarType dtype, int64_t numel) const;

  Kind kind_ = Kind::TorchSave;
  std::string path_;
  std::string root_;
  std::optional<ZipReader> zip_;
  std::shared_ptr<const MappedFile> file_;
};

}  // namespace sconce
