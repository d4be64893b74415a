// str methods that search: find/rfind/index/rindex/count/startswith/endswith.
//
// All take (start, end) code point bounds. TorchScript's schemas default `end` to -1
// and mean "to the end of the string" by it, so a negative end counts from one past the
// last character (len + end + 1), not from the last one as in Python; a kernel cannot
// tell a defaulted -1 from a written one. Everything else follows CPython.
#include "ops/builtins/builtins.h"
#include "ops/builtins/utf8.h"

namespace sconce::ops {
namespace {

/// A search window [startByte, endByte) plus what is needed to report code point
/// positions back.
struct Window {
  CodePointIndex cps;
  int64_t start;  // code points
  int64_t end;
  size_t startByte() const { return cps.byteOffset(static_cast<size_t>(start)); }
  size_t endByte() const { return cps.byteOffset(static_cast<size_t>(end)); }
};

/// CPython's ADJUST_INDICES with TorchScript's meaning of a negative end. `start` may
/// stay past the end (callers then find nothing).
Window window(const std::string& s, int64_t start, int64_t end) {
  Window w{CodePointIndex(s), start, end};
  auto len = static_cast<int64_t>(w.cps.size());
  if (w.end < 0) w.end = std::max<int64_t>(0, len + w.end + 1);
  if (w.end > len) w.end = len;
  if (w.start < 0) w.start = std::max<int64_t>(0, w.start + len);
  return w;
}

int64_t codePointLength(const std::string& s) { return static_cast<int64_t>(CodePointIndex(s).size()); }

int64_t strFind(const std::string& s, const std::string& sub, int64_t start, int64_t end, bool reverse) {
  Window w = window(s, start, end);
  if (w.end - w.start < codePointLength(sub)) return -1;
  std::string_view hay = std::string_view(s).substr(w.startByte(), w.endByte() - w.startByte());
  size_t hit = reverse ? hay.rfind(sub) : hay.find(sub);
  if (hit == std::string_view::npos) return -1;
  return static_cast<int64_t>(w.cps.codePointAt(w.startByte() + hit));
}

int64_t strIndex(const std::string& s, const std::string& sub, int64_t start, int64_t end, bool reverse) {
  int64_t i = strFind(s, sub, start, end, reverse);
  if (i < 0) raisePython("ValueError", "substring not found");
  return i;
}

int64_t strCount(const std::string& s, const std::string& sub, int64_t start, int64_t end) {
  Window w = window(s, start, end);
  if (w.end - w.start < codePointLength(sub)) return 0;
  if (sub.empty()) return w.end - w.start + 1;
  std::string_view hay = std::string_view(s).substr(w.startByte(), w.endByte() - w.startByte());
  int64_t n = 0;
  for (size_t pos = hay.find(sub); pos != std::string_view::npos; pos = hay.find(sub, pos + sub.size())) ++n;
  return n;
}

/// CPython's tailmatch: does `sub` occur at the start (or end) of the window?
bool tailMatch(const std::string& s, const std::string& sub, int64_t start, int64_t end, bool atEnd) {
  Window w = window(s, start, end);
  int64_t subLen = codePointLength(sub);
  if (w.end - subLen < w.start) return false;
  if (sub.empty()) return true;
  size_t at = atEnd ? w.cps.byteOffset(static_cast<size_t>(w.end - subLen)) : w.startByte();
  return std::string_view(s).substr(at, sub.size()) == sub;
}

}  // namespace

void registerStringSearchKernels(OperatorRegistry& r) {
  using S = const std::string&;
  r.registerKernel("aten::find", boxed<[](S s, S sub, int64_t b, int64_t e) { return strFind(s, sub, b, e, false); }>);
  r.registerKernel("aten::rfind", boxed<[](S s, S sub, int64_t b, int64_t e) { return strFind(s, sub, b, e, true); }>);
  r.registerKernel("aten::index.str",
                   boxed<[](S s, S sub, int64_t b, int64_t e) { return strIndex(s, sub, b, e, false); }>);
  r.registerKernel("aten::rindex", boxed<[](S s, S sub, int64_t b, int64_t e) { return strIndex(s, sub, b, e, true); }>);
  r.registerKernel("aten::count", boxed<strCount>);
  r.registerKernel("aten::startswith",
                   boxed<[](S s, S sub, int64_t b, int64_t e) { return tailMatch(s, sub, b, e, false); }>);
  r.registerKernel("aten::endswith",
                   boxed<[](S s, S sub, int64_t b, int64_t e) { return tailMatch(s, sub, b, e, true); }>);
}

}  // namespace sconce::ops
