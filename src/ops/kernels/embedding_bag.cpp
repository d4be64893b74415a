// aten::embedding_bag / _embedding_bag / _embedding_bag_forward_only: sums, means or
// maxima of bags of embedding rows (nn.EmbeddingBag, F.embedding_bag).
//
// The first output is the result. The other three are what PyTorch's CPU kernel hands to
// its backward pass: offset2bag (the bag of each index), bag_size (indices per bag,
// padding excluded) and max_indices (for mode 'max', the row each maximum came from;
// otherwise bag_size again, as PyTorch returns). Programs only use the first; the others
// follow PyTorch's definitions but are not bit-compared with it.
#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "ops/boxing.h"
#include "ops/kernels/extra.h"
#include "ops/kernels/shape.h"

namespace sconce::ops {
namespace {

std::vector<int64_t> readInts(const Tensor& t) {
  Tensor c = t.contiguous();
  std::vector<int64_t> out(static_cast<size_t>(c.numel()));
  for (int64_t i = 0; i < c.numel(); ++i) out[static_cast<size_t>(i)] = c.itemAsInt(i);
  return out;
}

template <class T>
void accumulate(const Tensor& weight, const std::vector<int64_t>& indices, const std::vector<int64_t>& begins,
                const std::vector<int64_t>& ends, int64_t mode, const std::optional<Tensor>& perSampleWeights,
                int64_t paddingIdx, Tensor& out, Tensor& bagSize, Tensor& maxIndices) {
  const int64_t dim = weight.size(1);
  Tensor w = weight.contiguous();
  const T* table = w.data<T>();
  T* dst = out.data<T>();
  int64_t* sizes = bagSize.data<int64_t>();
  int64_t* argmax = mode == 2 ? maxIndices.data<int64_t>() : nullptr;
  std::vector<double> psw;
  if (perSampleWeights) {
    Tensor p = perSampleWeights->contiguous();
    psw.resize(static_cast<size_t>(p.numel()));
    for (int64_t i = 0; i < p.numel(); ++i) psw[static_cast<size_t>(i)] = p.itemAsDouble(i);
  }
  std::vector<double> acc(static_cast<size_t>(dim));
  for (size_t bag = 0; bag < begins.size(); ++bag) {
    std::fill(acc.begin(), acc.end(), mode == 2 ? -std::numeric_limits<double>::infinity() : 0.0);
    std::vector<int64_t> arg(static_cast<size_t>(dim), -1);
    int64_t count = 0;
    for (int64_t i = begins[bag]; i < ends[bag]; ++i) {
      int64_t row = indices[static_cast<size_t>(i)];
      if (row == paddingIdx) continue;
      ++count;
      const T* src = table + row * dim;
      double scale = psw.empty() ? 1.0 : psw[static_cast<size_t>(i)];
      for (int64_t d = 0; d < dim; ++d) {
        double v = static_cast<double>(src[d]);
        if (mode == 2) {
          if (arg[static_cast<size_t>(d)] < 0 || v > acc[static_cast<size_t>(d)] || std::isnan(v)) {
            acc[static_cast<size_t>(d)] = v;
            arg[static_cast<size_t>(d)] = row;
          }
        } else {
          acc[static_cast<size_t>(d)] += v * scale;
        }
      }
    }
    sizes[bag] = count;
    for (int64_t d = 0; d < dim; ++d) {
      double v = acc[static_cast<size_t>(d)];
      if (count == 0) v = 0;  // empty bags (or all padding) give zeros in every mode
      else if (mode == 1) v /= static_cast<double>(count);
      dst[static_cast<int64_t>(bag) * dim + d] = static_cast<T>(v);
      if (argmax) argmax[static_cast<int64_t>(bag) * dim + d] = count == 0 ? -1 : arg[static_cast<size_t>(d)];
    }
  }
}

std::tuple<Tensor, Tensor, Tensor, Tensor> embeddingBag(const Tensor& weight, const Tensor& indicesIn,
                                                         const Tensor& offsetsIn, int64_t mode,
                                                         const std::optional<Tensor>& perSampleWeights,
                                                         bool includeLastOffset, std::optional<int64_t> paddingIdxIn) {
  SCONCE_CHECK(ValueError, weight.dim() == 2, "embedding_bag: weight has to be a 2D Tensor, but got Tensor of dimension {}",
               weight.dim());
  SCONCE_CHECK(ValueError, indicesIn.dtype() == ScalarType::Long || indicesIn.dtype() == ScalarType::Int,
               "Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; "
               "but got {} instead (while checking arguments for embedding_bag)",
               legacyTypeName(indicesIn.dtype()));
  SCONCE_CHECK(ValueError, weight.dtype() == ScalarType::Float || weight.dtype() == ScalarType::Double,
               "embedding_bag: weights of type {} are not supported", scalarTypeName(weight.dtype()));
  SCONCE_CHECK(ValueError, mode >= 0 && mode <= 2, "embedding_bag: mode has to be 0 (sum), 1 (mean) or 2 (max)");
  SCONCE_CHECK(ValueError, !perSampleWeights || mode == 0,
               "embedding_bag: per_sample_weights was not None. per_sample_weights is only supported for "
               "mode='sum' (got mode='{}'). Please open a feature request on GitHub.",
               mode == 1 ? "mean" : "max");
  const int64_t numWeights = weight.size(0);
  int64_t paddingIdx = paddingIdxIn.value_or(-1);
  if (paddingIdx < 0 && paddingIdxIn && *paddingIdxIn != -1) paddingIdx += numWeights;

  // 2-D input: each row is a bag (offsets unused). 1-D input: bags start at offsets.
  Tensor indices = indicesIn;
  std::vector<int64_t> begins, ends;
  if (indicesIn.dim() == 2) {
    int64_t b = indicesIn.size(0), n = indicesIn.size(1);
    indices = reshape(indicesIn, {-1});
    for (int64_t i = 0; i < b; ++i) {
      begins.push_back(i * n);
      ends.push_back((i + 1) * n);
    }
  } else {
    SCONCE_CHECK(ValueError, indicesIn.dim() == 1, "input has to be 1D or 2D Tensor, but got Tensor of dimension {}",
                 indicesIn.dim());
    SCONCE_CHECK(ValueError, offsetsIn.dim() == 1, "offsets has to be a 1D Tensor, but got Tensor of dimension {}",
                 offsetsIn.dim());
    std::vector<int64_t> offsets = readInts(offsetsIn);
    int64_t n = indicesIn.size(0);
    if (!offsets.empty())
      SCONCE_CHECK(ValueError, offsets[0] == 0, "offsets[0] has to be 0, i.e., the first sequence in the mini-batch "
                                                "has to start from position 0. However, got {}", offsets[0]);
    size_t bags = offsets.size();
    if (includeLastOffset) {
      SCONCE_CHECK(ValueError, bags >= 1, "include_last_offset: number of offset should be at least 1");
      --bags;
    }
    for (size_t i = 0; i < bags; ++i) {
      int64_t e = i + 1 < offsets.size() ? offsets[i + 1] : n;
      if (includeLastOffset && i + 1 == bags) e = std::min(offsets[i + 1], n);
      SCONCE_CHECK(ValueError, offsets[i] <= e && e <= n && offsets[i] >= 0,
                   "offsets must be non-decreasing and within the input (got {} at {})", offsets[i], i);
      begins.push_back(offsets[i]);
      ends.push_back(e);
    }
  }
  std::vector<int64_t> idx = readInts(indices);
  for (int64_t row : idx)
    SCONCE_CHECK(ValueError, row >= 0 && row < numWeights, "index {} is out of bounds for dimension 0 with size {}",
                 row, numWeights);
  if (perSampleWeights)
    SCONCE_CHECK(ValueError, perSampleWeights->numel() == static_cast<int64_t>(idx.size()),
                 "embedding_bag: If per_sample_weights ({}) is not None, then it must have the same shape as the "
                 "input ({})", perSampleWeights->numel(), idx.size());

  const int64_t numBags = static_cast<int64_t>(begins.size());
  Tensor out = Tensor::zeros({numBags, weight.size(1)}, weight.dtype());
  Tensor bagSize = Tensor::zeros({numBags}, ScalarType::Long);
  Tensor maxIndices = mode == 2 ? Tensor::zeros({numBags, weight.size(1)}, ScalarType::Long) : Tensor();
  if (weight.dtype() == ScalarType::Float)
    accumulate<float>(weight, idx, begins, ends, mode, perSampleWeights, paddingIdx, out, bagSize, maxIndices);
  else
    accumulate<double>(weight, idx, begins, ends, mode, perSampleWeights, paddingIdx, out, bagSize, maxIndices);
  Tensor offset2bag = Tensor::zeros({static_cast<int64_t>(idx.size())}, ScalarType::Long);
  int64_t* o2b = offset2bag.data<int64_t>();
  for (int64_t bag = 0; bag < numBags; ++bag)
    for (int64_t i = begins[static_cast<size_t>(bag)]; i < ends[static_cast<size_t>(bag)]; ++i) o2b[i] = bag;
  if (mode != 2) maxIndices = bagSize.clone();
  return {out, offset2bag, bagSize, maxIndices};
}

void pushBag(Stack& stack, std::tuple<Tensor, Tensor, Tensor, Tensor> r) {
  push(stack, std::get<0>(r), std::get<1>(r), std::get<2>(r), std::get<3>(r));
}

}  // namespace

void registerEmbeddingBagKernels(OperatorRegistry& r) {
  // embedding_bag(weight, indices, offsets, scale_grad_by_freq, mode, sparse,
  //               per_sample_weights, include_last_offset[, padding_idx])
  r.registerKernel("aten::embedding_bag", [](Stack& stack) {
    auto [w, i, o, scale, mode, sparse, psw, last] =
        popArgs<Tensor, Tensor, Tensor, bool, int64_t, bool, std::optional<Tensor>, bool>(stack);
    pushBag(stack, embeddingBag(w, i, o, mode, psw, last, std::nullopt));
  });
  r.registerKernel("aten::embedding_bag.padding_idx", [](Stack& stack) {
    auto [w, i, o, scale, mode, sparse, psw, last, pad] =
        popArgs<Tensor, Tensor, Tensor, bool, int64_t, bool, std::optional<Tensor>, bool, std::optional<int64_t>>(stack);
    pushBag(stack, embeddingBag(w, i, o, mode, psw, last, pad));
  });
  for (const char* name : {"aten::_embedding_bag", "aten::_embedding_bag_forward_only"}) {
    r.registerKernel(name, [](Stack& stack) {
      auto [w, i, o, scale, mode, sparse, psw, last, pad] =
          popArgs<Tensor, Tensor, Tensor, bool, int64_t, bool, std::optional<Tensor>, bool, int64_t>(stack);
      pushBag(stack, embeddingBag(w, i, o, mode, psw, last, pad));
    });
  }
}

}  // namespace sconce::ops
