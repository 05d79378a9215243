// A protocol form as data: the lines of a paper protocol (in the paper's order), the control
// relations between them, and the named bases the rest of saylau reads (registered, took
// part, valid, invalid). Declared in TOML (formats/definition_toml.h, data/forms/kz-forms.toml),
// parsed here into expressions that are evaluated exactly (Int128). Pure values and
// functions, safe from any thread.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "saylau/base/result.h"
#include "saylau/core/names.h"
#include "saylau/core/ratio.h"

namespace saylau::core {

// One line of a form.
struct FormLine {
  std::string name;       // [a-z][a-z0-9_]*, unique in its form
  Names label;            // as printed on the paper protocol
  bool required = true;   // an optional line may be absent (then 0)
  // The line must be present exactly when the contest has "against all" on its ballot.
  bool when_against_all = false;
};

// One term of a linear expression: a line of the form, the sum of the option votes, or a
// non-negative literal, added or subtracted.
struct LineTerm {
  enum class Kind { kLine, kOptions, kLiteral };
  Kind kind = Kind::kLine;
  bool negative = false;
  int line = -1;              // kLine: index in ProtocolForm::lines
  std::int64_t literal = 0;   // kLiteral
};

// term (('+' | '-') term)*, as written and as parsed.
struct LineExpression {
  std::string text;
  std::vector<LineTerm> terms;
};

enum class Comparison { kEqual, kAtMost, kAtLeast, kLess, kGreater };
enum class Severity { kReject, kWarn };
std::string_view ComparisonText(Comparison op);  // "==", "<=", ...
std::string_view SeverityName(Severity severity);  // "reject", "warn"

// A control relation: `left op right`, shown by name with every violation. `text`, when not
// empty, is the message of a violation with {line} (and {options}) replaced by the values.
struct FormRelation {
  std::string name;
  Severity severity = Severity::kReject;
  LineExpression left;
  Comparison op = Comparison::kEqual;
  LineExpression right;
  std::string text;
};

// The named bases every form gives (see docs/protocol-format.md, "Protocol forms").
struct FormBases {
  LineExpression registered;
  LineExpression took_part;
  LineExpression valid;
  LineExpression invalid;
};

// The bases every form names; the rest of saylau reads a protocol through them.
enum class BaseRole { kRegistered, kTookPart, kValid, kInvalid };

struct ProtocolForm {
  std::string id;
  Names name;
  std::string source;  // where the form is laid down (free text)
  std::vector<FormLine> lines;
  std::vector<FormRelation> relations;
  FormBases bases;
  int against_all = -1;  // the line carrying "against all", -1 when the form has none

  // The index of line `name` in `lines`, -1 when the form has no such line.
  int IndexOf(std::string_view name) const;
  // The width of a contest's protocol values with this form: the lines, then one per option.
  int Width(int options) const { return static_cast<int>(lines.size()) + options; }

  // Reading a protocol's values (the lines, then one per option) through the form:
  const LineExpression& Base(BaseRole role) const;
  // A base's value, exact and then held within int64 (totals of accepted protocols are).
  std::int64_t BaseValue(BaseRole role, std::span<const std::int64_t> values) const;
  // Line `name`'s value; 0 when the form has no such line.
  std::int64_t LineValue(std::string_view name, std::span<const std::int64_t> values) const;
  std::int64_t AgainstAllValue(std::span<const std::int64_t> values) const {
    return against_all < 0 ? 0 : values[against_all];
  }
  std::span<const std::int64_t> Options(std::span<const std::int64_t> values) const {
    return values.subspan(lines.size());
  }
  // The name of value `index`: a line's name or, past the lines, the option id from `options`.
  template <typename OptionList>
  std::string NameAt(std::size_t index, const OptionList& options) const {
    return index < lines.size() ? lines[index].name : options[index - lines.size()].id;
  }
};

// Whether `name` may name a line: [a-z][a-z0-9_]*.
bool IsLineName(std::string_view name);

// Parses `text` over the lines of `form`. Errors (kInvalidArgument) name the offending
// token: an unknown line, a malformed number, a missing term.
Result<LineExpression> ParseLineExpression(std::string_view text, const ProtocolForm& form);

// Parses a check, `expression OP expression` with OP one of == <= >= < >.
Result<FormRelation> ParseRelation(std::string name, std::string_view check, Severity severity,
                                   const ProtocolForm& form);

// The exact value of `expression` over a protocol's values (the form's lines, then one per
// option). REQUIRES: values.size() >= form's line count (every line index is in range).
Int128 Evaluate(const LineExpression& expression, std::span<const std::int64_t> values, int line_count);

// Whether `relation` holds over `values` (as Evaluate).
bool Holds(const FormRelation& relation, std::span<const std::int64_t> values, int line_count);

// The message of a violated `relation`: its text with the values put in, or else each side's
// terms with their values and the failed comparison ("found (752) > issued (751)").
std::string DescribeViolation(const ProtocolForm& form, const FormRelation& relation,
                              std::span<const std::int64_t> values);

// Exact decimal of a 128-bit value.
std::string Int128Text(Int128 value);

}  // namespace saylau::core
