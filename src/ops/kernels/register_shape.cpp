// Boxes the shape and view ops (shape.h) and the conversions TorchScript emits around
// them: aten::to in all its spellings, type_as, contiguous, clone, copy_/fill_, detach.
#include "ops/kernels/creation.h"
#include "ops/kernels/elementwise.h"
#include "ops/kernels/register_tensor_kernels.h"
#include "ops/kernels/shape.h"

namespace sconce::ops {
namespace {

using Ints = std::vector<int64_t>;
using OptType = std::optional<ScalarType>;

/// In-place view ops (t_, squeeze_, ...) change self's geometry, not its data: self takes
/// the sizes, strides and offset of the equivalent out-of-place view.
const Tensor& restride(const Tensor& self, const Tensor& view) {
  self.impl()->setSizesAndStrides(view.sizes(), view.strides(), view.storageOffset());
  return self;
}

/// The `memory_format` argument of to/contiguous/clone; only row-major layouts exist here.
std::optional<MemoryFormat> memoryFormat(std::optional<int64_t> code, std::string_view op) {
  if (!code) return std::nullopt;
  SCONCE_CHECK(ValueError, *code >= 0 && *code <= 3, "{}: invalid memory format {}", op, *code);
  auto format = static_cast<MemoryFormat>(*code);
  SCONCE_CHECK(UnsupportedError, format == MemoryFormat::Contiguous || format == MemoryFormat::Preserve,
               "{}: channels-last memory formats are not supported", op);
  return format;
}

/// aten::to: a no-op when nothing changes and no copy is asked for (the result aliases
/// self, as in PyTorch); memory_format=contiguous_format also makes a copy contiguous.
Tensor convert(const Tensor& self, ScalarType dtype, bool copy, std::optional<int64_t> format) {
  const std::optional<MemoryFormat> f = memoryFormat(format, "to");
  Tensor out = to(self, dtype, false, copy);
  if (f == MemoryFormat::Contiguous && !out.isContiguous()) out = contiguous(out);
  return out;
}

void registerConversions(OperatorRegistry& r) {
  r.registerKernel("aten::to.dtype", boxed<[](const Tensor& self, ScalarType dtype, bool, bool copy,
                                              std::optional<int64_t> format) {
                     return convert(self, dtype, copy, format);
                   }>);
  r.registerKernel("aten::to.device", boxed<[](const Tensor& self, Device device, ScalarType dtype, bool, bool copy,
                                               std::optional<int64_t> format) {
                     checkCpuDevice(device, "to");
                     return convert(self, dtype, copy, format);
                   }>);
  r.registerKernel("aten::to.other", boxed<[](const Tensor& self, const Tensor& other, bool, bool copy,
                                              std::optional<int64_t> format) {
                     checkCpuDevice(other.device(), "to");
                     return convert(self, other.dtype(), copy, format);
                   }>);
  r.registerKernel("aten::to.dtype_layout",
                   boxed<[](const Tensor& self, OptType dtype, std::optional<int64_t>, std::optional<Device> device,
                            std::optional<bool>, bool, bool copy, std::optional<int64_t> format) {
                     checkCpuDevice(device, "to");
                     return convert(self, dtype.value_or(self.dtype()), copy, format);
                   }>);
  r.registerKernel("aten::to.prim_Device",
                   boxed<[](const Tensor& self, std::optional<Device> device, OptType dtype, bool, bool copy) {
                     checkCpuDevice(device, "to");
                     return convert(self, dtype.value_or(self.dtype()), copy, std::nullopt);
                   }>);
  r.registerKernel("aten::to.prim_dtype", boxed<[](const Tensor& self, OptType dtype, bool, bool copy) {
                     return convert(self, dtype.value_or(self.dtype()), copy, std::nullopt);
                   }>);
  r.registerKernel("aten::to.prim_other", boxed<[](const Tensor& self, bool, bool copy) {
                     return convert(self, self.dtype(), copy, std::nullopt);
                   }>);
  r.registerKernel("aten::type_as", boxed<[](const Tensor& self, const Tensor& other) { return to(self, other.dtype()); }>);
  r.registerKernel("aten::contiguous", boxed<[](const Tensor& self, int64_t format) {
                     memoryFormat(format, "contiguous");
                     return contiguous(self);
                   }>);
  r.registerKernel("aten::clone", boxed<[](const Tensor& self, std::optional<int64_t> format) {
                     if (memoryFormat(format, "clone") == MemoryFormat::Contiguous && !self.isContiguous())
                       return contiguous(self);
                     return clone(self);
                   }>);
  r.registerKernel("aten::copy_", boxed<[](const Tensor& self, const Tensor& src, bool nonBlocking) {
                     return copy_(self, src, nonBlocking);
                   }>);
  r.registerKernel("aten::copy_.Tensor", boxed<[](const Tensor& self, const Tensor& other) { return copy_(self, other); }>);
  r.registerKernel("aten::copy_.int", boxed<[](const Tensor& self, int64_t v) { return fill_(self, Scalar(v)); }>);
  r.registerKernel("aten::copy_.float", boxed<[](const Tensor& self, double v) { return fill_(self, Scalar(v)); }>);
  r.registerKernel("aten::fill_.Scalar", boxed<static_cast<const Tensor& (*)(const Tensor&, const Scalar&)>(&fill_)>);
  r.registerKernel("aten::fill_.Tensor", boxed<static_cast<const Tensor& (*)(const Tensor&, const Tensor&)>(&fill_)>);
  r.registerKernel("aten::zero_", boxed<zero_>);
  r.registerKernel("aten::detach", boxed<detach>);
  // Sconce has no autograd: detaching in place leaves nothing to change.
  r.registerKernel("aten::detach_", boxed<[](const Tensor& self) { return self; }>);
  r.registerKernel("aten::alias", boxed<alias>);
}

void registerViews(OperatorRegistry& r) {
  r.registerKernel("aten::view", boxed<[](const Tensor& self, Ints size) { return view(self, size); }>);
  r.registerKernel("aten::view_as", boxed<view_as>);
  r.registerKernel("aten::reshape", boxed<[](const Tensor& self, Ints shape) { return reshape(self, shape); }>);
  r.registerKernel("aten::reshape_as", boxed<reshape_as>);
  r.registerKernel("aten::as_strided", boxed<[](const Tensor& self, Ints size, Ints stride, std::optional<int64_t> offset) {
                     return as_strided(self, size, stride, offset);
                   }>);
  r.registerKernel("aten::as_strided_", boxed<[](const Tensor& self, Ints size, Ints stride,
                                                 std::optional<int64_t> offset) {
                     return restride(self, as_strided(self, size, stride, offset));
                   }>);
  r.registerKernel("aten::permute", boxed<[](const Tensor& self, Ints dims) { return permute(self, dims); }>);
  for (const char* name : {"aten::transpose.int", "aten::swapaxes", "aten::swapdims"})
    r.registerKernel(name, boxed<transpose>);
  for (const char* name : {"aten::transpose_", "aten::swapaxes_", "aten::swapdims_"})
    r.registerKernel(name, boxed<[](const Tensor& self, int64_t d0, int64_t d1) {
                       return restride(self, transpose(self, d0, d1));
                     }>);
  r.registerKernel("aten::t", boxed<t>);
  r.registerKernel("aten::t_", boxed<[](const Tensor& self) { return restride(self, t(self)); }>);
  r.registerKernel("aten::numpy_T", boxed<numpy_T>);
  r.registerKernel("aten::numpy_T.a", boxed<numpy_T>);
  r.registerKernel("aten::mT", boxed<mT>);
  r.registerKernel("aten::mT.a", boxed<mT>);
  r.registerKernel("aten::mH", boxed<mH>);
  r.registerKernel("aten::mH.a", boxed<mH>);
  r.registerKernel("aten::adjoint", boxed<adjoint>);
  r.registerKernel("aten::flatten.using_ints", boxed<flatten>);
  r.registerKernel("aten::unflatten.int", boxed<[](const Tensor& self, int64_t dim, Ints sizes) {
                     return unflatten(self, dim, sizes);
                   }>);
  r.registerKernel("aten::squeeze", boxed<static_cast<Tensor (*)(const Tensor&)>(&squeeze)>);
  r.registerKernel("aten::squeeze.dim", boxed<static_cast<Tensor (*)(const Tensor&, int64_t)>(&squeeze)>);
  r.registerKernel("aten::squeeze_", boxed<[](const Tensor& self) { return restride(self, squeeze(self)); }>);
  r.registerKernel("aten::squeeze_.dim",
                   boxed<[](const Tensor& self, int64_t dim) { return restride(self, squeeze(self, dim)); }>);
  r.registerKernel("aten::unsqueeze", boxed<unsqueeze>);
  r.registerKernel("aten::unsqueeze_",
                   boxed<[](const Tensor& self, int64_t dim) { return restride(self, unsqueeze(self, dim)); }>);
  r.registerKernel("aten::expand",
                   boxed<[](const Tensor& self, Ints size, bool implicit) { return expand(self, size, implicit); }>);
  r.registerKernel("aten::expand_as", boxed<expand_as>);
  r.registerKernel("aten::slice.Tensor", boxed<slice>);
  r.registerKernel("aten::select.int", boxed<select>);
  r.registerKernel("aten::narrow", boxed<narrow>);
  r.registerKernel("aten::narrow.Tensor", boxed<[](const Tensor& self, int64_t dim, const Tensor& start, int64_t length) {
                     SCONCE_CHECK(ValueError, start.dim() == 0 && isIntegralType(start.dtype(), false),
                                  "start must be an 0-dim integral Tensor.");
                     return narrow(self, dim, start.itemAsInt(), length);
                   }>);
  r.registerKernel("aten::movedim.int", boxed<static_cast<Tensor (*)(const Tensor&, int64_t, int64_t)>(&movedim)>);
  r.registerKernel("aten::moveaxis.int", boxed<static_cast<Tensor (*)(const Tensor&, int64_t, int64_t)>(&movedim)>);
  for (const char* name : {"aten::movedim.intlist", "aten::moveaxis.intlist"})
    r.registerKernel(name, boxed<[](const Tensor& self, Ints source, Ints destination) {
                       return movedim(self, source, destination);
                     }>);
  r.registerKernel("aten::diagonal", boxed<diagonal>);
  r.registerKernel("aten::unfold", boxed<unfold>);
  r.registerKernel("aten::atleast_1d", boxed<atleast_1d>);
  r.registerKernel("aten::atleast_2d", boxed<atleast_2d>);
  r.registerKernel("aten::atleast_3d", boxed<atleast_3d>);
  r.registerKernel("aten::atleast_1d.Sequence", boxed<[](std::vector<Tensor> ts) {
                     for (Tensor& x : ts) x = atleast_1d(x);
                     return ts;
                   }>);
  r.registerKernel("aten::atleast_2d.Sequence", boxed<[](std::vector<Tensor> ts) {
                     for (Tensor& x : ts) x = atleast_2d(x);
                     return ts;
                   }>);
  r.registerKernel("aten::atleast_3d.Sequence", boxed<[](std::vector<Tensor> ts) {
                     for (Tensor& x : ts) x = atleast_3d(x);
                     return ts;
                   }>);
}

void registerSplits(OperatorRegistry& r) {
  using SplitInt = std::vector<Tensor> (*)(const Tensor&, int64_t, int64_t);
  auto bySizes = boxed<[](const Tensor& self, Ints sizes, int64_t dim) { return split_with_sizes(self, sizes, dim); }>;
  r.registerKernel("aten::split.Tensor", boxed<static_cast<SplitInt>(&split)>);
  r.registerKernel("aten::unsafe_split.Tensor", boxed<static_cast<SplitInt>(&split)>);
  r.registerKernel("aten::split.sizes", bySizes);
  r.registerKernel("aten::split", bySizes);
  r.registerKernel("aten::split_with_sizes", bySizes);
  r.registerKernel("aten::chunk", boxed<chunk>);
  r.registerKernel("aten::unsafe_chunk", boxed<chunk>);
  r.registerKernel("aten::tensor_split.sections", boxed<static_cast<SplitInt>(&tensor_split)>);
  r.registerKernel("aten::tensor_split.indices", boxed<[](const Tensor& self, Ints indices, int64_t dim) {
                     return tensor_split(self, indices, dim);
                   }>);
  r.registerKernel("aten::tensor_split.tensor_indices_or_sections",
                   boxed<[](const Tensor& self, const Tensor& spec, int64_t dim) {
                     SCONCE_CHECK(ValueError, spec.dim() <= 1 && spec.dtype() == ScalarType::Long,
                                  "tensor_split expected tensor_indices_or_sections to be a zero-dimensional or "
                                  "one-dimensional tensor, but got a tensor with {} dims",
                                  spec.dim());
                     if (spec.dim() == 0) return tensor_split(self, spec.itemAsInt(), dim);
                     Ints indices(static_cast<size_t>(spec.numel()));
                     for (int64_t i = 0; i < spec.numel(); ++i) indices[i] = spec.itemAsInt(i);
                     return tensor_split(self, indices, dim);
                   }>);
  r.registerKernel("aten::unbind.int", boxed<unbind>);
}

void registerCopies(OperatorRegistry& r) {
  r.registerKernel("aten::cat", boxed<cat>);
  r.registerKernel("aten::concat", boxed<concat>);
  r.registerKernel("aten::stack", boxed<stack>);
  r.registerKernel("aten::hstack", boxed<hstack>);
  r.registerKernel("aten::vstack", boxed<vstack>);
  r.registerKernel("aten::dstack", boxed<dstack>);
  r.registerKernel("aten::repeat", boxed<[](const Tensor& self, Ints repeats) { return repeat(self, repeats); }>);
  r.registerKernel("aten::repeat_interleave.Tensor",
                   boxed<static_cast<Tensor (*)(const Tensor&, std::optional<int64_t>)>(&repeat_interleave)>);
  r.registerKernel("aten::repeat_interleave.self_Tensor",
                   boxed<static_cast<Tensor (*)(const Tensor&, const Tensor&, std::optional<int64_t>,
                                                std::optional<int64_t>)>(&repeat_interleave)>);
  r.registerKernel("aten::repeat_interleave.self_int",
                   boxed<static_cast<Tensor (*)(const Tensor&, int64_t, std::optional<int64_t>, std::optional<int64_t>)>(
                       &repeat_interleave)>);
  r.registerKernel("aten::flip", boxed<[](const Tensor& self, Ints dims) { return flip(self, dims); }>);
  r.registerKernel("aten::fliplr", boxed<fliplr>);
  r.registerKernel("aten::flipud", boxed<flipud>);
  r.registerKernel("aten::roll", boxed<[](const Tensor& self, Ints shifts, Ints dims) { return roll(self, shifts, dims); }>);
  r.registerKernel("aten::tril", boxed<tril>);
  r.registerKernel("aten::triu", boxed<triu>);
  r.registerKernel("aten::tril_", boxed<tril_>);
  r.registerKernel("aten::triu_", boxed<triu_>);
}

}  // namespace

void checkCpuDevice(const std::optional<Device>& device, std::string_view op) {
  SCONCE_CHECK(UnsupportedError, !device || device->isCpu(), "{}: device '{}' is not supported (Sconce runs on the CPU)",
               op, device->str());
}

void registerShapeOpKernels(OperatorRegistry& r) {
  registerConversions(r);
  registerViews(r);
  registerSplits(r);
  registerCopies(r);
}

void registerTensorKernels(OperatorRegistry& r) {
  registerBinaryOpKernels(r);
  registerUnaryOpKernels(r);
  registerReduceOpKernels(r);
  registerShapeOpKernels(r);
  registerIndexingOpKernels(r);
  registerCreationOpKernels(r);
  registerComplexOpKernels(r);
}

}  // namespace sconce::ops
