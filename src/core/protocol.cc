// Control relations of a protocol. Every relation is checked and every failure reported, so a
// commission fixes its protocol in one pass.
#include "saylau/core/protocol.h"

#include <algorithm>
#include <string>

#include "saylau/core/counting_plan.h"
#include "saylau/core/ratio.h"

namespace saylau::core {
namespace {

static_assert(kMaxLineValue == kMaxVotes, "a protocol line and an option's votes share one cap");

// Exact decimal of a 128-bit value: sums are shown as they are, never as a wrapped int64.
std::string Num(Int128 value) {
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

class Checker {
 public:
  Checker(const ContestPlan& plan, CheckedProtocol& out) : plan_(plan), out_(out) {}

  std::int64_t Get(Line line) const { return out_.values[LineIndex(line)]; }
  void Fail(std::string relation, std::string detail) {
    out_.violations.push_back({std::move(relation), std::move(detail)});
  }

  void ReadLines(const ProtocolSubmission& protocol) {
    const Contest& contest = *plan_.contest;
    out_.values.assign(plan_.width, 0);
    std::vector<bool> seen(plan_.width, false);
    std::string unknown, repeated;
    for (const auto& [name, value] : protocol.lines) {
      int index = -1;
      if (const std::optional<Line> line = LineFromName(name)) {
        index = LineIndex(*line);
      } else if (const std::optional<int> option = contest.OptionIndex(name)) {
        index = kFixedLines + *option;
      }
      if (index < 0) {
        unknown += (unknown.empty() ? "" : ", ") + name;
        continue;
      }
      if (seen[index]) repeated += (repeated.empty() ? "" : ", ") + name;
      seen[index] = true;
      out_.values[index] = value;
      if (value < 0) Fail("non-negative", name + " = " + Num(value) + " is negative");
      if (value > kMaxLineValue) {
        Fail("within-bounds", name + " = " + Num(value) + " is above 10^12 (" + Num(kMaxLineValue) + ")");
      }
    }
    if (!protocol.unreadable.empty()) {
      std::string list;
      for (const std::string& item : protocol.unreadable) list += (list.empty() ? "" : ", ") + item;
      Fail("readable-lines", "not whole numbers in range: " + list);
    }
    if (!protocol.photo.empty() && (protocol.photo.size() != 64 ||
                                    protocol.photo.find_first_not_of("0123456789abcdef") != std::string::npos)) {
      Fail("photo-hash", "photo_sha256 '" + protocol.photo + "' is not a SHA-256 in lowercase hex (64 digits)");
    }
    if (!unknown.empty()) {
      Fail("options-exact", "not options of contest '" + contest.id + "' nor protocol lines: " + unknown);
    }
    if (!repeated.empty()) Fail("options-exact", "lines given twice: " + repeated);

    std::string missing_options;
    for (std::size_t i = 0; i < contest.options.size(); ++i) {
      if (!seen[kFixedLines + i]) missing_options += (missing_options.empty() ? "" : ", ") + contest.options[i].id;
    }
    if (!missing_options.empty()) {
      Fail("options-exact", "options of contest '" + contest.id + "' missing: " + missing_options);
    }
    const bool referendum = std::holds_alternative<ReferendumRules>(contest.rules);
    if (seen[LineIndex(Line::kAgainstAll)] != contest.against_all) {
      Fail("options-exact", contest.against_all ? "against_all is on the ballot of contest '" + contest.id +
                                                      "' and missing from the protocol"
                                                : "against_all is not on the ballot of contest '" + contest.id + "'");
    }
    if (seen[LineIndex(Line::kBothMarked)] && !referendum) {
      Fail("options-exact", "both_marked belongs to referendum protocols only");
    }
    std::string missing_lines;
    for (Line line : {Line::kVoters, Line::kReceived, Line::kIssued, Line::kCancelled, Line::kFound, Line::kValid,
                      Line::kInvalid, Line::kBothMarked}) {
      if (line == Line::kBothMarked && !referendum) continue;
      if (!seen[LineIndex(line)]) {
        missing_lines += (missing_lines.empty() ? "" : ", ") + std::string(kLineNames[LineIndex(line)]);
      }
    }
    if (!missing_lines.empty()) Fail("lines-present", "lines missing: " + missing_lines);
  }

  // Every sum is taken in 128 bits: each term is an int64 and there are fewer than 2^63 of
  // them, so no relation can be met by a sum that wrapped around.
  void CheckRelations() {
    const Int128 voters = Get(Line::kVoters), received = Get(Line::kReceived), issued = Get(Line::kIssued),
                 cancelled = Get(Line::kCancelled), found = Get(Line::kFound), valid = Get(Line::kValid),
                 invalid = Get(Line::kInvalid), both = Get(Line::kBothMarked), against = Get(Line::kAgainstAll);
    if (received != issued + cancelled) {
      Fail("received-equals-issued-plus-cancelled", "received (" + Num(received) + ") ≠ issued (" + Num(issued) +
                                                        ") + cancelled (" + Num(cancelled) + ")");
    }
    if (found > issued) {
      Fail("found-within-issued", "found in the boxes (" + Num(found) + ") > issued (" + Num(issued) + ")");
    }
    const bool referendum = std::holds_alternative<ReferendumRules>(plan_.contest->rules);
    if (found != valid + invalid + both) {
      Fail("found-equals-valid-plus-invalid", "found in the boxes (" + Num(found) + ") ≠ valid (" + Num(valid) +
                                                  ") + invalid (" + Num(invalid) + ")" +
                                                  (referendum ? " + both marked (" + Num(both) + ")" : ""));
    }
    Int128 options = 0;
    for (int i = kFixedLines; i < plan_.width; ++i) options += out_.values[i];
    if (valid != options + against) {
      Fail("valid-equals-options-plus-against-all", "valid (" + Num(valid) + ") ≠ votes for the options (" +
                                                        Num(options) + ") + against all (" + Num(against) + ")");
    }
    if (issued > voters) {
      Fail("issued-within-voters", "issued (" + Num(issued) + ") > voters on the list (" + Num(voters) + ")");
    }
    if (Get(Line::kIssuedAbsentee) > issued) {
      Fail("absentee-within-issued", "issued with an absentee certificate (" + Num(Get(Line::kIssuedAbsentee)) +
                                         ") > issued (" + Num(issued) + ")");
    }
    if (Get(Line::kIssuedOutside) > issued) {
      Fail("outside-within-issued", "issued outside the polling station (" + Num(Get(Line::kIssuedOutside)) +
                                        ") > issued (" + Num(issued) + ")");
    }
  }

 private:
  const ContestPlan& plan_;
  CheckedProtocol& out_;
};

}  // namespace

std::optional<Line> LineFromName(std::string_view name) {
  for (int i = 0; i < kFixedLines; ++i) {
    if (kLineNames[i] == name) return static_cast<Line>(i);
  }
  return std::nullopt;
}

CheckedProtocol CheckProtocol(const Election& election, const CountingPlan& plan, const ProtocolSubmission& protocol) {
  CheckedProtocol out;
  out.violations = protocol.read_problems;  // what the reader could not read comes first
  out.contest = plan.FindContest(protocol.contest);
  if (!out.contest.valid()) {
    // A line that was not a record at all names no contest: what the reader said is enough.
    if (protocol.contest.empty() && !protocol.read_problems.empty()) return out;
    out.violations.push_back({"known-contest", "contest '" + protocol.contest + "' is not in election '" +
                                                   election.id() + "'"});
    return out;
  }
  const ContestPlan& contest = plan.contest(out.contest);
  const GlobalUnit global = plan.FindUnit(protocol.unit);
  LocalUnit local;
  if (global.valid() && plan.IsLeaf(global)) {
    for (const auto& [index, at] : plan.ContestsAt(global)) {  // a station has one or two contests
      if (ContestIndex(index) == out.contest) local = LocalUnit(at);
    }
  } else if (global.valid()) {
    local = contest.LocalOf(global);
  }
  if (!global.valid()) {
    out.violations.push_back({"counting-unit", "unit '" + protocol.unit + "' is not in the election"});
  } else if (!local.valid() || !contest.counting[local.at()]) {
    out.violations.push_back({"counting-unit", "contest '" + protocol.contest + "' is not counted at unit '" +
                                                   protocol.unit + "' (counted at the polling stations under '" +
                                                   contest.contest->unit + "')"});
  } else {
    out.station = local;
  }
  if (protocol.round < 1 || protocol.round > contest.max_round) {
    out.violations.push_back({"known-round", "round " + std::to_string(protocol.round) + " does not exist for contest '" +
                                                 protocol.contest + "' (rounds 1.." +
                                                 std::to_string(contest.max_round) + ")"});
  }
  Checker checker(contest, out);
  checker.ReadLines(protocol);
  const bool lines_complete = std::none_of(out.violations.begin(), out.violations.end(), [](const Violation& v) {
    return v.relation == "lines-present" || v.relation == "readable-lines";
  });
  if (lines_complete) checker.CheckRelations();  // relations over placeholders would mislead
  return out;
}

std::vector<LineDifference> CompareValues(const Contest& contest, std::span<const std::int64_t> counted,
                                          std::span<const std::int64_t> observed) {
  std::vector<LineDifference> differences;
  for (std::size_t line = 0; line < counted.size() && line < observed.size(); ++line) {
    if (counted[line] == observed[line]) continue;
    differences.push_back({line < static_cast<std::size_t>(kFixedLines) ? std::string(kLineNames[line])
                                                                          : contest.options[line - kFixedLines].id,
                           counted[line], observed[line]});
  }
  return differences;
}

}  // namespace saylau::core
