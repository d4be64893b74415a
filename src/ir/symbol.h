// Symbol: an interned qualified name (`aten::add`, `prim::If`, `attr::value`).
//
// Node kinds and attribute names are compared constantly by passes and the interpreter,
// so they are small integers rather than strings. Names are interned once in a global,
// thread-safe table (several modules may be compiled on different threads at once).
// The symbols Sconce itself refers to are predeclared from one X-macro list, so they
// are compile-time constants usable in `switch`.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace sconce {

// Every builtin symbol, once: namespace, name. The enum, the constants below and the
// interning table's initial contents are all expanded from this list.
#define SCONCE_FORALL_BUILTIN_SYMBOLS(_) \
  _(prim, Param)           /* a block's parameter node (outputs are block inputs) */ \
  _(prim, Return)          /* a block's return node (inputs are block outputs) */ \
  _(prim, Constant)        /* attribute `value` (none for None) -> the constant */ \
  _(prim, If)              /* (cond) -> outputs; blocks: then, else */ \
  _(prim, Loop)            /* (max_trip, cond, carried...) -> carried; 1 block */ \
  _(prim, TupleConstruct)  /* (elems...) -> tuple */ \
  _(prim, TupleUnpack)     /* (tuple) -> elems... */ \
  _(prim, TupleIndex)      /* (tuple, index) -> elem */ \
  _(prim, TupleSlice)      /* (tuple)[beg, end] -> tuple */ \
  _(prim, ListConstruct)   /* (elems...) -> list */ \
  _(prim, ListUnpack)      /* (list) -> elems... */ \
  _(prim, DictConstruct)   /* (k0, v0, k1, v1, ...) -> dict */ \
  _(prim, GetAttr)         /* [name](obj) -> attribute */ \
  _(prim, SetAttr)         /* [name](obj, value) -> () */ \
  _(prim, CallMethod)      /* [name](obj, args...) -> result */ \
  _(prim, CallFunction)    /* (fn, args...) -> result */ \
  _(prim, RaiseException)  /* (message, qualified class name?) -> () */ \
  _(prim, Uninitialized)   /* () -> a value never read on its path */ \
  _(prim, unchecked_cast)  /* (x) -> x refined to the output type */ \
  _(prim, isinstance)      /* [types](x) -> bool */ \
  _(prim, CreateObject)    /* () -> fresh object of the output class type */ \
  _(prim, Enter)           /* (ctx) -> ctx.__enter__() */ \
  _(prim, Exit)            /* (ctx) -> ctx.__exit__() */ \
  _(prim, Print)           /* (values...) -> () */ \
  _(prim, NumToTensor)     /* (scalar) -> 0-d tensor */ \
  _(prim, device)          /* (tensor) -> Device */ \
  _(prim, dtype)           /* (tensor) -> int */ \
  _(prim, data)            /* (tensor) -> tensor detached */ \
  _(prim, min)             /* (a, b) or (list) -> min */ \
  _(prim, max)             /* (a, b) or (list) -> max */ \
  _(prim, Closure)         /* (context) -> closure; 1 block */ \
  _(prim, fork)            /* [Subgraph](args...) -> Future */ \
  _(prim, EnumValue)       /* (enum) -> its value */ \
  _(prim, EnumName)        /* (enum) -> its name */ \
  _(prim, Guard)           /* (x) -> x checked against the output type */ \
  _(prim, BailOut)         /* guard failure path of a profiled graph */ \
  _(aten, wait)            /* (future) -> value */ \
  _(attr, value)           \
  _(attr, name)            \
  _(attr, types)           \
  _(attr, Subgraph)

/// Dense ids of the builtin symbols; id 0 is the empty symbol.
enum class BuiltinSymbol : uint32_t {
  kEmpty = 0,
#define SCONCE_SYMBOL_ENUM(ns, n) ns##_##n,
  SCONCE_FORALL_BUILTIN_SYMBOLS(SCONCE_SYMBOL_ENUM)
#undef SCONCE_SYMBOL_ENUM
  kCount,
};

/// An interned `namespace::name`. Copying and comparing are integer operations; the
/// text lives in a process-wide table for the life of the process, so references
/// returned by toQualString() never dangle. Converts implicitly to its id so it can be
/// used in `switch` with the predeclared constants.
class Symbol {
 public:
  constexpr Symbol() = default;
  constexpr Symbol(BuiltinSymbol b) : id_(static_cast<uint32_t>(b)) {}

  /// Interns `ns::name`; throws ValueError when `qualified` has no `::`.
  static Symbol fromQualString(std::string_view qualified);
  static Symbol fromNamespace(std::string_view ns, std::string_view name);
  static Symbol attr(std::string_view name) { return fromNamespace("attr", name); }
  static Symbol aten(std::string_view name) { return fromNamespace("aten", name); }
  static Symbol prim(std::string_view name) { return fromNamespace("prim", name); }

  constexpr uint32_t id() const { return id_; }
  constexpr operator uint32_t() const { return id_; }

  /// "aten::add"; "" for the empty symbol.
  const std::string& toQualString() const;
  /// "add".
  std::string_view toUnqualString() const;
  /// "aten".
  std::string_view ns() const;
  bool isAten() const { return ns() == "aten"; }
  bool isPrim() const { return ns() == "prim"; }
  bool isAttr() const { return ns() == "attr"; }

 private:
  uint32_t id_ = 0;
};

// prim::If, aten::wait, attr::value, ...: one constant per builtin symbol.
#define SCONCE_SYMBOL_CONST(ns, n) \
  namespace ns {                   \
  inline constexpr Symbol n{BuiltinSymbol::ns##_##n}; \
  }
SCONCE_FORALL_BUILTIN_SYMBOLS(SCONCE_SYMBOL_CONST)
#undef SCONCE_SYMBOL_CONST

}  // namespace sconce

template <>
struct std::hash<sconce::Symbol> {
  size_t operator()(sconce::Symbol s) const noexcept { return s.id(); }
};
