// aten::einsum: parses the equation, reduces each operand (diagonals of repeated
// labels, sums of labels used nowhere else), then contracts left to right through bmm.
#include <algorithm>
#include <string>

#include "ops/kernels/reduce.h"
#include "ops/kernels/shape.h"
#include "ops/nn/matmul.h"

namespace sconce::ops::nn {

namespace {

// Labels are ids: letters 'A'..'Z','a'..'z' map to their ASCII code; the dims an
// ellipsis covers get kEllipsisBase + their position in the right-aligned broadcast
// of every operand's ellipsis.
using Label = int;
constexpr Label kEllipsisBase = 1000;

struct Term {
  std::vector<Label> letters;  // in order; kEllipsisBase - 1 marks where "..." stands
  bool hasEllipsis = false;
};
constexpr Label kEllipsisMark = kEllipsisBase - 1;

Term parseTerm(std::string_view s) {
  Term t;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.') {
      SCONCE_CHECK(ValueError, !t.hasEllipsis && s.substr(i, 3) == "...",
                   "einsum(): found '.' for operand that is not part of any ellipsis");
      t.hasEllipsis = true;
      t.letters.push_back(kEllipsisMark);
      i += 2;
    } else {
      SCONCE_CHECK(ValueError, std::isalpha(static_cast<unsigned char>(c)),
                   "einsum(): invalid subscript given at index {} in the equation string, subscripts must be in "
                   "[a-zA-Z]",
                   i);
      t.letters.push_back(c);
    }
  }
  return t;
}

// A tensor with one label per dim.
struct Labeled {
  Tensor t;
  std::vector<Label> labels;
};

int64_t indexOf(const std::vector<Label>& v, Label l) {
  auto it = std::find(v.begin(), v.end(), l);
  return it == v.end() ? -1 : it - v.begin();
}

// Sums out every label of x not in `keep`.
void sumOutExcept(Labeled& x, const std::vector<Label>& keep) {
  Dims dims;
  std::vector<Label> rest;
  for (size_t d = 0; d < x.labels.size(); ++d) {
    if (indexOf(keep, x.labels[d]) < 0) dims.push_back(static_cast<int64_t>(d));
    else rest.push_back(x.labels[d]);
  }
  if (dims.empty()) return;
  x.t = sum(x.t, dims, false);
  x.labels = rest;
}

// Replaces repeated labels by their diagonal.
void takeDiagonals(Labeled& x) {
  for (size_t i = 0; i < x.labels.size(); ++i) {
    for (size_t j = i + 1; j < x.labels.size(); ++j) {
      if (x.labels[i] != x.labels[j]) continue;
      Label l = x.labels[i];
      SCONCE_CHECK(ValueError, x.t.size(static_cast<int64_t>(i)) == x.t.size(static_cast<int64_t>(j)),
                   "einsum(): subscript {} is repeated for operand but the sizes don't match, {} != {}",
                   static_cast<char>(l), x.t.size(static_cast<int64_t>(i)), x.t.size(static_cast<int64_t>(j)));
      x.t = diagonal(x.t, 0, static_cast<int64_t>(i), static_cast<int64_t>(j));
      x.labels.erase(x.labels.begin() + static_cast<ptrdiff_t>(j));
      x.labels.erase(x.labels.begin() + static_cast<ptrdiff_t>(i));
      x.labels.push_back(l);
      takeDiagonals(x);
      return;
    }
  }
}

Labeled contract(Labeled a, Labeled b, const std::vector<Label>& neededLater) {
  std::vector<Label> keepA = neededLater, keepB = neededLater;
  keepA.insert(keepA.end(), b.labels.begin(), b.labels.end());
  keepB.insert(keepB.end(), a.labels.begin(), a.labels.end());
  sumOutExcept(a, keepA);
  sumOutExcept(b, keepB);
  std::vector<Label> batch, contracted, aOnly, bOnly;
  for (Label l : a.labels) {
    if (indexOf(b.labels, l) < 0) aOnly.push_back(l);
    else if (indexOf(neededLater, l) >= 0) batch.push_back(l);
    else contracted.push_back(l);
  }
  for (Label l : b.labels)
    if (indexOf(a.labels, l) < 0) bOnly.push_back(l);
  auto sizeIn = [](const Labeled& x, Label l) {
    int64_t i = indexOf(x.labels, l);
    return i < 0 ? int64_t{1} : x.t.size(i);
  };
  auto arrange = [&](const Labeled& x, const std::vector<std::vector<Label>*>& groups) {
    Dims perm, folded, full, pSizes;
    for (auto* g : groups) {
      int64_t n = 1;
      for (Label l : *g) {
        int64_t i = indexOf(x.labels, l);
        if (i >= 0) perm.push_back(i);
        full.push_back(std::max(sizeIn(a, l), sizeIn(b, l)));
        // A label this operand lacks broadcasts from size 1.
        pSizes.push_back(i >= 0 ? x.t.size(i) : 1);
        n *= full.back();
      }
      folded.push_back(n);
    }
    Tensor v = reshape(permute(x.t, perm), pSizes);
    return reshape(expand(v, full), folded);
  };
  Tensor ta = arrange(a, {&batch, &aOnly, &contracted});
  Tensor tb = arrange(b, {&batch, &contracted, &bOnly});
  Tensor r = bmm(ta, tb);
  Labeled out;
  Dims shape;
  for (auto* g : {&batch, &aOnly, &bOnly})
    for (Label l : *g) {
      out.labels.push_back(l);
      shape.push_back(std::max(sizeIn(a, l), sizeIn(b, l)));
    }
  out.t = reshape(r, shape);
  return out;
}

}  // namespace

