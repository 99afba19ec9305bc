#include "catalog/fee.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <numeric>

#include "platform/i18n.hpp"

namespace spbe::catalog {

using Fraction = FeeFormula::Fraction;

struct FeeFormula::Node {
  char op = 0;  // '+', '-', '*', '/'; 0 for a leaf
  Fraction number;
  std::string name;  // a leaf that reads a value
  std::unique_ptr<Node> left, right;

  std::unique_ptr<Node> Clone() const {
    auto n = std::make_unique<Node>();
    n->op = op;
    n->number = number;
    n->name = name;
    if (left) n->left = left->Clone();
    if (right) n->right = right->Clone();
    return n;
  }
};

namespace {

constexpr __int128 kLimit = static_cast<__int128>(1) << 100;  // far above any rupiah amount, far below overflow

__int128 Abs(__int128 v) { return v < 0 ? -v : v; }

__int128 Gcd(__int128 a, __int128 b) {
  a = Abs(a);
  b = Abs(b);
  while (b != 0) {
    __int128 t = a % b;
    a = b;
    b = t;
  }
  return a == 0 ? 1 : a;
}

bool Normalize(Fraction& f) {
  if (f.den < 0) {
    f.num = -f.num;
    f.den = -f.den;
  }
  __int128 g = Gcd(f.num, f.den);
  f.num /= g;
  f.den /= g;
  return Abs(f.num) < kLimit && f.den < kLimit;
}

class Parser {
 public:
  Parser(std::string_view text, std::string_view lang) : s_(text), lang_(lang) {}

  Result<std::unique_ptr<FeeFormula::Node>> Run() {
    auto n = Expr();
    Skip();
    if (n && pos_ != s_.size() && error_.empty()) Fail("catalog_formula_unexpected");
    if (!error_.empty()) return Error::Validation({{"fee.formula", error_}});
    return n;
  }

