// registerVisionKernels: the schema -> kernel table of src/ops/vision/, one line per op.
//
// The torchvision:: schemas are not in PyTorch's table (schema_table.inc); registering a
// kernel with the full schema text adds them.
#include "ops/vision/register_vision.h"

#include "ops/boxing.h"
#include "ops/vision/vision_kernels.h"

namespace sconce::ops {

void registerVisionKernels(OperatorRegistry& r) {
  using namespace vision;
  r.registerKernel("torchvision::nms(Tensor dets, Tensor scores, float iou_threshold) -> Tensor",
                   boxed<[](Tensor dets, Tensor scores, double iou) { return nms(dets, scores, iou); }>);
  r.registerKernel(
      "torchvision::roi_align(Tensor input, Tensor rois, float spatial_scale, int pooled_height, int pooled_width, "
      "int sampling_ratio, bool aligned) -> Tensor",
      boxed<[](Tensor input, Tensor rois, double scale, int64_t ph, int64_t pw, int64_t sampling, bool aligned) {
        return roiAlign(input, rois, scale, ph, pw, sampling, aligned);
      }>);
  r.registerKernel(
      "torchvision::roi_pool(Tensor input, Tensor rois, float spatial_scale, int pooled_height, int pooled_width) "
      "-> (Tensor, Tensor)",
      boxed<[](Tensor input, Tensor rois, double scale, int64_t ph, int64_t pw) {
        auto [out, argmax] = roiPool(input, rois, scale, ph, pw);
        return std::tuple(out, argmax);
      }>);
  r.registerKernel(
      "torchvision::ps_roi_align(Tensor input, Tensor rois, float spatial_scale, int pooled_height, "
      "int pooled_width, int sampling_ratio) -> (Tensor, Tensor)",
      boxed<[](Tensor input, Tensor rois, double scale, int64_t ph, int64_t pw, int64_t sampling) {
        auto [out, map] = psRoiAlign(input, rois, scale, ph, pw, sampling);
        return std::tuple(out, map);
      }>);
  r.registerKernel(
      "torchvision::ps_roi_pool(Tensor input, Tensor rois, float spatial_scale, int pooled_height, "
      "int pooled_width) -> (Tensor, Tensor)",
      boxed<[](Tensor input, Tensor rois, double scale, int64_t ph, int64_t pw) {
        auto [out, map] = psRoiPool(input, rois, scale, ph, pw);
        return std::tuple(out, map);
      }>);
  r.registerKernel(
      "torchvision::deform_conv2d(Tensor input, Tensor weight, Tensor offset, Tensor mask, Tensor bias, "
      "int stride_h, int stride_w, int pad_h, int pad_w, int dilation_h, int dilation_w, int groups, "
      "int offset_groups, bool use_mask) -> Tensor",
      boxed<[](Tensor input, Tensor weight, Tensor offset, Tensor mask, Tensor bias, int64_t sh, int64_t sw,
               int64_t ph, int64_t pw, int64_t dh, int64_t dw, int64_t groups, int64_t offsetGroups, bool useMask) {
        return deformConv2d(input, weight, offset, mask, bias, sh, sw, ph, pw, dh, dw, groups, offsetGroups,
                            useMask);
      }>);
  // This build has no CUDA kernels: torchvision reports -1 then.
  r.registerKernel("torchvision::_cuda_version() -> int", boxed<[]() -> int64_t { return -1; }>);
}

}  // namespace sconce::ops
