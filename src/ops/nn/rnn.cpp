// Recurrent layers over the batched GEMM and fused gate loops.
#include "ops/nn/rnn.h"

#include <fmt/ranges.h>

#include <cmath>

#include "ops/kernels/elementwise.h"
#include "ops/kernels/shape.h"
#include "ops/nn/matmul.h"
#include "ops/nn/nn_common.h"

namespace sconce::ops::nn {

namespace {

int64_t gatesOf(RnnMode mode) { return mode == RnnMode::Lstm ? 4 : mode == RnnMode::Gru ? 3 : 1; }

template <class T>
T sigmoid(T x) {
  return T(1) / (T(1) + std::exp(-x));
}

// One step for a batch: gi = x-projection (B, G*H) incl. b_ih, gh = h-projection incl.
// b_hh. Writes the new h (B, H) — and c for LSTM — into hOut/cOut.
template <class T>
void stepGates(RnnMode mode, int64_t B, int64_t H, const T* gi, const T* gh, const T* hPrev, const T* cPrev, T* hOut,
               T* cOut) {
  const int64_t G = gatesOf(mode) * H;
  for (int64_t b = 0; b < B; ++b) {
    const T* xi = gi + b * G;
    const T* hh = gh + b * G;
    for (int64_t j = 0; j < H; ++j) {
      switch (mode) {
        case RnnMode::Lstm: {
          const T i = sigmoid(xi[j] + hh[j]), f = sigmoid(xi[H + j] + hh[H + j]);
          const T g = std::tanh(xi[2 * H + j] + hh[2 * H + j]), o = sigmoid(xi[3 * H + j] + hh[3 * H + j]);
          const T c = f * cPrev[b * H + j] + i * g;
          cOut[b * H + j] = c;
          hOut[b * H + j] = o * std::tanh(c);
          break;
        }
        case RnnMode::Gru: {
          const T r = sigmoid(xi[j] + hh[j]), z = sigmoid(xi[H + j] + hh[H + j]);
          const T n = std::tanh(xi[2 * H + j] + r * hh[2 * H + j]);
          hOut[b * H + j] = (T(1) - z) * n + z * hPrev[b * H + j];
          break;
        }
        case RnnMode::Tanh: hOut[b * H + j] = std::tanh(xi[j] + hh[j]); break;
        case RnnMode::Relu: hOut[b * H + j] = std::max(xi[j] + hh[j], T(0)); break;
      }
    }
  }
}

// The weights of one layer and direction.
struct CellParams {
  Tensor wIh, wHh, bIh, bHh, wHr;  // undefined when absent
};

// Runs one direction of one layer over x (T, B, in): returns (outputs (T, B, Hout),
// h_n (B, Hout), c_n (B, H)).
std::tuple<Tensor, Tensor, Tensor> runDirection(RnnMode mode, const Tensor& x, const Tensor& h0, const Tensor& c0,
                                                const CellParams& p, bool reverse) {
  const int64_t T = x.size(0), B = x.size(1);
  const int64_t H = p.wHh.size(0) / gatesOf(mode);
  const int64_t Hout = h0.size(-1);
  const ScalarType dt = x.dtype();
  // All input projections at once: (T*B, G*H).
  Tensor gi = linear(reshape(x, {T * B, x.size(2)}), p.wIh, p.bIh.defined() ? std::optional<Tensor>(p.bIh) : std::nullopt)
                  .contiguous();
  Tensor out = Tensor::empty({T, B, Hout}, dt);
  Tensor h = h0.contiguous().clone(), c = c0.defined() ? c0.contiguous().clone() : Tensor();
  Tensor hNew = Tensor::empty({B, H}, dt), cNew = Tensor::empty({B, H}, dt);
  std::optional<Tensor> bHh = p.bHh.defined() ? std::optional<Tensor>(p.bHh) : std::nullopt;
  for (int64_t s = 0; s < T; ++s) {
    const int64_t t = reverse ? T - 1 - s : s;
    Tensor gh = linear(h, p.wHh, bHh).contiguous();
    dispatchFloat(dt, "rnn", [&](auto tag) {
      using E = decltype(tag);
      const int64_t G = gatesOf(mode) * H;
      stepGates<E>(mode, B, H, gi.data<E>() + t * B * G, gh.data<E>(), h.data<E>(), c.defined() ? c.data<E>() : nullptr,
                   hNew.data<E>(), cNew.data<E>());
    });
    if (mode == RnnMode::Lstm) c = cNew.clone();
    h = p.wHr.defined() ? linear(hNew, p.wHr, std::nullopt).contiguous() : hNew.clone();
    copy_(select(out, 0, t), h);
  }
  return {out, h, c};
}

}  // namespace

std::tuple<Tensor, Tensor, Tensor> rnnForward(RnnMode mode, const Tensor& input, const std::vector<Tensor>& hx,
                                              const std::vector<Tensor>& params, bool hasBiases, int64_t numLayers,
                                              double dropout, bool train, bool bidirectional, bool batchFirst) {
  SCONCE_CHECK(UnsupportedError, !(train && dropout > 0 && numLayers > 1),
               "rnn: dropout between layers in training mode is not supported");
  SCONCE_CHECK(ValueError, input.dim() == 3, "input must have 3 dimensions, got {}", input.dim());
  const int64_t dirs = bidirectional ? 2 : 1;
  const int64_t perCell = static_cast<int64_t>(params.size()) / std::max<int64_t>(numLayers * dirs, 1);
  const int64_t base = hasBiases ? 4 : 2;
  SCONCE_CHECK(ValueError, perCell * numLayers * dirs == static_cast<int64_t>(params.size()) &&
                               (perCell == base || (mode == RnnMode::Lstm && perCell == base + 1)),
               "rnn: got {} parameters for {} layers with {} directions", params.size(), numLayers, dirs);
  const bool proj = perCell == base + 1;
  SCONCE_CHECK(ValueError, hx.size() == (mode == RnnMode::Lstm ? 2u : 1u), "rnn: expected {} hidden states, got {}",
               mode == RnnMode::Lstm ? 2 : 1, hx.size());
  Tensor x = batchFirst ? transpose(input, 0, 1) : input;
  const ScalarType dt = x.dtype();
  SCONCE_CHECK(ValueError, dt == ScalarType::Float || dt == ScalarType::Double,
               "rnn: expected a float or double input, got {}", scalarTypeName(dt));
  std::vector<Tensor> hn, cn;
  for (int64_t layer = 0; layer < numLayers; ++layer) {
    std::vector<Tensor> outs;
    for (int64_t d = 0; d < dirs; ++d) {
      const int64_t cell = layer * dirs + d;
      const Tensor* q = params.data() + cell * perCell;
      CellParams p;
      p.wIh = q[0];
      p.wHh = q[1];
      if (hasBiases) p.bIh = q[2], p.bHh = q[3];
      if (proj) p.wHr = q[base];
      Tensor h0 = select(hx[0], 0, cell);
      Tensor c0 = mode == RnnMode::Lstm ? select(hx[1], 0, cell) : Tensor();
      auto [o, h, c] = runDirection(mode, x, h0, c0, p, d == 1);
      outs.push_back(o);
      hn.push_back(h);
      if (mode == RnnMode::Lstm) cn.push_back(c);
    }
    x = dirs == 1 ? outs[0] : cat(outs, 2);
  }
  Tensor output = batchFirst ? transpose(x, 0, 1).contiguous() : x;
  return {output, stack(hn, 0), mode == RnnMode::Lstm ? stack(cn, 0) : Tensor()};
}

std::tuple<Tensor, Tensor> lstm_cell(const Tensor& input, const std::vector<Tensor>& hx, const Tensor& wIh,
                                     const Tensor& wHh, const std::optional<Tensor>& bIh,
                                     const std::optional<Tensor>& bHh) {
  SCONCE_CHECK(ValueError, hx.size() == 2, "lstm_cell: expected two hidden states, got {}", hx.size());
  const bool unbatched = input.dim() == 1;
  Tensor x = unbatched ? unsqueeze(input, 0) : input;
  Tensor h = unbatched ? unsqueeze(hx[0], 0) : hx[0], c = unbatched ? unsqueeze(hx[1], 0) : hx[1];
  SCONCE_CHECK(ValueError, x.size(1) == wIh.size(1), "input has inconsistent input_size: got {} expected {}", x.size(1),
               wIh.size(1));
  const int64_t B = x.size(0), H = wHh.size(1);
  Tensor gi = linear(x, wIh, bIh).contiguous(), gh = linear(h, wHh, bHh).contiguous();
  Tensor hc = h.contiguous(), cc = c.contiguous();
  Tensor hNew = Tensor::empty({B, H}, x.dtype()), cNew = Tensor::empty({B, H}, x.dtype());
  dispatchFloat(x.dtype(), "lstm_cell", [&](auto tag) {
    using E = decltype(tag);
    stepGates<E>(RnnMode::Lstm, B, H, gi.data<E>(), gh.data<E>(), hc.data<E>(), cc.data<E>(), hNew.data<E>(),
                 cNew.data<E>());
  });
  if (unbatched) return {squeeze(hNew, 0), squeeze(cNew, 0)};
  return {hNew, cNew};
}

Tensor rnnCell(RnnMode mode, const Tensor& input, const Tensor& hx, const Tensor& wIh, const Tensor& wHh,
               const std::optional<Tensor>& bIh, const std::optional<Tensor>& bHh) {
  const bool unbatched = input.dim() == 1;
  Tensor x = unbatched ? unsqueeze(input, 0) : input;
  Tensor h = (unbatched ? unsqueeze(hx, 0) : hx).contiguous();
  SCONCE_CHECK(ValueError, x.size(1) == wIh.size(1), "input has inconsistent input_size: got {} expected {}", x.size(1),
               wIh.size(1));
  const int64_t B = x.size(0), H = wHh.size(1);
  Tensor gi = linear(x, wIh, bIh).contiguous(), gh = linear(h, wHh, bHh).contiguous();
  Tensor hNew = Tensor::empty({B, H}, x.dtype());
  dispatchFloat(x.dtype(), "rnn_cell", [&](auto tag) {
    using E = decltype(tag);
    stepGates<E>(mode, B, H, gi.data<E>(), gh.data<E>(), h.data<E>(), nullptr, hNew.data<E>(), nullptr);
  });
  return unbatched ? squeeze(hNew, 0) : hNew;
}

}  // namespace sconce::ops::nn
