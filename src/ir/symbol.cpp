// The process-wide symbol table behind Symbol.
#include "ir/symbol.h"

#include <deque>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "support/error.h"

namespace sconce {
namespace {

struct Entry {
  std::string qualified;
  size_t nsLength;  // length of the namespace part, before "::"
};

// Entries live in a deque so references to them stay valid as the table grows; the
// shared mutex guards the deque's index structure and the map, never the strings,
// which are immutable once inserted.
class SymbolTable {
 public:
  SymbolTable() {
    add("");
#define SCONCE_SYMBOL_ADD(ns, n) add(#ns "::" #n);
    SCONCE_FORALL_BUILTIN_SYMBOLS(SCONCE_SYMBOL_ADD)
#undef SCONCE_SYMBOL_ADD
  }

  uint32_t intern(std::string_view qualified) {
    {
      std::shared_lock lock(mutex_);
      auto it = ids_.find(qualified);
      if (it != ids_.end()) return it->second;
    }
    std::unique_lock lock(mutex_);
    auto it = ids_.find(qualified);
    if (it != ids_.end()) return it->second;
    return add(std::string(qualified));
  }

  const Entry& entry(uint32_t id) {
    std::shared_lock lock(mutex_);
    SCONCE_ASSERT(id < entries_.size(), "bad symbol id {}", id);
    return entries_[id];
  }

 private:
  uint32_t add(std::string qualified) {
    size_t sep = qualified.find("::");
    auto id = static_cast<uint32_t>(entries_.size());
    entries_.push_back({std::move(qualified), sep == std::string::npos ? 0 : sep});
    ids_.emplace(entries_.back().qualified, id);
    return id;
  }

  std::shared_mutex mutex_;
  std::deque<Entry> entries_;
  std::unordered_map<std::string_view, uint32_t> ids_;  // views into entries_
};

SymbolTable& table() {
  static SymbolTable t;
  return t;
}

}  // namespace

Symbol Symbol::fromQualString(std::string_view qualified) {
  size_t sep = qualified.find("::");
  SCONCE_CHECK(ValueError, sep != std::string_view::npos && sep > 0 && sep + 2 < qualified.size(),
               "'{}' is not a qualified symbol (expected namespace::name)", qualified);
  Symbol s;
  s.id_ = table().intern(qualified);
  return s;
}

Symbol Symbol::fromNamespace(std::string_view ns, std::string_view name) {
  std::string q;
  q.reserve(ns.size() + 2 + name.size());
  q.append(ns).append("::").append(name);
  return fromQualString(q);
}

const std::string& Symbol::toQualString() const { return table().entry(id_).qualified; }

std::string_view Symbol::toUnqualString() const {
  const Entry& e = table().entry(id_);
  return id_ == 0 ? std::string_view() : std::string_view(e.qualified).substr(e.nsLength + 2);
}

std::string_view Symbol::ns() const {
  const Entry& e = table().entry(id_);
  return std::string_view(e.qualified).substr(0, e.nsLength);
}

}  // namespace sconce
