// A protocol: one commission's count for one contest at one polling station (or whatever unit
// the contest is counted at), with the lines of the contest's protocol form (protocol_form.h),
// and the control relations that a well-formed protocol satisfies: the built-in ones and the
// form's. Pure values and functions, thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "saylau/core/indices.h"
#include "saylau/core/protocol_form.h"

namespace saylau::core {

struct Contest;
struct Violation;

class Election;
class CountingPlan;

// The largest value any protocol or turnout line may hold: 10^12, the cap on votes per option
// (kMaxVotes). Above it a line breaks `within-bounds`; with every line in [0, 10^12] the sums
// in the relations are far from int64's range and totals over millions of stations fit too.
inline constexpr std::int64_t kMaxLineValue = 1'000'000'000'000;

// A protocol as submitted: the lines by name, as written (the form's line names or option ids).
struct ProtocolSubmission {
  std::string contest;
  std::string unit;
  int round = 1;
  std::string commission;  // who submits: the unit's own commission when empty, else a higher one
  std::string reason;      // why a higher commission corrects an accepted protocol (a recount)
  std::string photo;       // SHA-256 (hex) of a photo or scan of the signed paper protocol, if any
  std::vector<std::pair<std::string, std::int64_t>> lines;  // the form's lines and the options
  std::vector<std::string> unreadable;  // lines whose value was not an integer, as "name='text'"
  // What the reader could not take as clean text or as a record, reported before every other
  // relation: `utf8` (a field not UTF-8 or with a control character; it is kept with those
  // bytes written \xHH) and `readable-lines` (a JSON Lines line that is not a JSON object).
  std::vector<Violation> read_problems;
  std::string origin;                   // where it came from, for messages ("protocols.csv:12")
};

// One value a violation's detail names, for a reader that words the detail in its own
// language: a whole number (decimal, maybe with '-'), or an id (a line, an option, a unit, a
// contest, a commission, a reporting time, a comparison sign). Never a sentence.
struct DetailParam {
  std::string name;
  std::string value;
};

// One broken control relation: its name (stable, documented in docs/protocol-format.md) and
// what was found, with the line names and numbers: `detail` in English (the CLI's, the log's),
// and the same detail machine-readable: `code`, one of kDetailCodes (detail_codes.h), and the
// values it names, in order (a dashboard words it in Kazakh, Russian or English). `code` is
// empty for a detail with no machine-readable form (what a reader of submissions wrote).
struct Violation {
  std::string relation;
  std::string detail;
  std::string code;
  std::vector<DetailParam> params;
};

// The values of a violated form `relation` for the detail code "relation" (detail_codes.h): the
// left side's terms, the failed comparison as {"op", "≠"}, the right side's terms; each term as
// {"+issued", "751"}, {"-cancelled", "0"}, {"+{options}", "790"} or {"+#", "1"}. Written in
// protocol_form.cc beside DescribeViolation, which words the same values in English.
std::vector<DetailParam> RelationParams(const ProtocolForm& form, const FormRelation& relation,
                                        std::span<const std::int64_t> values);

// The protocol's values in contest order: the form's lines, then one per option. Missing
// optional lines are 0.
using ProtocolValues = std::vector<std::int64_t>;

struct CheckedProtocol {
  ContestIndex contest;  // none when unknown
  LocalUnit station;     // the contest's local unit, none when not a counting unit
  ProtocolValues values;
  std::vector<Violation> violations;  // empty = the protocol is well formed
  std::vector<Violation> warnings;    // relations of severity warn that fail: counted, flagged
};

// Checks every control relation of `protocol` and reports all that fail: the built-in ones
//   known-contest, counting-unit, known-round, readable-lines, photo-hash, options-exact,
//   lines-present, non-negative, within-bounds
// and then the relations of the contest's form, in the form's order (for the Kazakh forms
//   received-equals-issued-plus-cancelled, found-within-issued, found-equals-valid-plus-invalid,
//   valid-equals-options-plus-against-all, issued-within-voters, absentee-within-issued,
//   outside-within-issued). A failed relation of severity warn goes to `warnings`.
// Sums are exact (128-bit), so no relation holds by wrap-around.
// `ballot`, when given, lists the option indices on the round's ballot (a runoff's two): a line
// for another option breaks `on-ballot` and theirs are not required (ElectionNight::OpeningOf).
CheckedProtocol CheckProtocol(const Election& election, const CountingPlan& plan, const ProtocolSubmission& protocol,
                              const std::vector<int>* ballot = nullptr);

// The built-in relations on a protocol's numbers, before the form's own (a station's page
// lists these, then the form's relations).
inline constexpr std::array<std::string_view, 2> kBuiltInArithmeticRelations = {"non-negative", "within-bounds"};

// A line where two sets of a station's values differ (an observer's copy against the counted
// protocol): the line's name (a line of the form or an option id) and both values.
struct LineDifference {
  std::string line;
  std::int64_t counted = 0;
  std::int64_t observed = 0;
};
std::vector<LineDifference> CompareValues(const ProtocolForm& form, const Contest& contest,
                                          std::span<const std::int64_t> counted,
                                          std::span<const std::int64_t> observed);

}  // namespace saylau::core
