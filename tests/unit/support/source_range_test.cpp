// SourceRange::highlight: PyTorch's excerpt layout (lines as written, two lines of
// context each side, `~` under the range, `...` when it runs past its first line).
#include <gtest/gtest.h>

#include "support/source_range.h"

namespace sconce {
namespace {

TEST(SourceRange, HighlightShowsContextLikePyTorch) {
  auto src = std::make_shared<Source>("a\nb\nc\n  foo(x,\n      y)\nd\ne\nf\n", "code/m.py");
  size_t at = src->text().find("foo");
  EXPECT_EQ(SourceRange(src, at, at + 3).highlight(),
            "  File \"code/m.py\", line 4\n"
            "b\nc\n  foo(x,\n  ~~~ <--- HERE\n      y)\nd\n");
  size_t close = src->text().find(')') + 1;
  EXPECT_EQ(SourceRange(src, at, close).highlight(),
            "  File \"code/m.py\", line 4\n"
            "b\nc\n  foo(x,\n  ~~~~~~...  <--- HERE\n      y)\nd\n");
}

TEST(SourceRange, HighlightAtTheEdgesOfTheText) {
  auto src = std::make_shared<Source>("x = 1", "<string>");
  EXPECT_EQ(SourceRange(src, 0, 1).highlight(), "  File \"<string>\", line 1\nx = 1\n~ <--- HERE\n");
  EXPECT_EQ(SourceRange(src, 5, 5).highlight(), "  File \"<string>\", line 1\nx = 1\n     ~ <--- HERE\n");
}

}  // namespace
}  // namespace sconce
