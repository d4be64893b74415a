// Device: where a tensor's memory lives ("cpu", "cuda:0").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sconce {

enum class DeviceType : int8_t { CPU = 0, CUDA = 1, Meta = 2 };

/// A device type plus an optional index (-1 = "the current one").
struct Device {
  DeviceType type = DeviceType::CPU;
  int8_t index = -1;

  Device() = default;
  Device(DeviceType t, int8_t i = -1) : type(t), index(i) {}
  /// Parses PyTorch's spelling: "cpu", "cuda", "cuda:1", "meta". Throws ValueError.
  static Device parse(std::string_view text);

  bool isCpu() const { return type == DeviceType::CPU; }
  /// "cpu", "cuda:0", ... exactly as str(torch.device) prints.
  std::string str() const;
  bool operator==(const Device&) const = default;
};

}  // namespace sconce
