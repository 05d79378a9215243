// Protocol forms: parsing line expressions and checks, evaluating them exactly in 128 bits,
// and the message of a violated relation.
#include "saylau/core/protocol_form.h"

#include <cctype>
#include <cstdint>
#include <utility>

#include "saylau/core/protocol.h"

namespace saylau::core {
namespace {

bool IsNameStart(char c) { return c >= 'a' && c <= 'z'; }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9') || c == '_'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

void SkipSpaces(std::string_view text, std::size_t& at) {
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
}

// The failed comparison's symbol: what was found instead of what the relation asks.
std::string_view FailedText(Comparison op) {
  switch (op) {
    case Comparison::kEqual: return "≠";
    case Comparison::kAtMost: return ">";
    case Comparison::kAtLeast: return "<";
    case Comparison::kLess: return "≥";
    case Comparison::kGreater: return "≤";
  }
  return "?";
}

Int128 OptionsSum(std::span<const std::int64_t> values, int line_count) {
  Int128 sum = 0;
  for (std::size_t i = line_count; i < values.size(); ++i) sum += values[i];
  return sum;
}

std::string TermsText(const ProtocolForm& form, const LineExpression& expression,
                      std::span<const std::int64_t> values) {
  const int line_count = static_cast<int>(form.lines.size());
  std::string out;
  for (const LineTerm& term : expression.terms) {
    if (!out.empty() || term.negative) out += term.negative ? (out.empty() ? "-" : " - ") : " + ";
    switch (term.kind) {
      case LineTerm::Kind::kLine:
        out += form.lines[term.line].name + " (" + Int128Text(values[term.line]) + ")";
        break;
      case LineTerm::Kind::kOptions:
        out += "options (" + Int128Text(OptionsSum(values, line_count)) + ")";
        break;
      case LineTerm::Kind::kLiteral:
        out += std::to_string(term.literal);
        break;
    }
  }
  return out.empty() ? "0" : out;
}

}  // namespace

std::string_view ComparisonText(Comparison op) {
  switch (op) {
    case Comparison::kEqual: return "==";
    case Comparison::kAtMost: return "<=";
    case Comparison::kAtLeast: return ">=";
    case Comparison::kLess: return "<";
    case Comparison::kGreater: return ">";
  }
  return "?";
}

std::string_view SeverityName(Severity severity) { return severity == Severity::kWarn ? "warn" : "reject"; }

int ProtocolForm::IndexOf(std::string_view name) const {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

const LineExpression& ProtocolForm::Base(BaseRole role) const {
  switch (role) {
    case BaseRole::kRegistered: return bases.registered;
    case BaseRole::kTookPart: return bases.took_part;
    case BaseRole::kValid: return bases.valid;
    case BaseRole::kInvalid: return bases.invalid;
  }
  return bases.valid;
}

std::int64_t ProtocolForm::BaseValue(BaseRole role, std::span<const std::int64_t> values) const {
  const Int128 value = Evaluate(Base(role), values, static_cast<int>(lines.size()));
  if (value > INT64_MAX) return INT64_MAX;
  if (value < INT64_MIN) return INT64_MIN;
  return static_cast<std::int64_t>(value);
}

std::int64_t ProtocolForm::LineValue(std::string_view name, std::span<const std::int64_t> values) const {
  const int index = IndexOf(name);
  return index < 0 ? 0 : values[index];
}

bool IsLineName(std::string_view name) {
  if (name.empty() || !IsNameStart(name[0])) return false;
  for (char c : name) {
    if (!IsNameChar(c)) return false;
  }
  return true;
}

std::string Int128Text(Int128 value) {
  if (value == 0) return "0";
  const bool negative = value < 0;
  std::string digits;
  for (; value != 0; value /= 10) {
    const int digit = static_cast<int>(value % 10);
    digits.push_back(static_cast<char>('0' + (digit < 0 ? -digit : digit)));
  }
  if (negative) digits.push_back('-');
  return {digits.rbegin(), digits.rend()};
}

Result<LineExpression> ParseLineExpression(std::string_view text, const ProtocolForm& form) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  LineExpression out;
  out.text = std::string(text);
  std::size_t at = 0;
  bool negative = false;
  const auto fail = [&](const std::string& what) {
    return InvalidArgument("expression '" + std::string(text) + "': " + what);
  };
  for (;;) {
    SkipSpaces(text, at);
    if (at >= text.size()) return fail(out.terms.empty() ? "is empty" : "ends where a term was expected");
    LineTerm term;
    term.negative = negative;
    if (IsDigit(text[at])) {
      const std::size_t start = at;
      while (at < text.size() && IsDigit(text[at])) ++at;
      const std::string_view digits = text.substr(start, at - start);
      if (digits.size() > 13) return fail("the number " + std::string(digits) + " is above 10^12");
      term.kind = LineTerm::Kind::kLiteral;
      term.literal = std::stoll(std::string(digits));
      if (term.literal > 1'000'000'000'000) return fail("the number " + std::string(digits) + " is above 10^12");
    } else if (IsNameStart(text[at])) {
      const std::size_t start = at;
      while (at < text.size() && IsNameChar(text[at])) ++at;
      const std::string_view name = text.substr(start, at - start);
      if (name == "options") {
        term.kind = LineTerm::Kind::kOptions;
      } else {
        term.line = form.IndexOf(name);
        if (term.line < 0) return fail("'" + std::string(name) + "' is not a line of form '" + form.id + "'");
      }
    } else {
      return fail("unexpected '" + std::string(1, text[at]) + "' where a line, options or a number was expected");
    }
    out.terms.push_back(term);
    SkipSpaces(text, at);
    if (at >= text.size()) return out;
    if (text[at] != '+' && text[at] != '-') {
      return fail("unexpected '" + std::string(1, text[at]) + "' where + or - was expected");
    }
    negative = text[at] == '-';
    ++at;
  }
}

Result<FormRelation> ParseRelation(std::string name, std::string_view check, Severity severity,
                                   const ProtocolForm& form) {
  static constexpr std::pair<std::string_view, Comparison> kOps[] = {
      {"==", Comparison::kEqual}, {"<=", Comparison::kAtMost}, {">=", Comparison::kAtLeast},
      {"<", Comparison::kLess},   {">", Comparison::kGreater}};
  for (const auto& [symbol, op] : kOps) {
    const std::size_t at = check.find(symbol);
    if (at == std::string_view::npos) continue;
    const std::string_view rest = check.substr(at + symbol.size());
    if (rest.find_first_of("<>=") != std::string_view::npos) {
      return InvalidArgument("check '" + std::string(check) + "' has more than one comparison");
    }
    Result<LineExpression> left = ParseLineExpression(check.substr(0, at), form);
    if (!left) return left.error();
    Result<LineExpression> right = ParseLineExpression(rest, form);
    if (!right) return right.error();
    FormRelation relation;
    relation.name = std::move(name);
    relation.severity = severity;
    relation.left = std::move(*left);
    relation.op = op;
    relation.right = std::move(*right);
    return relation;
  }
  return InvalidArgument("check '" + std::string(check) + "' has no comparison (==, <=, >=, < or >)");
}

Int128 Evaluate(const LineExpression& expression, std::span<const std::int64_t> values, int line_count) {
  Int128 sum = 0;
  for (const LineTerm& term : expression.terms) {
    Int128 value = 0;
    switch (term.kind) {
      case LineTerm::Kind::kLine: value = values[term.line]; break;
      case LineTerm::Kind::kOptions: value = OptionsSum(values, line_count); break;
      case LineTerm::Kind::kLiteral: value = term.literal; break;
    }
    sum += term.negative ? -value : value;
  }
  return sum;
}

bool Holds(const FormRelation& relation, std::span<const std::int64_t> values, int line_count) {
  const Int128 left = Evaluate(relation.left, values, line_count);
  const Int128 right = Evaluate(relation.right, values, line_count);
  switch (relation.op) {
    case Comparison::kEqual: return left == right;
    case Comparison::kAtMost: return left <= right;
    case Comparison::kAtLeast: return left >= right;
    case Comparison::kLess: return left < right;
    case Comparison::kGreater: return left > right;
  }
  return false;
}

std::vector<DetailParam> RelationParams(const ProtocolForm& form, const FormRelation& relation,
                                        std::span<const std::int64_t> values) {
  const int line_count = static_cast<int>(form.lines.size());
  std::vector<DetailParam> params;
  const auto add_terms = [&](const LineExpression& expression) {
    for (const LineTerm& term : expression.terms) {
      const std::string sign = term.negative ? "-" : "+";
      switch (term.kind) {
        case LineTerm::Kind::kLine:
          params.push_back({sign + form.lines[term.line].name, Int128Text(values[term.line])});
          break;
        case LineTerm::Kind::kOptions:
          params.push_back({sign + "{options}", Int128Text(OptionsSum(values, line_count))});
          break;
        case LineTerm::Kind::kLiteral: params.push_back({sign + "#", std::to_string(term.literal)}); break;
      }
    }
  };
  add_terms(relation.left);
  params.push_back({"op", std::string(FailedText(relation.op))});
  add_terms(relation.right);
  return params;
}

std::string DescribeViolation(const ProtocolForm& form, const FormRelation& relation,
                              std::span<const std::int64_t> values) {
  const int line_count = static_cast<int>(form.lines.size());
  if (relation.text.empty()) {
    return TermsText(form, relation.left, values) + " " + std::string(FailedText(relation.op)) + " " +
           TermsText(form, relation.right, values);
  }
  std::string out;
  const std::string& text = relation.text;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t open = text.find('{', at);
    const std::size_t close = open == std::string::npos ? std::string::npos : text.find('}', open);
    if (close == std::string::npos) {
      out += text.substr(at);
      break;
    }
    out += text.substr(at, open - at);
    const std::string name = text.substr(open + 1, close - open - 1);
    const int line = form.IndexOf(name);
    if (name == "options") {
      out += Int128Text(OptionsSum(values, line_count));
    } else if (line >= 0) {
      out += Int128Text(values[line]);
    } else {
      out += text.substr(open, close - open + 1);
    }
    at = close + 1;
  }
  return out;
}

}  // namespace saylau::core
