// Shared helpers of the IR emitter tests: compiling archives and hand-written source, and
// looking at the resulting graphs.
//
// Fixtures are generated at test time with /usr/bin/python3 (which has torch 1.13) into
// the build folder, once per generator version (testing::ensureGenerated); without torch
// the tests are skipped.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "frontend/compilation_unit.h"
#include "ir/graph.h"
#include "serialization/archive.h"
#include "tests/support/fixtures.h"

namespace sconce::emit_test {

namespace fs = std::filesystem;

/// An archive with its code compiled on demand.
struct LoadedArchive {
  std::shared_ptr<const Archive> archive;
  std::shared_ptr<SourceImporter> importer;
  std::unique_ptr<CompilationUnit> unit;
  ClassTypePtr root;  // the class of data.pkl's module object
};
LoadedArchive loadArchive(const fs::path& path);

/// A compilation unit over hand-written source, which lives in `code/__torch__.py`.
struct SourceUnit {
  std::shared_ptr<SourceImporter> importer;
  std::unique_ptr<CompilationUnit> unit;
  /// The graph of `__torch__.<name>` (throws CompileError).
  std::shared_ptr<Graph> compile(const std::string& name);
};
SourceUnit sourceUnit(const std::string& source);

/// Problems with a compiled graph: verifier findings, and emitter placeholders
/// (prim::ReturnStmt, prim::LoopContinuation, ...) that must not survive compilation.
std::vector<std::string> graphProblems(const Graph& g);

/// Nodes of kind `kind` (e.g. "prim::Loop") at any depth, in program order.
std::vector<Node*> findNodes(const Graph& g, const std::string& kind);
size_t countNodes(const Graph& g, const std::string& kind);
/// Whether some prim::Constant holds the string `value`.
bool hasStringConstant(const Graph& g, const std::string& value);

}  // namespace sconce::emit_test
