// Boxes the binary and ternary elementwise kernels (binary.h, elementwise.h): arithmetic,
// comparisons, bitwise and logical ops with their Python-operator aliases (__and__,
// __ilshift__, ...), where/masked_fill/clamp/lerp/addcmul, and equal/allclose/isclose.
#include <cmath>

#include "ops/kernels/elementwise.h"
#include "ops/kernels/indexing.h"
#include "ops/kernels/reduce.h"
#include "ops/kernels/register_tensor_kernels.h"

namespace sconce::ops {
namespace {

using TT = Tensor (*)(const Tensor&, const Tensor&);
using TS = Tensor (*)(const Tensor&, const Scalar&);
using ITT = const Tensor& (*)(const Tensor&, const Tensor&);
using ITS = const Tensor& (*)(const Tensor&, const Scalar&);
using OTT = const Tensor& (*)(const Tensor&, const Tensor&, const Tensor&);
using TTA = Tensor (*)(const Tensor&, const Tensor&, const Scalar&);
using TSA = Tensor (*)(const Tensor&, const Scalar&, const Scalar&);
using ITTA = const Tensor& (*)(const Tensor&, const Tensor&, const Scalar&);
using ITSA = const Tensor& (*)(const Tensor&, const Scalar&, const Scalar&);
using OTTA = const Tensor& (*)(const Tensor&, const Tensor&, const Tensor&, const Scalar&);

/// The schema names of one binary op's (self, other) overloads; null where the op has
/// no such overload (atan2 has no Scalar form, maximum no in-place form).
struct BinaryNames {
  const char* tensor;
  const char* scalar;
  const char* inplaceTensor;
  const char* inplaceScalar;
  const char* out;
};

template <TT F, TS FS, ITT I, ITS IS, OTT O>
void registerBinary(OperatorRegistry& r, const BinaryNames& n) {
  if (n.tensor) r.registerKernel(n.tensor, boxed<F>);
  if (n.scalar) r.registerKernel(n.scalar, boxed<FS>);
  if (n.inplaceTensor) r.registerKernel(n.inplaceTensor, boxed<I>);
  if (n.inplaceScalar) r.registerKernel(n.inplaceScalar, boxed<IS>);
  if (n.out) r.registerKernel(n.out, outLast<O>);
}

#define SCONCE_REGISTER_BINARY(fn, ...)                                                            \
  registerBinary<static_cast<TT>(&fn), static_cast<TS>(&fn), static_cast<ITT>(&fn##_),             \
                 static_cast<ITS>(&fn##_), static_cast<OTT>(&fn##_out)>(r, BinaryNames{__VA_ARGS__})

/// The usual overload spelling: op.Tensor, op.Scalar, op_.Tensor, op_.Scalar, op.Tensor_out.
#define SCONCE_STANDARD_NAMES(name)                                                           \
  "aten::" name ".Tensor", "aten::" name ".Scalar", "aten::" name "_.Tensor", "aten::" name "_.Scalar", \
      "aten::" name ".Tensor_out"

/// A Python number operand as the 0-d tensor PyTorch wraps it in for `Scalar self` forms.
Tensor wrapScalar(const Scalar& s) {
  switch (s.kind()) {
    case Scalar::Kind::Bool: return Tensor::scalar(int64_t{s.toBool()}, ScalarType::Bool);
    case Scalar::Kind::Int: return Tensor::scalar(s.toLong(), ScalarType::Long);
    case Scalar::Kind::Double: return Tensor::scalar(s.toDouble(), ScalarType::Double);
    case Scalar::Kind::Complex: break;
  }
  fail<UnsupportedError>("complex tensors are not supported");
}

template <TT F>
Tensor scalarSelf(const Scalar& self, const Tensor& other) {
  return F(wrapScalar(self), other);
}

/// at::isclose: |self - other| <= atol + rtol * |other|, plus exact equality (so equal
/// infinities are close) and, with equal_nan, NaN against NaN.
Tensor isclose(const Tensor& self, const Tensor& other, double rtol, double atol, bool equalNan) {
  SCONCE_CHECK(ValueError, self.dtype() == other.dtype(), "{} did not match {}", scalarTypeName(self.dtype()),
               scalarTypeName(other.dtype()));
  SCONCE_CHECK(ValueError, rtol >= 0, "rtol must be greater than or equal to zero, but got {}", rtol);
  SCONCE_CHECK(ValueError, atol >= 0, "atol must be greater than or equal to zero, but got {}", atol);
  Tensor close = eq(self, other);
  if (equalNan && isFloatingType(self.dtype())) bitwise_or_(close, logical_and(isnan(self), isnan(other)));
  // Bool operands compute their error in the default dtype, as PyTorch does.
  const Tensor a = self.dtype() == ScalarType::Bool ? to(self, ScalarType::Float) : self;
  const Tensor b = other.dtype() == ScalarType::Bool ? to(other, ScalarType::Float) : other;
  Tensor allowed = add(abs(mul(b, Scalar(rtol))), Scalar(atol));
  Tensor actual = abs(sub(a, b));
  bitwise_or_(close, logical_and(isfinite(actual), le(actual, allowed)));
  return close;
}

bool allclose(const Tensor& self, const Tensor& other, double rtol, double atol, bool equalNan) {
  return all(isclose(self, other, rtol, atol, equalNan)).itemAsInt() != 0;
}

/// torch.equal: same sizes and elements (NaN is never equal); dtypes must match.
bool equal(const Tensor& self, const Tensor& other) {
  SCONCE_CHECK(ValueError, self.dtype() == other.dtype(),
               "Expected object of scalar type {} but got scalar type {} for argument 'other'",
               scalarTypeShortName(self.dtype()), scalarTypeShortName(other.dtype()));
  if (self.sizes() != other.sizes()) return false;
  return all(eq(self, other)).itemAsInt() != 0;
}

void registerArithmetic(OperatorRegistry& r) {
  r.registerKernel("aten::add.Tensor", boxed<static_cast<TTA>(&add)>);
  r.registerKernel("aten::add.Scalar", boxed<static_cast<TSA>(&add)>);
  r.registerKernel("aten::add_.Tensor", boxed<static_cast<ITTA>(&add_)>);
  r.registerKernel("aten::add_.Scalar", boxed<static_cast<ITSA>(&add_)>);
  r.registerKernel("aten::add.out", outLast<static_cast<OTTA>(&add_out)>);
  for (const char* prefix : {"sub", "subtract"}) {
    const std::string p = std::string("aten::") + prefix;
    r.registerKernel(p + ".Tensor", boxed<static_cast<TTA>(&sub)>);
    r.registerKernel(p + ".Scalar", boxed<static_cast<TSA>(&sub)>);
    r.registerKernel(p + "_.Tensor", boxed<static_cast<ITTA>(&sub_)>);
    r.registerKernel(p + "_.Scalar", boxed<static_cast<ITSA>(&sub_)>);
    r.registerKernel(p + ".out", outLast<static_cast<OTTA>(&sub_out)>);
  }
  r.registerKernel("aten::rsub.Tensor", boxed<static_cast<TTA>(&rsub)>);
  r.registerKernel("aten::rsub.Scalar", boxed<static_cast<TSA>(&rsub)>);

  SCONCE_REGISTER_BINARY(mul, "aten::mul.Tensor", "aten::mul.Scalar", "aten::mul_.Tensor", "aten::mul_.Scalar",
                         "aten::mul.out");
  SCONCE_REGISTER_BINARY(mul, "aten::multiply.Tensor", "aten::multiply.Scalar", "aten::multiply_.Tensor",
                         "aten::multiply_.Scalar", "aten::multiply.out");
  for (const char* prefix : {"div", "divide", "true_divide"}) {
    const std::string p = std::string("aten::") + prefix;
    r.registerKernel(p + ".Tensor", boxed<static_cast<TT>(&div)>);
    r.registerKernel(p + ".Scalar", boxed<static_cast<TS>(&div)>);
    r.registerKernel(p + "_.Tensor", boxed<static_cast<ITT>(&div_)>);
    r.registerKernel(p + "_.Scalar", boxed<static_cast<ITS>(&div_)>);
    r.registerKernel(p + ".out", outLast<static_cast<OTT>(&div_out)>);
    if (p == "aten::true_divide") continue;
    r.registerKernel(p + ".Tensor_mode", boxed<[](const Tensor& a, const Tensor& b, std::optional<std::string> m) {
                       return div(a, b, optionalView(m));
                     }>);
    r.registerKernel(p + ".Scalar_mode", boxed<[](const Tensor& a, const Scalar& b, std::optional<std::string> m) {
                       return div(a, b, optionalView(m));
                     }>);
    r.registerKernel(p + "_.Tensor_mode", boxed<[](const Tensor& a, const Tensor& b, std::optional<std::string> m) {
                       return div_(a, b, optionalView(m));
                     }>);
    r.registerKernel(p + "_.Scalar_mode", boxed<[](const Tensor& a, const Scalar& b, std::optional<std::string> m) {
                       return div_(a, b, optionalView(m));
                     }>);
    r.registerKernel(p + ".out_mode",
                     boxed<[](const Tensor& a, const Tensor& b, std::optional<std::string> m, const Tensor& out) {
                       return div_out(out, a, b, optionalView(m));
                     }>);
  }
  SCONCE_REGISTER_BINARY(floor_divide, "aten::floor_divide", "aten::floor_divide.Scalar",
                         "aten::floor_divide_.Tensor", "aten::floor_divide_.Scalar", "aten::floor_divide.out");
  SCONCE_REGISTER_BINARY(remainder, SCONCE_STANDARD_NAMES("remainder"));
  r.registerKernel("aten::remainder.Scalar_Tensor",
                   boxed<static_cast<Tensor (*)(const Scalar&, const Tensor&)>(&remainder)>);
  SCONCE_REGISTER_BINARY(fmod, SCONCE_STANDARD_NAMES("fmod"));
  SCONCE_REGISTER_BINARY(pow, "aten::pow.Tensor_Tensor", "aten::pow.Tensor_Scalar", "aten::pow_.Tensor",
                         "aten::pow_.Scalar", "aten::pow.Tensor_Tensor_out");
  r.registerKernel("aten::pow.Scalar", boxed<static_cast<Tensor (*)(const Scalar&, const Tensor&)>(&pow)>);
  r.registerKernel("aten::pow.Tensor_Scalar_out",
                   outLast<static_cast<const Tensor& (*)(const Tensor&, const Tensor&, const Scalar&)>(&pow_out)>);
  SCONCE_REGISTER_BINARY(atan2, "aten::atan2", nullptr, "aten::atan2_", nullptr, "aten::atan2.out");
  SCONCE_REGISTER_BINARY(maximum, "aten::maximum", nullptr, nullptr, nullptr, "aten::maximum.out");
  SCONCE_REGISTER_BINARY(minimum, "aten::minimum", nullptr, nullptr, nullptr, "aten::minimum.out");
  SCONCE_REGISTER_BINARY(maximum, "aten::max.other", nullptr, nullptr, nullptr, "aten::max.out");
  SCONCE_REGISTER_BINARY(minimum, "aten::min.other", nullptr, nullptr, nullptr, "aten::min.out");
}

void registerComparisonsAndBitwise(OperatorRegistry& r) {
  SCONCE_REGISTER_BINARY(eq, SCONCE_STANDARD_NAMES("eq"));
  SCONCE_REGISTER_BINARY(ne, SCONCE_STANDARD_NAMES("ne"));
  SCONCE_REGISTER_BINARY(lt, SCONCE_STANDARD_NAMES("lt"));
  SCONCE_REGISTER_BINARY(le, SCONCE_STANDARD_NAMES("le"));
  SCONCE_REGISTER_BINARY(gt, SCONCE_STANDARD_NAMES("gt"));
  SCONCE_REGISTER_BINARY(ge, SCONCE_STANDARD_NAMES("ge"));
  SCONCE_REGISTER_BINARY(ne, SCONCE_STANDARD_NAMES("not_equal"));
  SCONCE_REGISTER_BINARY(lt, SCONCE_STANDARD_NAMES("less"));
  SCONCE_REGISTER_BINARY(le, SCONCE_STANDARD_NAMES("less_equal"));
  SCONCE_REGISTER_BINARY(gt, SCONCE_STANDARD_NAMES("greater"));
  SCONCE_REGISTER_BINARY(ge, SCONCE_STANDARD_NAMES("greater_equal"));

  SCONCE_REGISTER_BINARY(bitwise_and, SCONCE_STANDARD_NAMES("bitwise_and"));
  SCONCE_REGISTER_BINARY(bitwise_or, SCONCE_STANDARD_NAMES("bitwise_or"));
  SCONCE_REGISTER_BINARY(bitwise_xor, SCONCE_STANDARD_NAMES("bitwise_xor"));
  r.registerKernel("aten::bitwise_and.Scalar_Tensor", boxed<scalarSelf<static_cast<TT>(&bitwise_and)>>);
  r.registerKernel("aten::bitwise_or.Scalar_Tensor", boxed<scalarSelf<static_cast<TT>(&bitwise_or)>>);
  r.registerKernel("aten::bitwise_xor.Scalar_Tensor", boxed<scalarSelf<static_cast<TT>(&bitwise_xor)>>);
  SCONCE_REGISTER_BINARY(bitwise_left_shift, "aten::bitwise_left_shift.Tensor",
                         "aten::bitwise_left_shift.Tensor_Scalar", "aten::bitwise_left_shift_.Tensor",
                         "aten::bitwise_left_shift_.Tensor_Scalar", "aten::bitwise_left_shift.Tensor_out");
  SCONCE_REGISTER_BINARY(bitwise_right_shift, "aten::bitwise_right_shift.Tensor",
                         "aten::bitwise_right_shift.Tensor_Scalar", "aten::bitwise_right_shift_.Tensor",
                         "aten::bitwise_right_shift_.Tensor_Scalar", "aten::bitwise_right_shift.Tensor_out");
  r.registerKernel("aten::bitwise_left_shift.Scalar_Tensor",
                   boxed<scalarSelf<static_cast<TT>(&bitwise_left_shift)>>);
  r.registerKernel("aten::bitwise_right_shift.Scalar_Tensor",
                   boxed<scalarSelf<static_cast<TT>(&bitwise_right_shift)>>);
  // The Python operators `a & b`, `a <<= b`, ... on tensors.
  SCONCE_REGISTER_BINARY(bitwise_and, "aten::__and__.Tensor", "aten::__and__.Scalar", "aten::__iand__.Tensor",
                         "aten::__iand__.Scalar", nullptr);
  SCONCE_REGISTER_BINARY(bitwise_or, "aten::__or__.Tensor", "aten::__or__.Scalar", "aten::__ior__.Tensor",
                         "aten::__ior__.Scalar", nullptr);
  SCONCE_REGISTER_BINARY(bitwise_xor, "aten::__xor__.Tensor", "aten::__xor__.Scalar", "aten::__ixor__.Tensor",
                         "aten::__ixor__.Scalar", nullptr);
  SCONCE_REGISTER_BINARY(bitwise_left_shift, "aten::__lshift__.Tensor", "aten::__lshift__.Scalar",
                         "aten::__ilshift__.Tensor", "aten::__ilshift__.Scalar", "aten::__lshift__.Tensor_out");
  SCONCE_REGISTER_BINARY(bitwise_right_shift, "aten::__rshift__.Tensor", "aten::__rshift__.Scalar",
                         "aten::__irshift__.Tensor", "aten::__irshift__.Scalar", "aten::__rshift__.Tensor_out");
  SCONCE_REGISTER_BINARY(logical_and, "aten::logical_and", nullptr, "aten::logical_and_", nullptr,
                         "aten::logical_and.out");
  SCONCE_REGISTER_BINARY(logical_or, "aten::logical_or", nullptr, "aten::logical_or_", nullptr,
                         "aten::logical_or.out");
  SCONCE_REGISTER_BINARY(logical_xor, "aten::logical_xor", nullptr, "aten::logical_xor_", nullptr,
                         "aten::logical_xor.out");

  r.registerKernel("aten::equal", boxed<equal>);
  r.registerKernel("aten::isclose", boxed<isclose>);
  r.registerKernel("aten::allclose", boxed<allclose>);
}

void registerTernary(OperatorRegistry& r) {
  using OptS = std::optional<Scalar>;
  using OptT = std::optional<Tensor>;
  r.registerKernel("aten::where.self", boxed<static_cast<Tensor (*)(const Tensor&, const Tensor&, const Tensor&)>(&where)>);
  r.registerKernel("aten::where.ScalarOther",
                   boxed<static_cast<Tensor (*)(const Tensor&, const Tensor&, const Scalar&)>(&where)>);
  r.registerKernel("aten::where.ScalarSelf",
                   boxed<static_cast<Tensor (*)(const Tensor&, const Scalar&, const Tensor&)>(&where)>);
  r.registerKernel("aten::where.Scalar",
                   boxed<static_cast<Tensor (*)(const Tensor&, const Scalar&, const Scalar&)>(&where)>);
  r.registerKernel("aten::where", boxed<static_cast<std::vector<Tensor> (*)(const Tensor&)>(&where)>);

  r.registerKernel("aten::masked_fill.Scalar",
                   boxed<static_cast<Tensor (*)(const Tensor&, const Tensor&, const Scalar&)>(&masked_fill)>);
  r.registerKernel("aten::masked_fill.Tensor",
                   boxed<static_cast<Tensor (*)(const Tensor&, const Tensor&, const Tensor&)>(&masked_fill)>);
  r.registerKernel("aten::masked_fill_.Scalar",
                   boxed<static_cast<const Tensor& (*)(const Tensor&, const Tensor&, const Scalar&)>(&masked_fill_)>);
  r.registerKernel("aten::masked_fill_.Tensor",
                   boxed<static_cast<const Tensor& (*)(const Tensor&, const Tensor&, const Tensor&)>(&masked_fill_)>);

  for (const char* name : {"clamp", "clip"}) {
    const std::string p = std::string("aten::") + name;
    r.registerKernel(p, boxed<static_cast<Tensor (*)(const Tensor&, const OptS&, const OptS&)>(&clamp)>);
    r.registerKernel(p + ".Tensor", boxed<static_cast<Tensor (*)(const Tensor&, const OptT&, const OptT&)>(&clamp)>);
    r.registerKernel(p + "_", boxed<static_cast<const Tensor& (*)(const Tensor&, const OptS&, const OptS&)>(&clamp_)>);
    r.registerKernel(p + "_.Tensor",
                     boxed<static_cast<const Tensor& (*)(const Tensor&, const OptT&, const OptT&)>(&clamp_)>);
  }
  r.registerKernel("aten::clamp_min", boxed<static_cast<TS>(&clamp_min)>);
  r.registerKernel("aten::clamp_min.Tensor", boxed<static_cast<TT>(&clamp_min)>);
  r.registerKernel("aten::clamp_min_", boxed<static_cast<ITS>(&clamp_min_)>);
  r.registerKernel("aten::clamp_min_.Tensor",
                   boxed<[](const Tensor& self, const Tensor& min) { return clamp_(self, OptT(min), OptT()); }>);
  r.registerKernel("aten::clamp_max", boxed<static_cast<TS>(&clamp_max)>);
  r.registerKernel("aten::clamp_max.Tensor", boxed<static_cast<TT>(&clamp_max)>);
  r.registerKernel("aten::clamp_max_", boxed<static_cast<ITS>(&clamp_max_)>);
  r.registerKernel("aten::clamp_max_.Tensor",
                   boxed<[](const Tensor& self, const Tensor& max) { return clamp_(self, OptT(), OptT(max)); }>);

  r.registerKernel("aten::lerp.Scalar", boxed<static_cast<TTA>(&lerp)>);
  r.registerKernel("aten::lerp.Tensor", boxed<static_cast<Tensor (*)(const Tensor&, const Tensor&, const Tensor&)>(&lerp)>);
  r.registerKernel("aten::lerp_.Scalar", boxed<static_cast<ITTA>(&lerp_)>);
  r.registerKernel("aten::lerp_.Tensor", boxed<static_cast<OTT>(&lerp_)>);
  r.registerKernel("aten::addcmul", boxed<addcmul>);
  r.registerKernel("aten::addcmul_", boxed<addcmul_>);
  r.registerKernel("aten::addcdiv", boxed<addcdiv>);
  r.registerKernel("aten::addcdiv_", boxed<addcdiv_>);
}

}  // namespace

void registerBinaryOpKernels(OperatorRegistry& r) {
  registerArithmetic(r);
  registerComparisonsAndBitwise(r);
  registerTernary(r);
}

}  // namespace sconce::ops
