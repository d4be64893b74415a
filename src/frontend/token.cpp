// Spelling tables and lookups for TorchScript token kinds.
//
// Expanded from the X-macros in token.h so that the enum and its names never drift.
#include "frontend/token.h"

#include <array>

namespace sconce {
namespace {

struct KindInfo {
  TokenKind kind;
  std::string_view spelling;
};

#define SCONCE_TOKEN_INFO(name, spelling) KindInfo{TokenKind::name, spelling},
// clang-format off
constexpr KindInfo kAllKinds[] = {SCONCE_SPECIAL_TOKENS(SCONCE_TOKEN_INFO)
                                  SCONCE_OPERATOR_TOKENS(SCONCE_TOKEN_INFO)
                                  SCONCE_KEYWORD_TOKENS(SCONCE_TOKEN_INFO)};
// clang-format on
constexpr KindInfo kOperators[] = {SCONCE_OPERATOR_TOKENS(SCONCE_TOKEN_INFO)};
constexpr KindInfo kKeywords[] = {SCONCE_KEYWORD_TOKENS(SCONCE_TOKEN_INFO)};
#undef SCONCE_TOKEN_INFO

}  // namespace

std::string_view tokenSpelling(TokenKind kind) {
  return kAllKinds[static_cast<size_t>(kind)].spelling;
}

bool isKeyword(TokenKind kind) { return kind >= kKeywords[0].kind; }

std::optional<TokenKind> keywordKind(std::string_view word) {
  for (const KindInfo& info : kKeywords)
    if (info.spelling == word) return info.kind;
  return std::nullopt;
}

std::optional<TokenKind> matchOperator(std::string_view text) {
  std::optional<TokenKind> best;
  size_t bestLength = 0;
  for (const KindInfo& info : kOperators) {
    if (info.spelling.size() > bestLength && text.starts_with(info.spelling)) {
      best = info.kind;
      bestLength = info.spelling.size();
    }
  }
  return best;
}

}  // namespace sconce
