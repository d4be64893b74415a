// AST names, operator spellings and the S-expression dumper.
//
// The dump format is what parser tests compare against, including dumps generated from
// Python's own `ast` module (tests/unit/frontend/make_code_samples.py), so it prints
// floats like Python's repr() and strings with a fixed escaping scheme.
#include "frontend/ast.h"

#include <charconv>
#include <cmath>

namespace sconce::ast {
namespace {

#define SCONCE_AST_NAME(name, ...) #name,
constexpr std::string_view kExprNames[] = {SCONCE_AST_EXPRS(SCONCE_AST_NAME)};
constexpr std::string_view kStmtNames[] = {SCONCE_AST_STMTS(SCONCE_AST_NAME)};
#undef SCONCE_AST_NAME
#define SCONCE_AST_SPELLING(name, spelling) spelling,
constexpr std::string_view kBinarySpellings[] = {SCONCE_AST_BINARY_OPS(SCONCE_AST_SPELLING)};
#undef SCONCE_AST_SPELLING

// Python's repr(float): shortest round-trip digits, exponent form outside [1e-4, 1e16).
std::string floatRepr(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buffer[64];
  auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  std::string_view sci(buffer, static_cast<size_t>(end - buffer));  // -d.ddde+XX
  std::string sign = sci[0] == '-' ? "-" : "";
  if (!sign.empty()) sci.remove_prefix(1);
  size_t e = sci.find('e');
  std::string digits(sci.substr(0, e));
  if (digits.size() > 1) digits.erase(1, 1);  // drop the '.'
  int exponent = std::stoi(std::string(sci.substr(e + 1)));
  int n = static_cast<int>(digits.size());
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) return sign + "0." + std::string(-exponent - 1, '0') + digits;
    if (n <= exponent + 1) return sign + digits + std::string(exponent + 1 - n, '0') + ".0";
    return sign + digits.substr(0, exponent + 1) + "." + digits.substr(exponent + 1);
  }
  std::string mantissa = n > 1 ? digits.substr(0, 1) + "." + digits.substr(1) : digits;
  return fmt::format("{}{}e{}{:02}", sign, mantissa, exponent < 0 ? '-' : '+', std::abs(exponent));
}

