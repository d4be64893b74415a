// Convolutions on oneDNN (float32, with cached plans and weights) and a direct loop
// (float64, integers).
#include "ops/nn/convolution.h"

#include <fmt/ranges.h>
#include <oneapi/dnnl/dnnl.hpp>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "ops/kernels/elementwise.h"
#include "ops/kernels/parallel.h"
#include "ops/kernels/shape.h"
#include "ops/nn/nn_common.h"

namespace sconce::ops::nn {

namespace {

// One convolution, arguments checked and expanded to one value per spatial dim.
struct ConvParams {
  Dims stride, padL, padR, dilation, outputPadding;
  int64_t groups = 1;
  bool transposed = false;
};

std::string sizesStr(const Tensor& t) { return fmt::format("[{}]", fmt::join(t.sizes(), ", ")); }

Dims expandConvParam(IntArrayRef v, int64_t k, std::string_view name) {
  if (static_cast<int64_t>(v.size()) == k) return v.vec();
  SCONCE_CHECK(ValueError, v.size() == 1,
               "expected {} to be a single integer value or a list of {} values to match the convolution "
               "dimensions, but got {}=[{}]",
               name, k, name, fmt::join(v, ", "));
  return Dims(static_cast<size_t>(k), v[0]);
}

// PyTorch's check_shape_forward, and the output sizes.
Dims checkAndOutputShape(const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias,
                         const ConvParams& p) {
  const int64_t k = weight.dim();
  SCONCE_CHECK(ValueError, input.dim() == k,
               "Expected {}-dimensional input for {}-dimensional weight {}, but got {}-dimensional input of size "
               "{} instead",
               k, k, sizesStr(weight), input.dim(), sizesStr(input));
  for (int64_t s : p.stride) SCONCE_CHECK(ValueError, s > 0, "non-positive stride is not supported");
  for (int64_t s : p.padL) SCONCE_CHECK(ValueError, s >= 0, "negative padding is not supported");
  for (int64_t s : p.outputPadding) SCONCE_CHECK(ValueError, s >= 0, "negative output_padding is not supported");
  for (int64_t s : p.dilation) SCONCE_CHECK(ValueError, s > 0, "dilation should be greater than zero");
  SCONCE_CHECK(ValueError, p.groups > 0, "non-positive groups is not supported");
  SCONCE_CHECK(ValueError, weight.size(0) >= p.groups, "Given groups={}, expected weight to be at least {} at dimension 0, but got weight of size {} instead",
               p.groups, p.groups, sizesStr(weight));
  SCONCE_CHECK(ValueError, weight.size(0) % p.groups == 0,
               "Given groups={}, expected weight to be divisible by {} at dimension 0, but got weight of size {} "
               "instead",
               p.groups, p.groups, sizesStr(weight));
  const int64_t outChannels = p.transposed ? weight.size(1) * p.groups : weight.size(0);
  if (!p.transposed) {
    SCONCE_CHECK(ValueError, input.size(1) == weight.size(1) * p.groups,
                 "Given groups={}, weight of size {}, expected input{} to have {} channels, but got {} channels "
                 "instead",
                 p.groups, sizesStr(weight), sizesStr(input), weight.size(1) * p.groups, input.size(1));
  } else {
    SCONCE_CHECK(ValueError, input.size(1) == weight.size(0),
                 "Given transposed=1, weight of size {}, expected input{} to have {} channels, but got {} channels "
                 "instead",
                 sizesStr(weight), sizesStr(input), weight.size(0), input.size(1));
  }
  if (bias) {
    SCONCE_CHECK(ValueError, bias->dim() == 1 && bias->size(0) == outChannels,
                 "Given weight of size {}, expected bias to be 1-dimensional with {} elements, but got bias of "
                 "size {} instead",
                 sizesStr(weight), outChannels, sizesStr(*bias));
  }
  const size_t sd = static_cast<size_t>(k - 2);
  Dims out{input.size(0), outChannels};
  if (!p.transposed) {
    Dims padded(sd), kernel(sd);
    bool tooBig = false;
    for (size_t i = 0; i < sd; ++i) {
      padded[i] = input.size(static_cast<int64_t>(i) + 2) + p.padL[i] + p.padR[i];
      kernel[i] = p.dilation[i] * (weight.size(static_cast<int64_t>(i) + 2) - 1) + 1;
      tooBig = tooBig || padded[i] < kernel[i];
    }
    SCONCE_CHECK(ValueError, !tooBig,
                 "Calculated padded input size per channel: ({}). Kernel size: ({}). Kernel size can't be greater "
                 "than actual input size",
                 fmt::join(padded, " x "), fmt::join(kernel, " x "));
    for (size_t i = 0; i < sd; ++i) out.push_back((padded[i] - kernel[i]) / p.stride[i] + 1);
  } else {
    for (size_t i = 0; i < sd; ++i) {
      SCONCE_CHECK(ValueError, p.outputPadding[i] < p.stride[i] || p.outputPadding[i] < p.dilation[i],
                   "output padding must be smaller than either stride or dilation, but got output_padding_{}: {}, "
                   "stride: {}, dilation: {}",
                   i, p.outputPadding[i], p.stride[i], p.dilation[i]);
      out.push_back((input.size(static_cast<int64_t>(i) + 2) - 1) * p.stride[i] - p.padL[i] - p.padR[i] +
                    p.dilation[i] * (weight.size(static_cast<int64_t>(i) + 2) - 1) + p.outputPadding[i] + 1);
    }
  }
  return out;
}

dnnl::memory::dims toDnnl(IntArrayRef v) { return dnnl::memory::dims(v.begin(), v.end()); }

// The weight's oneDNN descriptor over PyTorch's contiguous layout: (G, OCg, ICg, *k)
// for grouped ops; a transposed weight is stored (G*ICg, OCg, *k).
dnnl::memory::desc weightDesc(const Tensor& w, const ConvParams& p) {
  using dnnl::memory;
  const Dims& s = w.strides();
  const int64_t k = w.dim();
  memory::dims dims, strides;
  const int64_t g = p.groups;
  if (!p.transposed) {
    if (g > 1) dims.push_back(g), strides.push_back(s[0] * (w.size(0) / g));
    dims.push_back(w.size(0) / g), strides.push_back(s[0]);
    dims.push_back(w.size(1)), strides.push_back(s[1]);
  } else {
    if (g > 1) dims.push_back(g), strides.push_back(s[0] * (w.size(0) / g));
    dims.push_back(w.size(1)), strides.push_back(s[1]);
    dims.push_back(w.size(0) / g), strides.push_back(s[0]);
  }
  for (int64_t i = 2; i < k; ++i) dims.push_back(w.size(i)), strides.push_back(s[static_cast<size_t>(i)]);
  return memory::desc(dims, memory::data_type::f32, strides);
}

// ---- oneDNN execution ------------------------------------------------------------------
//
// A model calls the same few convolution geometries with the same weights on every
// forward, and both halves of oneDNN's setup are expensive next to a small convolution:
// creating the primitive (descriptor, dispatch, JIT lookup) and reordering the weight
// into the blocked layout the primitive wants (a read and a write of the whole weight).
// So plans are cached per geometry, and reordered weights per (plan, weight storage) for
// weights loaded from an archive. Both caches are process-wide and shared by every
// thread (ARCHITECTURE §3: a Module is called from many threads at once).

// Everything about one convolution except the data: the primitive and the layouts it
// wants next to the ones our tensors have.
struct ConvPlan {
  dnnl::primitive prim;
  dnnl::memory::desc srcUser, srcWant, wUser, wWant, dstUser, dstWant, biasDesc, scratchDesc;
};

// A plan's identity: every size, stride and parameter the primitive depends on.
using PlanKey = std::vector<int64_t>;

struct PlanKeyHash {
  size_t operator()(const PlanKey& k) const {
    uint64_t h = 1469598103934665603ull;
    for (int64_t v : k) h = (h ^ static_cast<uint64_t>(v)) * 1099511628211ull;
    return static_cast<size_t>(h);
  }
};

PlanKey planKey(const Tensor& input, const Tensor& weight, bool hasBias, const Tensor& out, const ConvParams& p) {
  PlanKey k;
  k.reserve(64);
  auto add = [&](IntArrayRef v) {
    k.push_back(static_cast<int64_t>(v.size()));
    k.insert(k.end(), v.begin(), v.end());
  };
  add(input.sizes()), add(input.strides()), add(weight.sizes()), add(weight.strides()), add(out.strides());
  add(p.stride), add(p.padL), add(p.padR), add(p.dilation);
  k.push_back(p.groups), k.push_back(p.transposed), k.push_back(hasBias);
  return k;
}

ConvPlan makePlan(const Tensor& input, const Tensor& weight, bool hasBias, const Tensor& out, const ConvParams& p) {
  using namespace dnnl;
  const engine& eng = cpuEngine();
  const auto f32 = memory::data_type::f32;
  ConvPlan plan;
  plan.srcUser = memory::desc(toDnnl(input.sizes()), f32, toDnnl(input.strides()));
  plan.dstUser = memory::desc(toDnnl(out.sizes()), f32, toDnnl(out.strides()));
  plan.wUser = weightDesc(weight, p);
  memory::desc srcAny(toDnnl(input.sizes()), f32, memory::format_tag::any);
  memory::desc dstAny(toDnnl(out.sizes()), f32, memory::format_tag::any);
  memory::desc wAny(plan.wUser.dims(), f32, memory::format_tag::any);
  plan.biasDesc = hasBias ? memory::desc({out.size(1)}, f32, memory::format_tag::a) : memory::desc();
  memory::dims dil;
  for (int64_t d : p.dilation) dil.push_back(d - 1);
  primitive_attr attr;
  attr.set_scratchpad_mode(scratchpad_mode::user);
  auto finish = [&](const auto& pd) {
    plan.srcWant = pd.src_desc(), plan.wWant = pd.weights_desc(), plan.dstWant = pd.dst_desc();
    plan.scratchDesc = pd.scratchpad_desc();
  };
  if (!p.transposed) {
    convolution_forward::desc d(prop_kind::forward_inference, algorithm::convolution_direct, srcAny, wAny,
                                plan.biasDesc, dstAny, toDnnl(p.stride), dil, toDnnl(p.padL), toDnnl(p.padR));
    convolution_forward::primitive_desc pd(d, attr, eng);
    plan.prim = convolution_forward(pd);
    finish(pd);
  } else {
    deconvolution_forward::desc d(prop_kind::forward_inference, algorithm::deconvolution_direct, srcAny, wAny,
                                  plan.biasDesc, dstAny, toDnnl(p.stride), dil, toDnnl(p.padL), toDnnl(p.padR));
    deconvolution_forward::primitive_desc pd(d, attr, eng);
    plan.prim = deconvolution_forward(pd);
    finish(pd);
  }
  return plan;
}

// A cache too big is a program creating geometries without end: start over.
constexpr size_t kMaxPlans = 4096;
constexpr size_t kMaxCachedWeightBytes = size_t{1} << 30;

class PlanCache {
 public:
  std::shared_ptr<const ConvPlan> get(const Tensor& input, const Tensor& weight, bool hasBias, const Tensor& out,
                                      const ConvParams& p) {
    PlanKey key = planKey(input, weight, hasBias, out, p);
    {
      std::shared_lock lock(mutex_);
      if (auto it = plans_.find(key); it != plans_.end()) return it->second;
    }
    auto plan = std::make_shared<const ConvPlan>(makePlan(input, weight, hasBias, out, p));
    std::unique_lock lock(mutex_);
    if (plans_.size() >= kMaxPlans) plans_.clear();
    return plans_.try_emplace(std::move(key), std::move(plan)).first->second;
  }