 private:
  void Skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  // `problem` is the key of what went wrong; the message says where.
  void Fail(std::string_view problem) {
    if (!error_.empty()) return;
    std::string at =
        pos_ < s_.size() ? fmt::format("\"{}\"", s_.substr(pos_, 12)) : i18n::Tr(lang_, "catalog_formula_end");
    // The formula's own text last: nothing it holds is taken for a placeholder.
    error_ = i18n::Tr(lang_, "catalog_formula_error_at",
                      {{"problem", i18n::Tr(lang_, problem)}, {"position", std::to_string(pos_ + 1)}, {"at", at}});
  }
  std::unique_ptr<FeeFormula::Node> Binary(char op, std::unique_ptr<FeeFormula::Node> l,
                                           std::unique_ptr<FeeFormula::Node> r) {
    auto n = std::make_unique<FeeFormula::Node>();
    n->op = op;
    n->left = std::move(l);
    n->right = std::move(r);
    return n;
  }
  std::unique_ptr<FeeFormula::Node> Expr() {
    auto l = Term();
    for (Skip(); l && pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-'); Skip()) {
      char op = s_[pos_++];
      auto r = Term();
      if (!r) return nullptr;
      l = Binary(op, std::move(l), std::move(r));
    }
    return l;
  }
  std::unique_ptr<FeeFormula::Node> Term() {
    auto l = Factor();
    for (Skip(); l && pos_ < s_.size() && (s_[pos_] == '*' || s_[pos_] == '/'); Skip()) {
      char op = s_[pos_++];
      auto r = Factor();
      if (!r) return nullptr;
      l = Binary(op, std::move(l), std::move(r));
    }
    return l;
  }
  std::unique_ptr<FeeFormula::Node> Factor() {
    Skip();
    if (pos_ >= s_.size()) {
      Fail("catalog_formula_operand_expected");
      return nullptr;
    }
    char c = s_[pos_];
    if (c == '(') {
      ++pos_;
      auto n = Expr();
      Skip();
      if (!n) return nullptr;
      if (pos_ >= s_.size() || s_[pos_] != ')') {
        Fail("catalog_formula_paren_expected");
        return nullptr;
      }
      ++pos_;
      return n;
    }
    auto n = std::make_unique<FeeFormula::Node>();
    if (std::isdigit(static_cast<unsigned char>(c))) {
      // Whole or decimal: "25000", "1.5" (exactly 3/2).
      __int128 num = 0, den = 1;
      bool point = false;
      std::size_t digits = 0;
      for (; pos_ < s_.size(); ++pos_) {
        char d = s_[pos_];
        if (d == '.' && !point) {
          point = true;
          continue;
        }
        if (!std::isdigit(static_cast<unsigned char>(d))) break;
        if (++digits > 18) {
          Fail("catalog_formula_number_too_long");
          return nullptr;
        }
        num = num * 10 + (d - '0');
        if (point) den *= 10;
      }
      n->number = {num, den};
      Normalize(n->number);
      return n;
    }
    if (std::islower(static_cast<unsigned char>(c))) {
      std::size_t start = pos_;
      while (pos_ < s_.size() && (std::islower(static_cast<unsigned char>(s_[pos_])) ||
                                  std::isdigit(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_')) {
        ++pos_;
      }
      n->name = std::string(s_.substr(start, pos_ - start));
      return n;
    }
    Fail("catalog_formula_operand_expected");
    return nullptr;
  }

  std::string_view s_;
  std::string lang_;
  std::size_t pos_ = 0;
  std::string error_;
};

void CollectNames(const FeeFormula::Node& n, std::vector<std::string>& out) {
  if (!n.name.empty() && std::find(out.begin(), out.end(), n.name) == out.end()) out.push_back(n.name);
  if (n.left) CollectNames(*n.left, out);
  if (n.right) CollectNames(*n.right, out);
}

Result<Fraction> Eval(const FeeFormula::Node& n, const std::map<std::string, Fraction>& values, std::string_view lang) {
  if (n.op == 0) {
    if (n.name.empty()) return n.number;
    auto it = values.find(n.name);
    if (it == values.end()) {
      return Error::Of(ErrorCode::kValidation, i18n::Tr(lang, "catalog_fee_value_missing", {{"name", n.name}}));
    }
    return it->second;
  }
  auto l = Eval(*n.left, values, lang);
  if (!l.ok()) return l;
  auto r = Eval(*n.right, values, lang);
  if (!r.ok()) return r;
  Fraction out;
  // Each operand is below 2^100 after Normalize, so the products below fit in 128 bits only when small enough:
  // check before multiplying.
  auto fits = [](__int128 a, __int128 b) { return a == 0 || b == 0 || Abs(a) < kLimit / Abs(b); };
  switch (n.op) {
    case '+':
    case '-':
      if (!fits(l->num, r->den) || !fits(r->num, l->den) || !fits(l->den, r->den)) break;
      out = {n.op == '+' ? l->num * r->den + r->num * l->den : l->num * r->den - r->num * l->den, l->den * r->den};
      if (Normalize(out)) return out;
      break;
    case '*':
      if (!fits(l->num, r->num) || !fits(l->den, r->den)) break;
      out = {l->num * r->num, l->den * r->den};
      if (Normalize(out)) return out;
      break;
    case '/':
      if (r->num == 0) {
        return Error::Of(ErrorCode::kValidation, i18n::Tr(lang, "catalog_fee_division_by_zero"));
      }
      if (!fits(l->num, r->den) || !fits(l->den, r->num)) break;
      out = {l->num * r->den, l->den * r->num};
      if (Normalize(out)) return out;
      break;
  }
  return Error::Of(ErrorCode::kValidation, i18n::Tr(lang, "catalog_fee_too_large"));
}

__int128 FloorDiv(__int128 a, __int128 b) {  // b > 0
  __int128 q = a / b;
  if ((a % b != 0) && (a < 0)) --q;
  return q;
}

}  // namespace

std::string_view RoundingName(Rounding r) {
  switch (r) {
    case Rounding::kUp:
      return "up";
    case Rounding::kDown:
      return "down";
    case Rounding::kNearest:
      break;
  }
  return "nearest";
}

Result<FeeFormula> FeeFormula::Parse(std::string_view text, std::string_view lang) {
  Parser p(text, lang);
  auto root = p.Run();
  if (!root.ok()) return root.error();
  FeeFormula f;
  f.text_ = std::string(text);
  f.root_ = std::move(*root);
  return f;
}

FeeFormula::FeeFormula(FeeFormula&&) noexcept = default;
FeeFormula& FeeFormula::operator=(FeeFormula&&) noexcept = default;
FeeFormula::~FeeFormula() = default;
FeeFormula::FeeFormula(const FeeFormula& o) : text_(o.text_), root_(o.root_ ? o.root_->Clone() : nullptr) {}
FeeFormula& FeeFormula::operator=(const FeeFormula& o) {
  if (this != &o) {
    text_ = o.text_;
    root_ = o.root_ ? o.root_->Clone() : nullptr;
  }
  return *this;
}

std::vector<std::string> FeeFormula::Names() const {
  std::vector<std::string> out;
  if (root_) CollectNames(*root_, out);
  return out;
}

Result<Fraction> FeeFormula::Evaluate(const std::map<std::string, Fraction>& values, std::string_view lang) const {
  if (!root_) return Fraction{};
  return Eval(*root_, values, lang);
}

std::int64_t RoundRupiah(const Fraction& v, Rounding rule, std::int64_t to) {
  if (to < 1) to = 1;
  __int128 unit = static_cast<__int128>(v.den) * to;  // value / to = num / unit
  __int128 q = 0;
  switch (rule) {
    case Rounding::kDown:
      q = FloorDiv(v.num, unit);
      break;
    case Rounding::kUp:
      q = -FloorDiv(-v.num, unit);
      break;
    case Rounding::kNearest:
      q = FloorDiv(2 * v.num + unit, 2 * unit);  // half up
      break;
  }
  __int128 amount = q * to;
  if (amount > std::numeric_limits<std::int64_t>::max()) return std::numeric_limits<std::int64_t>::max();
  if (amount < 0) return 0;  // a fee is never negative
  return static_cast<std::int64_t>(amount);
}

}  // namespace spbe::catalog
