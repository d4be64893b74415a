// registerVisionKernels: torchvision's custom ops (torchvision::nms, roi_align, ...) in
// the operator table, so torchvision's scripted detection models run without torchvision.
#pragma once

namespace sconce {
class OperatorRegistry;
}

namespace sconce::ops {

/// Registers the torchvision:: kernels with their schemas as torchvision 0.14 defines them
/// (TORCH_LIBRARY_FRAGMENT(torchvision, m) in torchvision/csrc/ops/*.cpp).
void registerVisionKernels(OperatorRegistry& registry);

}  // namespace sconce::ops
