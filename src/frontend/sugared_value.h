// Sugared values: what a TorchScript expression denotes before it becomes an IR value.
//
// Many names in TorchScript are not first-class values: `torch.add` is an operator
// family, `self.proj.forward` a method of a submodule, `range(n)` an iteration recipe,
// `__torch__.Foo` a class. The emitter evaluates every expression to a SugaredValue and
// asks it to do what the syntax around it wants — get an attribute, be called, be
// iterated, be indexed, or turn into a plain IR value (SimpleValue). Each kind answers
// with IR or with a CompileError pointing at the source; none of them crash on misuse.
// This mirrors PyTorch's sugared_value.h so that the same programs compile the same way.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "frontend/schema_matching.h"
#include "ir/graph.h"

namespace sconce {

class IrEmitter;
class Function;
class SugaredValue;
using SugaredValuePtr = std::shared_ptr<SugaredValue>;

/// Base class: every operation throws a CompileError naming kind(), unless overridden.
class SugaredValue : public std::enable_shared_from_this<SugaredValue> {
 public:
  virtual ~SugaredValue() = default;
  /// What this is, for error messages: "builtin function", "module", "value of type int".
  virtual std::string kind() const = 0;

  /// This as a first-class IR value.
  virtual Value* asValue(const SourceRange& loc, IrEmitter& e);
  /// `this.field`.
  virtual SugaredValuePtr attr(const SourceRange& loc, IrEmitter& e, const std::string& field);
  /// `this.field = value`.
  virtual void setAttr(const SourceRange& loc, IrEmitter& e, const std::string& field,
                       Value* value);
  /// `this(args..., kwargs...)`.
  virtual SugaredValuePtr call(const SourceRange& loc, IrEmitter& e,
                               const std::vector<NamedValue>& args,
                               const std::vector<NamedValue>& kwargs);
  /// What `for x in this` iterates over (an iterable answering len/getItem).
  virtual SugaredValuePtr iter(const SourceRange& loc, IrEmitter& e);
  /// Number of iterations, as an int value.
  virtual Value* len(const SourceRange& loc, IrEmitter& e);
  /// Element `index` of an iterable.
  virtual SugaredValuePtr getItem(const SourceRange& loc, IrEmitter& e, Value* index);
  /// Set for iterables whose loops must be unrolled (tuples): their length.
  virtual std::optional<int64_t> staticLength() const { return std::nullopt; }
  /// The elements when used as a tuple (`a, b = this`); `sizeHint` is the number of
  /// targets when known (lists unpack only with one).
  virtual std::vector<SugaredValuePtr> asTuple(const SourceRange& loc, IrEmitter& e,
                                               std::optional<size_t> sizeHint);
};

/// The IR value of a sugared value when it is a SimpleValue, else null.
Value* asSimpleValue(const SugaredValuePtr& v);

/// A first-class IR value. Attributes resolve by its type: tensor properties
/// (`x.shape`, `x.dtype`), object attributes and methods (`self.conv`), NamedTuple
/// fields, Enum `name`/`value`, and builtin methods (`x.size()`, `l.append(v)`).
class SimpleValue : public SugaredValue {
 public:
  explicit SimpleValue(Value* value) : value_(value) {}
  Value* value() const { return value_; }
  std::string kind() const override;
  Value* asValue(const SourceRange&, IrEmitter&) override { return value_; }
  SugaredValuePtr attr(const SourceRange& loc, IrEmitter& e, const std::string& field) override;
  void setAttr(const SourceRange& loc, IrEmitter& e, const std::string& field,
               Value* value) override;
  SugaredValuePtr call(const SourceRange& loc, IrEmitter& e, const std::vector<NamedValue>& args,
                       const std::vector<NamedValue>& kwargs) override;
  SugaredValuePtr iter(const SourceRange& loc, IrEmitter& e) override;
  Value* len(const SourceRange& loc, IrEmitter& e) override;
  SugaredValuePtr getItem(const SourceRange& loc, IrEmitter& e, Value* index) override;
  std::vector<SugaredValuePtr> asTuple(const SourceRange& loc, IrEmitter& e,
                                       std::optional<size_t> sizeHint) override;

