// Environment: name lookup and binding across the emitter's frames.
#include "frontend/environment.h"

#include <algorithm>
#include <cctype>

namespace sconce {

const Binding* Environment::findInThisFrame(const std::string& name) const {
  auto it = vars_.find(name);
  return it == vars_.end() ? nullptr : &it->second;
}

const Binding* Environment::findInAnyFrame(const std::string& name) const {
  for (const Environment* e = this; e; e = e->parent_.get())
    if (const Binding* b = e->findInThisFrame(name)) return b;
  return nullptr;
}

const Binding* Environment::findInParentFrame(const std::string& name) const {
  return parent_ ? parent_->findInAnyFrame(name) : nullptr;
}

void Environment::bind(const std::string& name, Binding binding) {
  auto [it, inserted] = vars_.insert_or_assign(name, std::move(binding));
  if (inserted) order_.push_back(name);
  root()->errors_.erase(name);
}

bool Environment::eraseEverywhere(const std::string& name) {
  bool removed = false;
  for (Environment* e = this; e; e = e->parent_.get()) {
    if (e->vars_.erase(name)) {
      removed = true;
      e->order_.erase(std::remove(e->order_.begin(), e->order_.end(), name), e->order_.end());
    }
  }
  return removed;
}

std::vector<std::string> Environment::definedVariables() const {
  std::vector<std::string> out;
  for (const auto& name : order_) {
    const Binding& b = vars_.at(name);
    if (b.simple()) out.push_back(name);
  }
  return out;
}

Environment* Environment::root() {
  Environment* e = this;
  while (e->parent_) e = e->parent_.get();
  return e;
}

const Environment* Environment::root() const {
  const Environment* e = this;
  while (e->parent_) e = e->parent_.get();
  return e;
}

void Environment::setVariableError(const std::string& name, std::string message,
                                   SourceRange range) {
  root()->errors_[name] = {std::move(message), std::move(range)};
}

std::optional<std::pair<std::string, SourceRange>> Environment::variableError(
    const std::string& name) const {
  const auto& errors = root()->errors_;
  auto it = errors.find(name);
  if (it == errors.end()) return std::nullopt;
  return it->second;
}

bool meaningfulName(const std::string& name) {
  if (name.empty() || name[0] == '$') return false;
  if (name[0] != '_') return true;
  for (size_t i = 1; i < name.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(name[i]))) return true;
  return false;
}

}  // namespace sconce
