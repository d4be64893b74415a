// Environment: the variable scopes the IR emitter keeps while it walks a function body.
//
// Python scopes variables to the whole function, but a graph is in SSA form with values
// scoped to blocks. The emitter bridges the two with one frame per block it emits into
// (the function body, each branch of an `if`, each loop body, each comprehension):
// a frame maps names to what they currently denote. Leaving a frame, the emitter
// decides which names escape — a branch's assignments become prim::If outputs, a loop's
// become loop-carried values — exactly as PyTorch's frontend does. Frames also remember
// why a variable is *not* defined after a join ("x is not defined in the false
// branch") so that a later use can say so.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "frontend/sugared_value.h"

namespace sconce {

/// What a name denotes in one frame.
struct Binding {
  SugaredValuePtr value;
  /// For first-class values: the variable's declared type (its annotation, or the type
  /// of its first value). Later assignments must be subtypes of it.
  TypePtr type;
  /// Set when this binding only narrows the type of `refinedFrom` (an `x is not None`
  /// or isinstance refinement): the value is a prim::unchecked_cast of it.
  Value* refinedFrom = nullptr;

  /// The IR value for first-class bindings, or null for sugared ones (modules, ...).
  Value* simple() const { return asSimpleValue(value); }
};

class Environment {
 public:
  enum class Kind { Function, Branch, Loop, Comprehension };

  /// A frame for `block`, nested in `parent` (null for the function body).
  Environment(Block* block, Kind kind, std::shared_ptr<Environment> parent)
      : block_(block), kind_(kind), parent_(std::move(parent)) {}

  Block* block() const { return block_; }
  Kind kind() const { return kind_; }
  const std::shared_ptr<Environment>& parent() const { return parent_; }

  /// The binding of `name` in this frame only / in this frame or an enclosing one /
  /// in an enclosing frame only; null when there is none. Pointers stay valid until
  /// the name is rebound or erased in that frame.
  const Binding* findInThisFrame(const std::string& name) const;
  const Binding* findInAnyFrame(const std::string& name) const;
  const Binding* findInParentFrame(const std::string& name) const;

  /// Binds `name` in this frame (no checks; see IrEmitter::setVar for the rules).
  void bind(const std::string& name, Binding binding);
  /// Removes `name` from every frame (`del x`); false when it was bound nowhere.
  bool eraseEverywhere(const std::string& name);

  /// First-class variables bound in this frame, in the order they were first bound.
  std::vector<std::string> definedVariables() const;

  /// Records, on the outermost frame, why `name` is undefined after a join; a later
  /// use reports this instead of "undefined value".
  void setVariableError(const std::string& name, std::string message, SourceRange range);
  /// The recorded reason for `name`, if any.
  std::optional<std::pair<std::string, SourceRange>> variableError(const std::string& name) const;

 private:
  Environment* root();
  const Environment* root() const;

  Block* block_;
  Kind kind_;
  std::shared_ptr<Environment> parent_;
  std::unordered_map<std::string, Binding> vars_;
  std::vector<std::string> order_;
  std::unordered_map<std::string, std::pair<std::string, SourceRange>> errors_;
};

using EnvironmentPtr = std::shared_ptr<Environment>;

/// Whether `name` is worth keeping as a debug name: not a temporary (`$tmp`) and not a
/// serializer-generated `_N`.
bool meaningfulName(const std::string& name);

}  // namespace sconce