Tensor einsum(std::string_view equation, const std::vector<Tensor>& tensors) {
  std::string eq;
  for (char c : equation)
    if (c != ' ') eq.push_back(c);
  const size_t arrow = eq.find("->");
  std::string lhs = eq.substr(0, arrow);
  std::vector<Term> terms;
  for (size_t start = 0;;) {
    size_t comma = lhs.find(',', start);
    terms.push_back(parseTerm(std::string_view(lhs).substr(start, comma == std::string::npos ? std::string::npos
                                                                                            : comma - start)));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  SCONCE_CHECK(ValueError, terms.size() == tensors.size(), "einsum(): {} operands were provided than specified in the equation",
               terms.size() > tensors.size() ? "fewer" : "more");
  // Number of dims the ellipsis stands for: the broadcast of every operand's.
  int64_t ellipsisDims = 0;
  std::vector<Labeled> ops;
  for (size_t i = 0; i < terms.size(); ++i) {
    const Term& term = terms[i];
    int64_t letters = static_cast<int64_t>(term.letters.size()) - (term.hasEllipsis ? 1 : 0);
    const int64_t dim = tensors[i].dim();
    SCONCE_CHECK(ValueError, term.hasEllipsis ? dim >= letters : dim == letters,
                 "einsum(): the number of subscripts in the equation ({}) does not match the number of dimensions "
                 "({}) for operand {}{}",
                 letters, dim, i, term.hasEllipsis ? "" : " and no ellipsis was given");
    if (term.hasEllipsis) ellipsisDims = std::max(ellipsisDims, dim - letters);
  }
  for (size_t i = 0; i < terms.size(); ++i) {
    const Term& term = terms[i];
    Labeled x{tensors[i], {}};
    const int64_t covered = tensors[i].dim() - (static_cast<int64_t>(term.letters.size()) - (term.hasEllipsis ? 1 : 0));
    for (Label l : term.letters) {
      if (l != kEllipsisMark) {
        x.labels.push_back(l);
        continue;
      }
      for (int64_t j = 0; j < covered; ++j)
        x.labels.push_back(kEllipsisBase + static_cast<Label>(ellipsisDims - covered + j));
    }
    takeDiagonals(x);
    ops.push_back(std::move(x));
  }
  std::vector<Label> output;
  if (arrow != std::string::npos) {
    Term out = parseTerm(std::string_view(eq).substr(arrow + 2));
    for (Label l : out.letters) {
      if (l == kEllipsisMark) {
        for (int64_t j = 0; j < ellipsisDims; ++j) output.push_back(kEllipsisBase + static_cast<Label>(j));
        continue;
      }
      SCONCE_CHECK(ValueError, indexOf(output, l) < 0, "einsum(): output subscript {} appears more than once in the output",
                   static_cast<char>(l));
      bool found = false;
      for (const Term& t : terms) found = found || indexOf(t.letters, l) >= 0;
      SCONCE_CHECK(ValueError, found,
                   "einsum(): output subscript {} does not appear in the equation for any input operand",
                   static_cast<char>(l));
      output.push_back(l);
    }
  } else {
    for (int64_t j = 0; j < ellipsisDims; ++j) output.push_back(kEllipsisBase + static_cast<Label>(j));
    std::vector<Label> once;
    for (const Term& t : terms)
      for (Label l : t.letters) {
        if (l == kEllipsisMark) continue;
        int count = 0;
        for (const Term& u : terms) count += static_cast<int>(std::count(u.letters.begin(), u.letters.end(), l));
        if (count == 1) once.push_back(l);
      }
    std::sort(once.begin(), once.end());
    output.insert(output.end(), once.begin(), once.end());
  }
  auto neededAfter = [&](size_t k) {
    std::vector<Label> need = output;
    for (size_t j = k + 1; j < ops.size(); ++j) need.insert(need.end(), ops[j].labels.begin(), ops[j].labels.end());
    return need;
  };
  Labeled acc = ops[0];
  if (ops.size() == 1) sumOutExcept(acc, output);
  for (size_t k = 1; k < ops.size(); ++k) acc = contract(std::move(acc), ops[k], neededAfter(k));
  sumOutExcept(acc, output);
  Dims perm;
  for (Label l : output) perm.push_back(indexOf(acc.labels, l));
  // An ellipsis dim that only size-1 broadcasting produced may be missing: add it.
  Tensor r = acc.t;
  for (size_t i = 0; i < perm.size(); ++i) {
    if (perm[i] >= 0) continue;
    r = unsqueeze(r, r.dim());
    perm[i] = r.dim() - 1;
  }
  return permute(r, perm);
}

}  // namespace sconce::ops::nn
