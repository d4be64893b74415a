// SourceImporter: finds and declares the classes, NamedTuples, Enums, interfaces and
// functions defined by an archive's `code/` files, on demand.
//
// A TorchScript archive names every type by its qualified name (`__torch__.a.b.C`);
// the definition lives in the file of its namespace (`code/__torch__/a/b.py`). Files
// are parsed once, the first time one of their names is asked for, and a class is
// declared (its attributes, parameters, buffers, constants, methods) when first used —
// so loading a model touches only the code it needs, and mutually recursive types work
// (a class is registered before its attribute annotations are resolved).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "frontend/ast.h"
#include "frontend/type_parser.h"
#include "ir/ivalue.h"

namespace sconce {

class SourceImporter {
 public:
  /// Returns the text of a code file given its path relative to the archive root
  /// ("code/__torch__/foo.py"), or nullopt when the archive has no such file.
  using CodeLoader = std::function<std::optional<std::string>(const std::string& path)>;

  /// `constants` are the values of constants.pkl, which code refers to as CONSTANTS.cN.
  SourceImporter(CodeLoader loader, std::vector<IValue> constants = {});
  ~SourceImporter();
  SourceImporter(const SourceImporter&) = delete;
  SourceImporter& operator=(const SourceImporter&) = delete;

  /// What a class declaration provided beyond its ClassType.
  struct ClassInfo {
    ClassTypePtr type;
    const ast::ClassDef* def = nullptr;
    std::vector<const ast::Def*> methods;  // in source order
    std::string qualifiedName;
  };

  /// The type named `qualifiedName` (class, module, NamedTuple, Enum or interface),
  /// declaring it on first use; null when no code file defines it. Throws
  /// CompileError when its declaration is malformed.
  TypePtr findType(const std::string& qualifiedName);
  /// The class or module `qualifiedName`, or null (also null for non-class types).
  ClassTypePtr findClass(const std::string& qualifiedName);
  /// Declaration details of a class found by findClass (null if not a class).
  const ClassInfo* classInfo(const std::string& qualifiedName);
  /// A module-level function `def` (e.g. `__torch__.foo.helper`), or null.
  const ast::Def* findFunction(const std::string& qualifiedName);
  /// The `class` statement that defines `qualifiedName` (of any kind: class,
  /// NamedTuple, Enum, interface), or null. Interface method signatures live there.
  const ast::ClassDef* findClassDef(const std::string& qualifiedName);
  /// The value of CONSTANTS.c<index>. Throws FormatError when out of range.
  const IValue& constant(size_t index) const;

  /// A TypeParser resolving qualified names through this importer.
  const TypeParser& typeParser() const { return typeParser_; }
  /// Paths of the code files parsed so far.
  std::vector<std::string> loadedFiles() const;

 private:
  struct Namespace;
  Namespace* importNamespace(const std::string& ns);
  TypePtr declare(const std::string& qualifiedName, const ast::ClassDef& def);
  void declareClassBody(ClassInfo& info, const ast::ClassDef& def);
  IValue evaluateConstant(const ast::Expr& e) const;

  CodeLoader loader_;
  std::vector<IValue> constants_;
  TypeParser typeParser_;
  std::unordered_map<std::string, std::unique_ptr<Namespace>> namespaces_;
  std::unordered_map<std::string, TypePtr> types_;
  std::unordered_map<std::string, std::unique_ptr<ClassInfo>> classes_;
};

/// Splits "a.b.C" into ("a.b", "C"); the prefix is empty for an unqualified name.
std::pair<std::string, std::string> splitQualifiedName(const std::string& name);

}  // namespace sconce
