// Recurrent layers: aten::lstm/gru/rnn_tanh/rnn_relu (.input: padded sequences, multi-
// layer, bidirectional, batch_first, with/without biases, LSTM proj_size) and the
// single-step cells lstm_cell/gru_cell/rnn_tanh_cell/rnn_relu_cell.
//
// Each layer and direction projects the whole input sequence with one GEMM, then runs
// the recurrence step by step: one GEMM for the hidden state plus a fused gate loop.
// Dropout between layers (train=True with dropout > 0) is not supported: TorchScript
// inference passes train=False.
#pragma once

#include <optional>
#include <tuple>
#include <vector>

#include "tensor/tensor.h"

namespace sconce::ops::nn {

enum class RnnMode { Lstm, Gru, Tanh, Relu };

/// The .input overloads. `hx` is (h0) or, for LSTM, (h0, c0); `params` per layer and
/// direction: w_ih, w_hh, [b_ih, b_hh], [w_hr]. Returns (output, h_n, c_n); c_n is
/// undefined except for LSTM.
std::tuple<Tensor, Tensor, Tensor> rnnForward(RnnMode mode, const Tensor& input, const std::vector<Tensor>& hx,
                                              const std::vector<Tensor>& params, bool hasBiases, int64_t numLayers,
                                              double dropout, bool train, bool bidirectional, bool batchFirst);

/// aten::lstm_cell: (h', c').
std::tuple<Tensor, Tensor> lstm_cell(const Tensor& input, const std::vector<Tensor>& hx, const Tensor& wIh,
                                     const Tensor& wHh, const std::optional<Tensor>& bIh,
                                     const std::optional<Tensor>& bHh);
/// aten::gru_cell / rnn_tanh_cell / rnn_relu_cell: h'.
Tensor rnnCell(RnnMode mode, const Tensor& input, const Tensor& hx, const Tensor& wIh, const Tensor& wHh,
               const std::optional<Tensor>& bIh, const std::optional<Tensor>& bHh);

}  // namespace sconce::ops::nn