 private:
  Value* value_;
};

/// An operator family (`aten::add`), optionally bound to a receiver (`x.add`):
/// calling it runs overload resolution and inserts the op.
class BuiltinFunctionValue : public SugaredValue {
 public:
  BuiltinFunctionValue(Symbol symbol, std::optional<NamedValue> self)
      : symbol_(symbol), self_(std::move(self)) {}
  /// A method-style builtin for `self.field`, or null when no overload of
  /// aten::<field> takes a `self` of that type.
  static SugaredValuePtr tryCreateMethod(Symbol symbol, const NamedValue& self);
  std::string kind() const override { return "builtin"; }
  SugaredValuePtr call(const SourceRange& loc, IrEmitter& e, const std::vector<NamedValue>& args,
                       const std::vector<NamedValue>& kwargs) override;
  Symbol symbol() const { return symbol_; }

 private:
  Symbol symbol_;
  std::optional<NamedValue> self_;
};

/// A namespace of operators: `torch` and `math` (aten), `ops.prim` (prim), ...
class BuiltinModuleValue : public SugaredValue {
 public:
  explicit BuiltinModuleValue(std::string ns) : ns_(std::move(ns)) {}
  std::string kind() const override { return "builtin module " + ns_; }
  SugaredValuePtr attr(const SourceRange& loc, IrEmitter& e, const std::string& field) override;

 private:
  std::string ns_;
};

/// `ops`: `ops.<namespace>` is that operator namespace.
class OpsValue : public SugaredValue {
 public:
  std::string kind() const override { return "ops"; }
  SugaredValuePtr attr(const SourceRange& loc, IrEmitter& e, const std::string& field) override;
};

/// `CONSTANTS`: `CONSTANTS.c<N>` is entry N of the archive's constants.pkl.
class ConstantsTableValue : public SugaredValue {
 public:
  std::string kind() const override { return "CONSTANTS"; }
  SugaredValuePtr attr(const SourceRange& loc, IrEmitter& e, const std::string& field) override;
};

/// A prefix of qualified names (`__torch__`, `__torch__.torch.nn`): attributes resolve
/// to the classes, NamedTuples, Enums and functions the archive's code defines.
class NamespaceValue : public SugaredValue {
 public:
  explicit NamespaceValue(std::string prefix) : prefix_(std::move(prefix)) {}
  std::string kind() const override { return "namespace " + prefix_; }
  SugaredValuePtr attr(const SourceRange& loc, IrEmitter& e, const std::string& field) override;

 private:
  std::string prefix_;
};

/// A class (`__torch__.Foo`): `Foo.__new__(Foo)` creates an object, `Foo(args)` creates
/// and initializes one, `Foo.static_method(...)` calls a static method.
class ClassValue : public SugaredValue {
 public:
  explicit ClassValue(ClassTypePtr type) : type_(std::move(type)) {}
  const ClassTypePtr& type() const { return type_; }
  std::string kind() const override { return "class " + type_->name(); }
  SugaredValuePtr attr(const SourceRange& loc, IrEmitter& e, const std::string& field) override;
  SugaredValuePtr call(const SourceRange& loc, IrEmitter& e, const std::vector<NamedValue>& args,
                       const std::vector<NamedValue>& kwargs) override;

 private:
  ClassTypePtr type_;
};

/// A NamedTuple type used as a constructor: `__torch__.Stats(a, b)`.
class NamedTupleConstructor : public SugaredValue {
 public:
  explicit NamedTupleConstructor(TypePtr type) : type_(std::move(type)) {}
  std::string kind() const override { return "NamedTuple " + type_->annotationStr(); }
  SugaredValuePtr call(const SourceRange& loc, IrEmitter& e, const std::vector<NamedValue>& args,
                       const std::vector<NamedValue>& kwargs) override;

 private:
  TypePtr type_;
};

/// An Enum class: `Color.RED` is a constant; iterating gives every member.
class EnumClassValue : public SugaredValue {
 public:
  explicit EnumClassValue(Ref<EnumType> type) : type_(std::move(type)) {}
  std::string kind() const override { return "Enum " + type_->name(); }
  SugaredValuePtr attr(const SourceRange& loc, IrEmitter& e, const std::string& field) override;
  SugaredValuePtr iter(const SourceRange& loc, IrEmitter& e) override;

