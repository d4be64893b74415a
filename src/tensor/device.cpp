// Device parsing and printing.
#include "tensor/device.h"

#include <charconv>

#include "support/error.h"

namespace sconce {

Device Device::parse(std::string_view text) {
  std::string_view kind = text;
  int8_t index = -1;
  if (auto colon = text.find(':'); colon != std::string_view::npos) {
    kind = text.substr(0, colon);
    std::string_view num = text.substr(colon + 1);
    int value = -1;
    auto [ptr, ec] = std::from_chars(num.data(), num.data() + num.size(), value);
    if (ec != std::errc() || ptr != num.data() + num.size() || value < 0 || value > 127)
      fail<ValueError>("invalid device string '{}'", text);
    index = static_cast<int8_t>(value);
  }
  if (kind == "cpu") return Device(DeviceType::CPU, index);
  if (kind == "cuda") return Device(DeviceType::CUDA, index);
  if (kind == "meta") return Device(DeviceType::Meta, index);
  fail<ValueError>("invalid device string '{}' (expected cpu, cuda or meta)", text);
}

std::string Device::str() const {
  std::string s = type == DeviceType::CPU ? "cpu" : type == DeviceType::CUDA ? "cuda" : "meta";
  if (index >= 0) s += ":" + std::to_string(index);
  return s;
}

}  // namespace sconce