 private:
  std::shared_mutex mutex_;
  std::unordered_map<PlanKey, std::shared_ptr<const ConvPlan>, PlanKeyHash> plans_;
};

// Weights reordered for a plan. Only weights whose storage is borrowed from an archive
// (a loaded model's parameters) are cached: a weight computed afresh each call would
// only churn the cache. The entry keeps the storage alive, so its address cannot be
// reused by another weight while cached. In-place writes to a cached weight after its
// first convolution are not seen (Storage has no version counter yet).
class WeightCache {
 public:
  dnnl::memory get(const std::shared_ptr<const ConvPlan>& plan, const Tensor& weight) {
    Key key{plan.get(), weight.storage().get(), weight.rawData()};
    {
      std::shared_lock lock(mutex_);
      if (auto it = entries_.find(key); it != entries_.end()) return it->second.reordered;
    }
    dnnl::memory reordered = reorder(*plan, weight);
    std::unique_lock lock(mutex_);
    if (bytes_ + plan->wWant.get_size() > kMaxCachedWeightBytes) entries_.clear(), bytes_ = 0;
    auto [it, inserted] = entries_.try_emplace(key, Entry{plan, weight.storage(), reordered});
    if (inserted) bytes_ += plan->wWant.get_size();
    return it->second.reordered;
  }

