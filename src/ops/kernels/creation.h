// Factory ops: zeros/ones/full/empty and their _like/new_ forms, ranges (arange,
// linspace, logspace), eye, tensors from literal values, index grids, and random ops.
//
// TorchScript calls these with optional dtypes that PyTorch fills in by its own rules
// (an int fill value makes an int64 tensor, a float range the default dtype), and the
// values of ranges must be bit-identical to PyTorch's, whose CPU kernels round in a
// particular order; both are reproduced here. TensorOptions is reduced to what a CPU
// runtime observes: dtype and device (layout and pin_memory have one meaningful value).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "tensor/scalar.h"
#include "tensor/tensor.h"

namespace sconce::ops {

/// torch.memory_format with PyTorch's numbering (what `memory_format=` ints mean).
enum class MemoryFormat : int8_t { Contiguous = 0, Preserve = 1, ChannelsLast = 2, ChannelsLast3d = 3 };

/// Throws PyTorch's "Trying to create tensor with negative dimension -1: [2, -1]".
void checkSizeNonnegative(IntArrayRef size);

// ---- filled tensors -----------------------------------------------------------------
// dtype defaults to float32 (torch.get_default_dtype()) unless stated otherwise.

/// aten::empty.memory_format; contents are zero (our allocator zeroes), not garbage.
Tensor empty(IntArrayRef size, std::optional<ScalarType> dtype = std::nullopt, Device device = {},
             std::optional<MemoryFormat> memoryFormat = std::nullopt);
Tensor empty_strided(IntArrayRef size, IntArrayRef stride,
                     std::optional<ScalarType> dtype = std::nullopt, Device device = {});
Tensor zeros(IntArrayRef size, std::optional<ScalarType> dtype = std::nullopt, Device device = {});
Tensor ones(IntArrayRef size, std::optional<ScalarType> dtype = std::nullopt, Device device = {});
/// aten::full: without dtype, a bool fill gives bool, an int fill int64, a float fill
/// the default dtype.
Tensor full(IntArrayRef size, const Scalar& fillValue,
            std::optional<ScalarType> dtype = std::nullopt, Device device = {});
/// aten::scalar_tensor: a 0-d tensor of the default dtype unless dtype is given.
Tensor scalar_tensor(const Scalar& s, std::optional<ScalarType> dtype = std::nullopt,
                     Device device = {});
/// torch.tensor(data) for rectangular nested lists, flattened row-major into `values`
/// with `shape`. Without dtype: any float gives the default dtype, else any int gives
/// int64, else bool (an empty list is the default dtype).
Tensor tensor(std::span<const Scalar> values, IntArrayRef shape,
              std::optional<ScalarType> dtype = std::nullopt, Device device = {});

/// aten::empty_like & co: dtype defaults to self's; memoryFormat defaults to Preserve
/// (self's strides if dense and non-overlapping, else dense strides in self's dim order).
Tensor empty_like(const Tensor& self, std::optional<ScalarType> dtype = std::nullopt,
                  std::optional<MemoryFormat> memoryFormat = std::nullopt);
Tensor zeros_like(const Tensor& self, std::optional<ScalarType> dtype = std::nullopt,
                  std::optional<MemoryFormat> memoryFormat = std::nullopt);
Tensor ones_like(const Tensor& self, std::optional<ScalarType> dtype = std::nullopt,
                 std::optional<MemoryFormat> memoryFormat = std::nullopt);
Tensor full_like(const Tensor& self, const Scalar& fillValue,
                 std::optional<ScalarType> dtype = std::nullopt,
                 std::optional<MemoryFormat> memoryFormat = std::nullopt);
/// Tensor.new_empty/new_zeros/new_ones/new_full: dtype defaults to self's, contiguous.
Tensor new_empty(const Tensor& self, IntArrayRef size, std::optional<ScalarType> dtype = std::nullopt);
Tensor new_empty_strided(const Tensor& self, IntArrayRef size, IntArrayRef stride,
                         std::optional<ScalarType> dtype = std::nullopt);
Tensor new_zeros(const Tensor& self, IntArrayRef size, std::optional<ScalarType> dtype = std::nullopt);
Tensor new_ones(const Tensor& self, IntArrayRef size, std::optional<ScalarType> dtype = std::nullopt);
Tensor new_full(const Tensor& self, IntArrayRef size, const Scalar& fillValue,
                std::optional<ScalarType> dtype = std::nullopt);

// ---- ranges and grids ---------------------------------------------------------------

/// aten::arange(end), arange.start(start, end), arange.start_step: int64 when all
/// bounds are integers, else the default dtype. Size is ceil((end - start) / step)
/// computed in double (in int64 for int64 results), values as PyTorch's CPU kernel.
Tensor arange(const Scalar& end, std::optional<ScalarType> dtype = std::nullopt, Device device = {});
Tensor arange(const Scalar& start, const Scalar& end,
              std::optional<ScalarType> dtype = std::nullopt, Device device = {});
Tensor arange(const Scalar& start, const Scalar& end, const Scalar& step,
              std::optional<ScalarType> dtype = std::nullopt, Device device = {});
/// aten::linspace / logspace: `steps` points from start to end (default dtype).
Tensor linspace(const Scalar& start, const Scalar& end, int64_t steps,
                std::optional<ScalarType> dtype = std::nullopt, Device device = {});
Tensor logspace(const Scalar& start, const Scalar& end, int64_t steps, double base = 10.0,
                std::optional<ScalarType> dtype = std::nullopt, Device device = {});
/// aten::eye(n) and eye.m(n, m).
Tensor eye(int64_t n, std::optional<ScalarType> dtype = std::nullopt, Device device = {});
Tensor eye(int64_t n, int64_t m, std::optional<ScalarType> dtype = std::nullopt, Device device = {});
/// aten::tril_indices / triu_indices: a [2, N] tensor of (row, col) pairs, row-major.
Tensor tril_indices(int64_t row, int64_t col, int64_t offset = 0,
                    std::optional<ScalarType> dtype = std::nullopt, Device device = {});
Tensor triu_indices(int64_t row, int64_t col, int64_t offset = 0,
                    std::optional<ScalarType> dtype = std::nullopt, Device device = {});
/// aten::meshgrid.indexing ("ij" or "xy"): expanded views of the 0-d/1-d inputs.
std::vector<Tensor> meshgrid(const std::vector<Tensor>& tensors, std::string_view indexing = "ij");
/// aten::cartesian_prod of 1-d tensors: [N, k] rows of all combinations.
Tensor cartesian_prod(const std::vector<Tensor>& tensors);
/// aten::diag: a 1-d input becomes a square matrix with it on the `diagonal`-th
/// diagonal; a 2-d input gives a copy of that diagonal.
Tensor diag(const Tensor& self, int64_t diagonal = 0);
/// aten::diag_embed: the last dim of self on the diagonal of new dims (dim1, dim2).
Tensor diag_embed(const Tensor& self, int64_t offset = 0, int64_t dim1 = -2, int64_t dim2 = -1);
/// aten::diagflat: diag of the flattened input.
Tensor diagflat(const Tensor& self, int64_t offset = 0);

// ---- random -------------------------------------------------------------------------
// One process-wide generator (mt19937_64). PyTorch's random streams are not
// reproduced: only distributions, shapes and dtypes match.

/// torch.manual_seed: reseeds the generator.
void manual_seed(uint64_t seed);
/// aten::rand / randn: uniform [0, 1) and standard normal, default dtype.
Tensor rand(IntArrayRef size, std::optional<ScalarType> dtype = std::nullopt, Device device = {});
Tensor randn(IntArrayRef size, std::optional<ScalarType> dtype = std::nullopt, Device device = {});
Tensor rand_like(const Tensor& self, std::optional<ScalarType> dtype = std::nullopt);
Tensor randn_like(const Tensor& self, std::optional<ScalarType> dtype = std::nullopt);
/// aten::randint(high, size) / randint.low(low, high, size): uniform integers in
/// [low, high); int64 by default.
Tensor randint(int64_t high, IntArrayRef size, std::optional<ScalarType> dtype = std::nullopt,
               Device device = {});
Tensor randint(int64_t low, int64_t high, IntArrayRef size,
               std::optional<ScalarType> dtype = std::nullopt, Device device = {});
Tensor randint_like(const Tensor& self, int64_t low, int64_t high,
                    std::optional<ScalarType> dtype = std::nullopt);
/// aten::randperm: a random permutation of 0..n-1 (int64 by default).
Tensor randperm(int64_t n, std::optional<ScalarType> dtype = std::nullopt, Device device = {});
/// aten::normal.float_float(mean, std, size).
Tensor normal(double mean, double std, IntArrayRef size,
              std::optional<ScalarType> dtype = std::nullopt, Device device = {});
/// In-place fills: uniform_(from, to), normal_(mean, std), bernoulli_(p). Return self.
const Tensor& uniform_(const Tensor& self, double from = 0.0, double to = 1.0);
const Tensor& normal_(const Tensor& self, double mean = 0.0, double std = 1.0);
const Tensor& bernoulli_(const Tensor& self, double p = 0.5);
/// aten::bernoulli(self): 1 with probability self[i] (floating self), same dtype.
Tensor bernoulli(const Tensor& self);
/// aten::bernoulli.p(self, p).
Tensor bernoulli(const Tensor& self, double p);
/// aten::dropout: identity unless train; else zeroes elements with probability p and
/// scales the rest by 1 / (1 - p).
Tensor dropout(const Tensor& input, double p, bool train);

}  // namespace sconce::ops
