// libFuzzer target: arbitrary bytes through the TorchScript lexer and parser.
//
// Every input must either parse (and then dump) or throw CompileError. Anything else
// (a crash, a sanitizer report, a stack overflow from deep nesting, an InternalError or
// another exception escaping) is a bug the fuzzer reports. Each input is tried both as
// a code file and as a standalone expression (the type-string entry point).
#include <cstddef>
#include <cstdint>
#include <string>

#include "frontend/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto source = std::make_shared<sconce::Source>(
      std::string(reinterpret_cast<const char*>(data), size), "fuzz.py");
  try {
    sconce::ast::Module module = sconce::parseModule(source);
    (void)sconce::ast::dump(module);
  } catch (const sconce::CompileError&) {
  }
  try {
    (void)sconce::ast::dump(*sconce::parseExpression(source));
  } catch (const sconce::CompileError&) {
  }
  return 0;
}