  static dnnl::memory reorder(const ConvPlan& plan, const Tensor& weight) {
    const dnnl::engine& eng = cpuEngine();
    dnnl::memory user(plan.wUser, eng, weight.rawData());
    dnnl::memory want(plan.wWant, eng);
    dnnl::stream s(eng);
    dnnl::reorder(user, want).execute(s, user, want);
    s.wait();
    return want;
  }

 private:
  struct Key {
    const ConvPlan* plan;
    const void* storage;
    const void* data;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    size_t operator()(const Key& k) const {
      auto h = std::hash<const void*>();
      return h(k.plan) ^ (h(k.storage) * 31) ^ (h(k.data) * 131);
    }
  };
  struct Entry {
    std::shared_ptr<const ConvPlan> plan;  // keeps the Key's plan pointer unique
    Storage storage;
    dnnl::memory reordered;
  };
  std::shared_mutex mutex_;
  std::unordered_map<Key, Entry, KeyHash> entries_;
  size_t bytes_ = 0;
};

PlanCache& planCache() {
  static PlanCache cache;
  return cache;
}
WeightCache& weightCache() {
  static WeightCache cache;
  return cache;
}

// This thread's buffers for reordered activations and oneDNN's scratchpad, reused
// across calls (grown, never shrunk).
class ThreadBuffer {
 public:
  void* get(size_t bytes) {
    if (bytes > size_) {
      data_.reset(static_cast<char*>(std::aligned_alloc(64, (bytes + 63) / 64 * 64)));
      size_ = bytes;
    }
    return data_.get();
  }