 private:
  Ref<EnumType> type_;
};

/// A compiled function (`__torch__.foo.helper`): calls become prim::CallFunction.
class FunctionValue : public SugaredValue {
 public:
  explicit FunctionValue(Function* function) : function_(function) {}
  Function* function() const { return function_; }
  std::string kind() const override { return "function"; }
  Value* asValue(const SourceRange& loc, IrEmitter& e) override;
  SugaredValuePtr call(const SourceRange& loc, IrEmitter& e, const std::vector<NamedValue>& args,
                       const std::vector<NamedValue>& kwargs) override;

 private:
  Function* function_;
};

/// `obj.method` of a class or interface value: calls become prim::CallMethod.
class MethodValue : public SugaredValue {
 public:
  MethodValue(Value* self, std::string name) : self_(self), name_(std::move(name)) {}
  std::string kind() const override { return "method"; }
  SugaredValuePtr call(const SourceRange& loc, IrEmitter& e, const std::vector<NamedValue>& args,
                       const std::vector<NamedValue>& kwargs) override;

 private:
  Value* self_;
  std::string name_;
};

/// Calls whose arguments need special evaluation (types as arguments, lazily
/// evaluated iterables...). The emitter handles them from the AST.
class SpecialFormValue : public SugaredValue {
 public:
  enum class Form {
    Annotate, UncheckedCast, Uninitialized, IsInstance, GetAttr, HasAttr, Fork, CreateObject,
    Range, Enumerate, Zip, List, Dict, Tuple, ToList,
  };
  explicit SpecialFormValue(Form form) : form_(form) {}
  Form form() const { return form_; }
  std::string kind() const override { return "special form"; }

 private:
  Form form_;
};

/// A Python builtin that defers to a magic method on objects (`len(obj)` calls
/// `obj.__len__()`), and to `base` otherwise.
class MagicMethodValue : public SugaredValue {
 public:
  MagicMethodValue(std::string name, SugaredValuePtr base)
      : name_(std::move(name)), base_(std::move(base)) {}
  std::string kind() const override { return "builtin"; }
  SugaredValuePtr call(const SourceRange& loc, IrEmitter& e, const std::vector<NamedValue>& args,
                       const std::vector<NamedValue>& kwargs) override;

 private:
  std::string name_;
  SugaredValuePtr base_;
};

/// `int(x)`, `float(x)`, `bool(x)`, `str(x)`: identity on values already of the type,
/// `len(x) > 0` for bool of containers, else the conversion op.
class CastValue : public SugaredValue {
 public:
  CastValue(TypePtr type, Symbol op) : type_(std::move(type)), op_(op) {}
  std::string kind() const override { return "builtin"; }
  SugaredValuePtr call(const SourceRange& loc, IrEmitter& e, const std::vector<NamedValue>& args,
                       const std::vector<NamedValue>& kwargs) override;

 private:
  TypePtr type_;
  Symbol op_;
};

/// `x.float()`, `x.long()`, ...: aten::to with the dtype.
class TensorCastValue : public SugaredValue {
 public:
  TensorCastValue(int64_t dtype, NamedValue self) : dtype_(dtype), self_(std::move(self)) {}
  std::string kind() const override { return "builtin"; }
  SugaredValuePtr call(const SourceRange& loc, IrEmitter& e, const std::vector<NamedValue>& args,
                       const std::vector<NamedValue>& kwargs) override;

 private:
  int64_t dtype_;
  NamedValue self_;
};

/// `print(...)`: prim::Print.
class PrintValue : public SugaredValue {
 public:
  std::string kind() const override { return "print"; }
  SugaredValuePtr call(const SourceRange& loc, IrEmitter& e, const std::vector<NamedValue>& args,
                       const std::vector<NamedValue>& kwargs) override;
};

/// The result of calling something that returns nothing.
class NoneValue : public SugaredValue {
 public:
  std::string kind() const override { return "None"; }
};

/// A nested `def` (serialized code writes `fork` targets as `def __forked_function():`):
/// a prim::Closure node whose block is the body. Only `fork` can use it.
class ClosureValue : public SugaredValue {
 public:
  explicit ClosureValue(Node* closure) : closure_(closure) {}
  Node* closure() const { return closure_; }
  std::string kind() const override { return "closure"; }

