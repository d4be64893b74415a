// NumPy's .npy format (numpy.save / numpy.load), for `sconce run --input X.npy` and
// `--output Y.npy`.
//
// Hand-rolled: the format is a short text header plus raw bytes, Debian packages no C++
// library for it, and reading untrusted files needs the same checks as our pickle
// codec (sizes validated against the file before anything is allocated).
#pragma once

#include <string>
#include <string_view>

#include "tensor/tensor.h"

namespace sconce {

/// Reads a .npy file (format versions 1-3) into a contiguous tensor: dtypes bool,
/// (u)int8, int16/32/64, float16/32/64, complex64/128, either byte order, C or Fortran
/// order. Throws IoError when unreadable, FormatError when malformed, UnsupportedError
/// for dtypes Sconce has no tensor type for (uint16/32/64, strings, objects, records).
Tensor readNpy(const std::string& path);
/// The same, from bytes already in memory; `name` names them in errors.
Tensor parseNpy(std::string_view bytes, const std::string& name);

/// Writes `t` as a version-1 .npy file (little-endian, C order), atomically: a failure
/// leaves no file behind. bfloat16 has no NumPy dtype: UnsupportedError.
void writeNpy(const std::string& path, const Tensor& t);

}  // namespace sconce