 private:
  struct Free {
    void operator()(char* p) const { std::free(p); }
  };
  std::unique_ptr<char, Free> data_;
  size_t size_ = 0;
};

void convOneDnn(const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias, const Tensor& out,
                const ConvParams& p) {
  using namespace dnnl;
  thread_local ThreadBuffer srcBuffer, dstBuffer, scratchBuffer;
  const engine& eng = cpuEngine();
  std::shared_ptr<const ConvPlan> plan = planCache().get(input, weight, bias.has_value(), out, p);
  stream s(eng);
  memory src(plan->srcUser, eng, input.rawData());
  if (plan->srcUser != plan->srcWant) {
    memory blocked(plan->srcWant, eng, srcBuffer.get(plan->srcWant.get_size()));
    reorder(src, blocked).execute(s, src, blocked);
    src = blocked;
  }
  memory w = plan->wUser == plan->wWant ? memory(plan->wUser, eng, weight.rawData())
             : weight.storage()->borrowed() ? weightCache().get(plan, weight)
                                            : WeightCache::reorder(*plan, weight);
  memory dstMem(plan->dstUser, eng, out.rawData());
  memory dst = plan->dstUser == plan->dstWant ? dstMem
                                               : memory(plan->dstWant, eng, dstBuffer.get(plan->dstWant.get_size()));
  memory scratch(plan->scratchDesc, eng, scratchBuffer.get(plan->scratchDesc.get_size()));
  std::unordered_map<int, memory> args{
      {DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, w}, {DNNL_ARG_DST, dst}, {DNNL_ARG_SCRATCHPAD, scratch}};
  if (bias) args.emplace(DNNL_ARG_BIAS, memory(plan->biasDesc, eng, bias->rawData()));
  plan->prim.execute(s, args);
  if (plan->dstUser != plan->dstWant) reorder(dst, dstMem).execute(s, dst, dstMem);
  s.wait();
}

// The direct loop over 5-d (N, C, D, H, W) operands, for dtypes oneDNN lacks.
template <class T>
void convDirect(const Tensor& in, const Tensor& w, const std::optional<Tensor>& bias, const Tensor& out,
                const ConvParams& p) {
  const T* x = in.data<T>();
  const T* wt = w.data<T>();
  const T* b = bias ? bias->data<T>() : nullptr;
  T* y = out.data<T>();
  const int64_t N = in.size(0), C = in.size(1), D = in.size(2), H = in.size(3), W = in.size(4);
  const int64_t OC = out.size(1), OD = out.size(2), OH = out.size(3), OW = out.size(4);
  const int64_t KD = w.size(2), KH = w.size(3), KW = w.size(4), G = p.groups;
  const int64_t Cg = C / G, OCg = OC / G;
  const auto& s = p.stride;
  const auto& pd = p.padL;
  const auto& dl = p.dilation;
  parallelFor(0, N * OC, 1, [&](int64_t lo, int64_t hi) {
    for (int64_t noc = lo; noc < hi; ++noc) {
      const int64_t n = noc / OC, oc = noc % OC, g = oc / OCg, ocg = oc % OCg;
      for (int64_t od = 0; od < OD; ++od)
        for (int64_t oh = 0; oh < OH; ++oh)
          for (int64_t ow = 0; ow < OW; ++ow) {
            T acc = b ? b[oc] : T(0);
            for (int64_t ic = 0; ic < Cg; ++ic) {
              const int64_t c = g * Cg + ic;
              for (int64_t kd = 0; kd < KD; ++kd)
                for (int64_t kh = 0; kh < KH; ++kh)
                  for (int64_t kw = 0; kw < KW; ++kw) {
                    int64_t id, ih, iw;
                    if (!p.transposed) {
                      id = od * s[0] - pd[0] + kd * dl[0];
                      ih = oh * s[1] - pd[1] + kh * dl[1];
                      iw = ow * s[2] - pd[2] + kw * dl[2];
                    } else {
                      // Output od gathers from inputs id with id * s - p + kd * d == od.
                      int64_t td = od + pd[0] - kd * dl[0], th = oh + pd[1] - kh * dl[1], tw = ow + pd[2] - kw * dl[2];
                      if (td < 0 || th < 0 || tw < 0 || td % s[0] || th % s[1] || tw % s[2]) continue;
                      id = td / s[0], ih = th / s[1], iw = tw / s[2];
                    }
                    if (id < 0 || id >= D || ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                    const T xv = x[(((n * C + c) * D + id) * H + ih) * W + iw];
                    const int64_t widx = !p.transposed ? ((((oc * Cg + ic) * KD + kd) * KH + kh) * KW + kw)
                                                       : ((((c * OCg + ocg) * KD + kd) * KH + kh) * KW + kw);
                    acc = static_cast<T>(acc + xv * wt[widx]);
                  }
            }
            y[(((n * OC + oc) * OD + od) * OH + oh) * OW + ow] = acc;
          }
    }
  });
}

// Views a (N, C, *spatial) tensor as 5-d by inserting size-1 spatial dims in front.
Tensor to5d(const Tensor& t) {
  Tensor r = t;
  while (r.dim() < 5) r = unsqueeze(r, 2);
  return r;
}
Dims pad3(const Dims& v, int64_t fill) {
  Dims r(3 - v.size(), fill);
  r.insert(r.end(), v.begin(), v.end());
  return r;
}

Tensor runConvolution(const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias,
                      const ConvParams& p) {
  const Dims outShape = checkAndOutputShape(input, weight, bias, p);
  const ScalarType dt = input.dtype();
  SCONCE_CHECK(ValueError, weight.dtype() == dt && (!bias || bias->dtype() == dt),
               "expected scalar type {} but found {}", scalarTypeShortName(dt),
               scalarTypeShortName(weight.dtype() != dt ? weight.dtype() : bias->dtype()));
  SCONCE_CHECK(ValueError, input.dim() >= 3 && input.dim() <= 5, "Expected 3D, 4D or 5D input to convolution, got {}D",
               input.dim());
  if (dt == ScalarType::Half || dt == ScalarType::BFloat16) {
    std::optional<Tensor> b32;
    if (bias) b32 = bias->toType(ScalarType::Float);
    return runConvolution(input.toType(ScalarType::Float), weight.toType(ScalarType::Float), b32, p).toType(dt);
  }
  Tensor out = Tensor::empty(outShape, dt);
  if (out.numel() == 0) return out;
  if (input.numel() == 0 || weight.numel() == 0) {
    // Nothing to sum: every output is the bias.
    if (bias) {
      Dims v(outShape.size(), 1);
      v[1] = outShape[1];
      copy_(out, view(*bias, v));
    }
    return out;
  }
  Tensor x = input.contiguous(), w = weight.contiguous();
  std::optional<Tensor> b;
  if (bias) b = bias->contiguous();
  if (dt == ScalarType::Float) {
    convOneDnn(x, w, b, out, p);
    return out;
  }
  ConvParams p3 = p;
  p3.stride = pad3(p.stride, 1);
  p3.padL = pad3(p.padL, 0);
  p3.padR = pad3(p.padR, 0);
  p3.dilation = pad3(p.dilation, 1);
  dispatchTypes<kIntTypes | kFloatTypes>(dt, "slow_conv2d_cpu", [&](auto tag) {
    using T = decltype(tag);
    convDirect<T>(to5d(x), to5d(w), b, to5d(out), p3);
  });
  return out;
}

ConvParams makeParams(int64_t spatial, IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation,
                      bool transposed, IntArrayRef outputPadding, int64_t groups) {
  ConvParams p;
  p.stride = expandConvParam(stride, spatial, "stride");
  p.padL = p.padR = expandConvParam(padding, spatial, "padding");
  p.dilation = expandConvParam(dilation, spatial, "dilation");
  p.outputPadding = transposed ? expandConvParam(outputPadding, spatial, "output_padding") : Dims(spatial, 0);
  p.groups = groups;
  p.transposed = transposed;
  return p;
}

// conv1d/2d/3d accept unbatched input (C, *): run it as a batch of one.
template <class F>
Tensor withBatch(int64_t spatial, const Tensor& input, std::string_view op, const F& f) {
  SCONCE_CHECK(ValueError, input.dim() == spatial + 1 || input.dim() == spatial + 2,
               "Expected {}D (unbatched) or {}D (batched) input to {}, but got input of size: {}", spatial + 1,
               spatial + 2, op, sizesStr(input));
  if (input.dim() == spatial + 2) return f(input);
  return squeeze(f(unsqueeze(input, 0)), 0);
}

}  // namespace

Tensor convolution(const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias,
                   IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation, bool transposed,
                   IntArrayRef outputPadding, int64_t groups) {
  const int64_t spatial = weight.dim() - 2;
  SCONCE_CHECK(ValueError, spatial >= 1 && spatial <= 3, "Expected 3D, 4D or 5D weight to convolution, got {}D",
               weight.dim());
  return runConvolution(input, weight, bias,
                        makeParams(spatial, stride, padding, dilation, transposed, outputPadding, groups));
}

Tensor convNd(int64_t spatial, const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias,
              IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation, int64_t groups) {
  const std::string op = fmt::format("conv{}d", spatial);
  return withBatch(spatial, input, op, [&](const Tensor& x) {
    return runConvolution(x, weight, bias, makeParams(spatial, stride, padding, dilation, false, {0}, groups));
  });
}

Tensor convNdPadding(int64_t spatial, const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias,
                     IntArrayRef stride, std::string_view padding, IntArrayRef dilation, int64_t groups) {
  const std::string op = fmt::format("conv{}d", spatial);
  ConvParams p = makeParams(spatial, stride, {0}, dilation, false, {0}, groups);
  if (padding == "same") {
    for (int64_t s : p.stride)
      SCONCE_CHECK(ValueError, s == 1, "padding='same' is not supported for strided convolutions");
    SCONCE_CHECK(ValueError, weight.dim() == spatial + 2, "Expected {}-dimensional weight for {}",
                 spatial + 2, op);
    for (int64_t i = 0; i < spatial; ++i) {
      const int64_t total = p.dilation[static_cast<size_t>(i)] * (weight.size(i + 2) - 1);
      p.padL[static_cast<size_t>(i)] = total / 2;
      p.padR[static_cast<size_t>(i)] = total - total / 2;
    }
  } else {
    SCONCE_CHECK(ValueError, padding == "valid", "Invalid padding string: '{}'", padding);
  }
  return withBatch(spatial, input, op, [&](const Tensor& x) { return runConvolution(x, weight, bias, p); });
}

Tensor convTransposeNd(int64_t spatial, const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias,
                       IntArrayRef stride, IntArrayRef padding, IntArrayRef outputPadding, int64_t groups,
                       IntArrayRef dilation) {
  const std::string op = fmt::format("conv_transpose{}d", spatial);
  return withBatch(spatial, input, op, [&](const Tensor& x) {
    return runConvolution(x, weight, bias, makeParams(spatial, stride, padding, dilation, true, outputPadding, groups));
  });
}

}  // namespace sconce::ops::nn