 private:
  Node* closure_;
};

/// `range(...)` as an iterable: len is the trip count, getItem derives the element.
class RangeValue : public SugaredValue {
 public:
  /// `inputs` are range's 1-3 int arguments; `staticLength` is set when it pairs with
  /// an unrolled iterable (enumerate over a tuple).
  RangeValue(const SourceRange& loc, IrEmitter& e, const std::vector<Value*>& inputs,
             std::optional<int64_t> staticLength = std::nullopt);
  std::string kind() const override { return "range"; }
  SugaredValuePtr iter(const SourceRange&, IrEmitter&) override { return shared_from_this(); }
  Value* len(const SourceRange& loc, IrEmitter& e) override;
  SugaredValuePtr getItem(const SourceRange& loc, IrEmitter& e, Value* index) override;
  std::optional<int64_t> staticLength() const override { return staticLength_; }

 private:
  Value* start_ = nullptr;
  Value* end_ = nullptr;
  Value* step_ = nullptr;
  bool hasOnlyEnd_ = false;
  std::optional<int64_t> staticLength_;
};

/// `zip(...)` / `enumerate(...)`: iterates its children in lockstep for the shortest
/// length; each item is a tuple of the children's items.
class IterableTree : public SugaredValue {
 public:
  std::string kind() const override { return "iterable"; }
  void addChild(const SourceRange& loc, const SugaredValuePtr& child);
  SugaredValuePtr iter(const SourceRange&, IrEmitter&) override { return shared_from_this(); }
  Value* len(const SourceRange& loc, IrEmitter& e) override;
  SugaredValuePtr getItem(const SourceRange& loc, IrEmitter& e, Value* index) override;
  std::optional<int64_t> staticLength() const override { return unrollLength_; }

 private:
  std::vector<SugaredValuePtr> children_;
  std::optional<int64_t> unrollLength_;
};

/// A fixed sequence of sugared values (a tuple's elements, a zip item): iterating it
/// unrolls the loop.
class SugaredTupleValue : public SugaredValue {
 public:
  explicit SugaredTupleValue(std::vector<SugaredValuePtr> elements)
      : elements_(std::move(elements)) {}
  std::string kind() const override { return "tuple"; }
  Value* asValue(const SourceRange& loc, IrEmitter& e) override;
  SugaredValuePtr iter(const SourceRange&, IrEmitter&) override { return shared_from_this(); }
  SugaredValuePtr getItem(const SourceRange& loc, IrEmitter& e, Value* index) override;
  std::optional<int64_t> staticLength() const override {
    return static_cast<int64_t>(elements_.size());
  }
  std::vector<SugaredValuePtr> asTuple(const SourceRange&, IrEmitter&,
                                       std::optional<size_t>) override {
    return elements_;
  }

 private:
  std::vector<SugaredValuePtr> elements_;
};

/// An exception class (`ValueError`); calling it gives an ExceptionMessageValue.
class ExceptionValue : public SugaredValue {
 public:
  explicit ExceptionValue(std::string name) : name_(std::move(name)) {}
  const std::string& name() const { return name_; }
  std::string kind() const override { return "exception"; }
  SugaredValuePtr call(const SourceRange& loc, IrEmitter& e, const std::vector<NamedValue>& args,
                       const std::vector<NamedValue>& kwargs) override;

 private:
  std::string name_;
};

/// An exception instance `ValueError("msg")`, only good for `raise`.
class ExceptionMessageValue : public SugaredValue {
 public:
  ExceptionMessageValue(Value* message, Value* qualifiedClassName)
      : message_(message), className_(qualifiedClassName) {}
  std::string kind() const override { return "exception message"; }
  Value* message() const { return message_; }
  Value* className() const { return className_; }

 private:
  Value* message_;
  Value* className_;
};

}  // namespace sconce