std::string quote(const std::string& value) {
  std::string out = "\"";
  for (char c : value) {
    auto byte = static_cast<unsigned char>(c);
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7F) {
      out += fmt::format("\\x{:02x}", byte);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

void dumpTo(const Expr& expr, std::string& out);

void dumpOptional(const ExprPtr& expr, std::string& out) {
  if (expr) {
    dumpTo(*expr, out);
  } else {
    out += '_';
  }
}

void dumpList(std::string_view head, const ExprList& items, std::string& out) {
  out += '(';
  out += head;
  for (const ExprPtr& item : items) {
    out += ' ';
    dumpTo(*item, out);
  }
  out += ')';
}

void dumpComprehension(const ExprPtr& target, const ExprPtr& iter, const ExprPtr& cond,
                       std::string& out) {
  out += " (for ";
  dumpTo(*target, out);
  out += ' ';
  dumpTo(*iter, out);
  out += ')';
  if (cond) {
    out += " (if ";
    dumpTo(*cond, out);
    out += ')';
  }
  out += ')';
}

void dumpTo(const Expr& expr, std::string& out) {
  switch (expr.kind()) {
    case ExprKind::Name: out += expr.as<Name>().id; return;
    case ExprKind::IntLiteral: out += std::to_string(expr.as<IntLiteral>().value); return;
    case ExprKind::FloatLiteral: out += floatRepr(expr.as<FloatLiteral>().value); return;
    case ExprKind::ImagLiteral: out += floatRepr(expr.as<ImagLiteral>().value) + "j"; return;
    case ExprKind::StringLiteral: out += quote(expr.as<StringLiteral>().value); return;
    case ExprKind::BoolLiteral: out += expr.as<BoolLiteral>().value ? "True" : "False"; return;
    case ExprKind::NoneLiteral: out += "None"; return;
    case ExprKind::EllipsisLiteral: out += "..."; return;
    case ExprKind::Attribute: {
      const auto& node = expr.as<Attribute>();
      out += "(. ";
      dumpTo(*node.value, out);
      out += ' ' + node.name + ')';
      return;
    }
    case ExprKind::Subscript: {
      const auto& node = expr.as<Subscript>();
      out += "(index ";
      dumpTo(*node.value, out);
      for (const ExprPtr& index : node.indices) {
        out += ' ';
        dumpTo(*index, out);
      }
      out += ')';
      return;
    }
    case ExprKind::Slice: {
      const auto& node = expr.as<Slice>();
      out += "(slice ";
      dumpOptional(node.start, out);
      out += ' ';
      dumpOptional(node.stop, out);
      out += ' ';
      dumpOptional(node.step, out);
      out += ')';
      return;
    }
    case ExprKind::Call: {
      const auto& node = expr.as<Call>();
      out += "(call ";
      dumpTo(*node.callee, out);
      for (const ExprPtr& arg : node.args) {
        out += ' ';
        dumpTo(*arg, out);
      }
      for (const Keyword& keyword : node.keywords) {
        out += " (kw " + keyword.name + ' ';
        dumpTo(*keyword.value, out);
        out += ')';
      }
      out += ')';
      return;
    }
    case ExprKind::Starred:
      out += "(* ";
      dumpTo(*expr.as<Starred>().value, out);
      out += ')';
      return;
    case ExprKind::Unary: {
      const auto& node = expr.as<Unary>();
      out += '(';
      out += spelling(node.op);
      out += ' ';
      dumpTo(*node.operand, out);
      out += ')';
      return;
    }
    case ExprKind::Binary: {
      const auto& node = expr.as<Binary>();
      out += '(';
      out += spelling(node.op);
      out += ' ';
      dumpTo(*node.lhs, out);
      out += ' ';
      dumpTo(*node.rhs, out);
      out += ')';
      return;
    }
    case ExprKind::Compare: {
      const auto& node = expr.as<Compare>();
      out += "(compare ";
      dumpTo(*node.operands[0], out);
      for (size_t i = 0; i < node.ops.size(); ++i) {
        out += ' ';
        out += spelling(node.ops[i]);
        out += ' ';
        dumpTo(*node.operands[i + 1], out);
      }
      out += ')';
      return;
    }
    case ExprKind::Ternary: {
      const auto& node = expr.as<Ternary>();
      out += "(ifexp ";
      dumpTo(*node.cond, out);
      out += ' ';
      dumpTo(*node.trueValue, out);
      out += ' ';
      dumpTo(*node.falseValue, out);
      out += ')';
      return;
    }
    case ExprKind::TupleLiteral: dumpList("tuple", expr.as<TupleLiteral>().elements, out); return;
    case ExprKind::ListLiteral: dumpList("list", expr.as<ListLiteral>().elements, out); return;
    case ExprKind::DictLiteral: {
      const auto& node = expr.as<DictLiteral>();
      out += "(dict";
      for (size_t i = 0; i < node.keys.size(); ++i) {
        out += " (";
        dumpTo(*node.keys[i], out);
        out += ' ';
        dumpTo(*node.values[i], out);
        out += ')';
      }
      out += ')';
      return;
    }
    case ExprKind::ListComp: {
      const auto& node = expr.as<ListComp>();
      out += "(listcomp ";
      dumpTo(*node.element, out);
      dumpComprehension(node.target, node.iter, node.cond, out);
      return;
    }
    case ExprKind::DictComp: {
      const auto& node = expr.as<DictComp>();
      out += "(dictcomp ";
      dumpTo(*node.key, out);
      out += ' ';
      dumpTo(*node.value, out);
      dumpComprehension(node.target, node.iter, node.cond, out);
      return;
    }
  }
}

void dumpTo(const Stmt& stmt, int indent, std::string& out);

void dumpBlock(const StmtList& body, int indent, std::string& out) {
  for (const StmtPtr& stmt : body) dumpTo(*stmt, indent, out);
}

// `(head e1 e2 ...)` on one line, with nullptr entries omitted.
void dumpSimple(std::string_view head, std::initializer_list<const Expr*> parts, std::string& out) {
  out += '(';
  out += head;
  for (const Expr* part : parts) {
    if (!part) continue;
    out += ' ';
    dumpTo(*part, out);
  }
  out += ")\n";
}

void dumpTo(const Stmt& stmt, int indent, std::string& out) {
  std::string pad(static_cast<size_t>(indent), ' ');
  out += pad;
  switch (stmt.kind()) {
    case StmtKind::ExprStmt: dumpSimple("expr", {stmt.as<ExprStmt>().expr.get()}, out); return;
    case StmtKind::Assign: {
      const auto& node = stmt.as<Assign>();
      out += "(=";
      for (const ExprPtr& target : node.targets) {
        out += ' ';
        dumpTo(*target, out);
      }
      out += ' ';
      dumpTo(*node.value, out);
      if (node.typeComment) {
        out += " (type ";
        dumpTo(*node.typeComment, out);
        out += ')';
      }
      out += ")\n";
      return;
    }
    case StmtKind::AugAssign: {
      const auto& node = stmt.as<AugAssign>();
      dumpSimple(std::string(spelling(node.op)) + "=", {node.target.get(), node.value.get()}, out);
      return;
    }
    case StmtKind::AnnAssign: {
      const auto& node = stmt.as<AnnAssign>();
      dumpSimple(":", {node.target.get(), node.annotation.get(), node.value.get()}, out);
      return;
    }
    case StmtKind::If: {
      const auto& node = stmt.as<If>();
      out += "if ";
      dumpTo(*node.cond, out);
      out += '\n';
      dumpBlock(node.body, indent + 2, out);
      if (!node.orelse.empty()) {
        out += pad + "else\n";
        dumpBlock(node.orelse, indent + 2, out);
      }
      return;
    }
    case StmtKind::While: {
      const auto& node = stmt.as<While>();
      out += "while ";
      dumpTo(*node.cond, out);
      out += '\n';
      dumpBlock(node.body, indent + 2, out);
      return;
    }
    case StmtKind::For: {
      const auto& node = stmt.as<For>();
      out += "for ";
      dumpTo(*node.target, out);
      out += ' ';
      dumpTo(*node.iter, out);
      out += '\n';
      dumpBlock(node.body, indent + 2, out);
      return;
    }
    case StmtKind::With: {
      const auto& node = stmt.as<With>();
      out += "with";
      for (const WithItem& item : node.items) {
        out += " (as ";
        dumpTo(*item.value, out);
        out += ' ';
        dumpOptional(item.target, out);
        out += ')';
      }
      out += '\n';
      dumpBlock(node.body, indent + 2, out);
      return;
    }
    case StmtKind::Return: dumpSimple("return", {stmt.as<Return>().value.get()}, out); return;
    case StmtKind::Raise: {
      const auto& node = stmt.as<Raise>();
      dumpSimple("raise", {node.exception.get(), node.cause.get()}, out);
      return;
    }
    case StmtKind::Assert: {
      const auto& node = stmt.as<Assert>();
      dumpSimple("assert", {node.test.get(), node.message.get()}, out);
      return;
    }
    case StmtKind::Delete: {
      out += "(del";
      for (const ExprPtr& target : stmt.as<Delete>().targets) {
        out += ' ';
        dumpTo(*target, out);
      }
      out += ")\n";
      return;
    }
    case StmtKind::Pass: out += "(pass)\n"; return;
    case StmtKind::Break: out += "(break)\n"; return;
    case StmtKind::Continue: out += "(continue)\n"; return;
    case StmtKind::Import: {
      const auto& node = stmt.as<Import>();
      out += node.module.empty() ? "(import" : "(from " + node.module;
      for (const Import::Alias& alias : node.names)
        out += " (" + alias.name + ' ' + (alias.asName.empty() ? "_" : alias.asName) + ')';
      out += ")\n";
      return;
    }
    case StmtKind::Def: {
      const auto& node = stmt.as<Def>();
      out.resize(out.size() - pad.size());
      for (const ExprPtr& decorator : node.decorators) {
        out += pad + "@ ";
        dumpTo(*decorator, out);
        out += '\n';
      }
      out += pad + "def " + node.name;
      for (const Param& param : node.params) {
        out += param.kwOnly ? " (kwparam " : " (param ";
        out += param.name + ' ';
        dumpOptional(param.annotation, out);
        out += ' ';
        dumpOptional(param.defaultValue, out);
        out += ')';
      }
      if (node.returnType) {
        out += " -> ";
        dumpTo(*node.returnType, out);
      }
      out += '\n';
      if (node.typeComment) {
        out += pad + "  (type (";
        for (const ExprPtr& type : node.typeComment->paramTypes) {
          if (&type != &node.typeComment->paramTypes.front()) out += ' ';
          dumpTo(*type, out);
        }
        out += ") ";
        dumpTo(*node.typeComment->returnType, out);
        out += ")\n";
      }
      dumpBlock(node.body, indent + 2, out);
      return;
    }
    case StmtKind::ClassDef: {
      const auto& node = stmt.as<ClassDef>();
      out.resize(out.size() - pad.size());
      for (const ExprPtr& decorator : node.decorators) {
        out += pad + "@ ";
        dumpTo(*decorator, out);
        out += '\n';
      }
      out += pad + "class " + node.name;
      for (const ExprPtr& base : node.bases) {
        out += ' ';
        dumpTo(*base, out);
      }
      out += '\n';
      dumpBlock(node.body, indent + 2, out);
      return;
    }
  }
}

}  // namespace

std::string_view kindName(ExprKind kind) { return kExprNames[static_cast<size_t>(kind)]; }
std::string_view kindName(StmtKind kind) { return kStmtNames[static_cast<size_t>(kind)]; }
std::string_view spelling(BinaryOp op) { return kBinarySpellings[static_cast<size_t>(op)]; }

std::string_view spelling(UnaryOp op) {
  switch (op) {
    case UnaryOp::Neg: return "-";
    case UnaryOp::Pos: return "+";
    case UnaryOp::Invert: return "~";
    case UnaryOp::Not: return "not";
  }
  return "?";
}

bool isComparison(BinaryOp op) { return op >= BinaryOp::Eq; }

std::string dump(const Expr& expr) {
  std::string out;
  dumpTo(expr, out);
  return out;
}

std::string dump(const Stmt& stmt, int indent) {
  std::string out;
  dumpTo(stmt, indent, out);
  return out;
}

std::string dump(const Module& module) {
  std::string out;
  for (const StmtPtr& stmt : module.body) dumpTo(*stmt, 0, out);
  return out;
}

}  // namespace sconce::ast
