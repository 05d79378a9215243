// Control relations of a protocol: the built-in ones, then its form's. Every relation is
// checked and every failure reported, so a commission fixes its protocol in one pass.
#include "saylau/core/protocol.h"

#include <algorithm>
#include <string>

#include "saylau/base/check.h"
#include "saylau/core/counting_plan.h"
#include "saylau/core/detail_codes.h"
#include "saylau/core/ratio.h"

namespace saylau::core {
namespace {

static_assert(kMaxLineValue == kMaxVotes, "a protocol line and an option's votes share one cap");

std::string Num(Int128 value) { return Int128Text(value); }

std::string Joined(const std::string& list, const std::string& item) { return list.empty() ? item : list + ", " + item; }

// Each of `ids` as a value named `name`, after `first`.
std::vector<DetailParam> Listed(std::vector<DetailParam> first, const std::string& name,
                                const std::vector<std::string>& ids) {
  for (const std::string& id : ids) first.push_back({name, id});
  return first;
}

// The names of unreadable items written "name='text'" (the text itself is not an id).
std::vector<DetailParam> UnreadableParams(const std::vector<std::string>& items) {
  std::vector<DetailParam> params;
  for (const std::string& item : items) {
    const std::size_t quote = item.find("='");
    if (quote != std::string::npos && quote > 0) params.push_back({"line", item.substr(0, quote)});
  }
  return params;
}

class Checker {
 public:
  Checker(const ContestPlan& plan, CheckedProtocol& out, const std::vector<int>* ballot)
      : plan_(plan), form_(*plan.form), out_(out), ballot_(ballot) {}

  bool OnBallot(std::size_t option) const {
    return ballot_ == nullptr ||
           std::find(ballot_->begin(), ballot_->end(), static_cast<int>(option)) != ballot_->end();
  }

  void Fail(std::string relation, std::string detail, std::string code, std::vector<DetailParam> params) {
    SAYLAU_CHECK(IsDetailCode(code));
    out_.violations.push_back({std::move(relation), std::move(detail), std::move(code), std::move(params)});
  }

  void ReadLines(const ProtocolSubmission& protocol) {
    const Contest& contest = *plan_.contest;
    const int line_count = static_cast<int>(form_.lines.size());
    out_.values.assign(plan_.width, 0);
    std::vector<bool> seen(plan_.width, false);
    std::string unknown, repeated;
    std::vector<std::string> unknown_ids, repeated_ids;
    int expected = 0;  // files list the values in the form's order (ContestPlan::ValueIndexOf)
    for (const auto& [name, value] : protocol.lines) {
      const int index = plan_.ValueIndexOf(name, expected);
      if (index < 0) {
        unknown = Joined(unknown, name);
        unknown_ids.push_back(name);
        continue;
      }
      if (seen[index]) {
        repeated = Joined(repeated, name);
        repeated_ids.push_back(name);
      }
      seen[index] = true;
      expected = index + 1;
      out_.values[index] = value;
      if (value < 0) {
        Fail("non-negative", name + " = " + Num(value) + " is negative", "negative",
             {{"line", name}, {"value", Num(value)}});
      }
      if (value > kMaxLineValue) {
        Fail("within-bounds", name + " = " + Num(value) + " is above 10^12 (" + Num(kMaxLineValue) + ")",
             "above-bound", {{"line", name}, {"value", Num(value)}, {"max", Num(kMaxLineValue)}});
      }
    }
    if (!protocol.unreadable.empty()) {
      std::string list;
      for (const std::string& item : protocol.unreadable) list = Joined(list, item);
      Fail("readable-lines", "not whole numbers in range: " + list, "unreadable", UnreadableParams(protocol.unreadable));
    }
    if (!protocol.photo.empty() && (protocol.photo.size() != 64 ||
                                    protocol.photo.find_first_not_of("0123456789abcdef") != std::string::npos)) {
      Fail("photo-hash", "photo_sha256 '" + protocol.photo + "' is not a SHA-256 in lowercase hex (64 digits)",
           "photo-hash", {});
    }
    if (!unknown.empty()) {
      Fail("options-exact", "not options of contest '" + contest.id + "' nor protocol lines: " + unknown,
           "unknown-lines", Listed({{"contest", contest.id}}, "line", unknown_ids));
    }
    if (!repeated.empty()) {
      Fail("options-exact", "lines given twice: " + repeated, "repeated-lines", Listed({}, "line", repeated_ids));
    }

    std::string missing_options, off_ballot;
    std::vector<std::string> missing_ids, off_ids;
    for (std::size_t i = 0; i < contest.options.size(); ++i) {
      if (!OnBallot(i)) {
        if (seen[line_count + i]) {
          off_ballot = Joined(off_ballot, contest.options[i].id);
          off_ids.push_back(contest.options[i].id);
        }
        continue;
      }
      if (!seen[line_count + i]) {
        missing_options = Joined(missing_options, contest.options[i].id);
        missing_ids.push_back(contest.options[i].id);
      }
    }
    if (!off_ballot.empty()) {
      // The ballot's options, named only in this message (not listed for every protocol).
      std::string on_ballot;
      std::vector<std::string> on_ids;
      for (std::size_t i = 0; i < contest.options.size(); ++i) {
        if (!OnBallot(i)) continue;
        on_ballot = Joined(on_ballot, contest.options[i].id);
        on_ids.push_back(contest.options[i].id);
      }
      Fail("on-ballot",
           "round " + std::to_string(protocol.round) + " of contest '" + contest.id + "' is a vote between " +
               on_ballot + " (the previous round's outcome); not on its ballot: " + off_ballot,
           "off-ballot",
           Listed(Listed({{"round", std::to_string(protocol.round)}, {"contest", contest.id}}, "on", on_ids), "off",
                  off_ids));
    }
    if (!missing_options.empty()) {
      Fail("options-exact", "options of contest '" + contest.id + "' missing: " + missing_options, "missing-options",
           Listed({{"contest", contest.id}}, "option", missing_ids));
    }
    std::string missing_lines;
    std::vector<std::string> missing_line_ids;
    for (int i = 0; i < line_count; ++i) {
      const FormLine& line = form_.lines[i];
      if (line.when_against_all && seen[i] != contest.against_all) {
        if (contest.against_all) {
          Fail("options-exact",
               line.name + " is on the ballot of contest '" + contest.id + "' and missing from the protocol",
               "against-all-missing", {{"line", line.name}, {"contest", contest.id}});
        } else {
          Fail("options-exact", line.name + " is not on the ballot of contest '" + contest.id + "'",
               "against-all-off-ballot", {{"line", line.name}, {"contest", contest.id}});
        }
      }
      if (line.required && !seen[i]) {
        missing_lines = Joined(missing_lines, line.name);
        missing_line_ids.push_back(line.name);
      }
    }
    if (!missing_lines.empty()) {
      Fail("lines-present", "lines missing: " + missing_lines, "missing-lines", Listed({}, "line", missing_line_ids));
    }
  }

  // The form's relations, each evaluated exactly (Int128): no relation is met by a sum that
  // wrapped around.
  void CheckRelations() {
    for (const FormRelation& relation : form_.relations) {
      if (Holds(relation, out_.values, static_cast<int>(form_.lines.size()))) continue;
      Violation violation{relation.name, DescribeViolation(form_, relation, out_.values), "relation",
                          RelationParams(form_, relation, out_.values)};
      (relation.severity == Severity::kWarn ? out_.warnings : out_.violations).push_back(std::move(violation));
    }
  }

 private:
  const ContestPlan& plan_;
  const ProtocolForm& form_;
  CheckedProtocol& out_;
  const std::vector<int>* ballot_;
};

}  // namespace

CheckedProtocol CheckProtocol(const Election& election, const CountingPlan& plan, const ProtocolSubmission& protocol,
                              const std::vector<int>* ballot) {
  CheckedProtocol out;
  out.violations = protocol.read_problems;  // what the reader could not read comes first
  out.contest = plan.FindContest(protocol.contest);
  if (!out.contest.valid()) {
    // A line that was not a record at all names no contest: what the reader said is enough.
    if (protocol.contest.empty() && !protocol.read_problems.empty()) return out;
    out.violations.push_back({"known-contest",
                              "contest '" + protocol.contest + "' is not in election '" + election.id() + "'",
                              "unknown-contest",
                              {{"contest", protocol.contest}, {"election", election.id()}}});
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
    out.violations.push_back(
        {"counting-unit", "unit '" + protocol.unit + "' is not in the election", "unknown-unit", {{"unit", protocol.unit}}});
  } else if (!local.valid() || !contest.counting[local.at()]) {
    out.violations.push_back({"counting-unit",
                              "contest '" + protocol.contest + "' is not counted at unit '" + protocol.unit +
                                  "' (counted at the polling stations under '" + contest.contest->unit + "')",
                              "not-counted-at",
                              {{"contest", protocol.contest}, {"unit", protocol.unit}, {"counted_under", contest.contest->unit}}});
  } else {
    out.station = local;
  }
  if (protocol.round < 1 || protocol.round > contest.max_round) {
    out.violations.push_back({"known-round",
                              "round " + std::to_string(protocol.round) + " does not exist for contest '" +
                                  protocol.contest + "' (rounds 1.." + std::to_string(contest.max_round) + ")",
                              "unknown-round",
                              {{"round", std::to_string(protocol.round)},
                               {"contest", protocol.contest},
                               {"max_round", std::to_string(contest.max_round)}}});
  }
  Checker checker(contest, out, ballot);
  checker.ReadLines(protocol);
  const bool lines_complete = std::none_of(out.violations.begin(), out.violations.end(), [](const Violation& v) {
    return v.relation == "lines-present" || v.relation == "readable-lines";
  });
  if (lines_complete) checker.CheckRelations();  // relations over placeholders would mislead
  return out;
}

std::vector<LineDifference> CompareValues(const ProtocolForm& form, const Contest& contest,
                                          std::span<const std::int64_t> counted,
                                          std::span<const std::int64_t> observed) {
  std::vector<LineDifference> differences;
  for (std::size_t line = 0; line < counted.size() && line < observed.size(); ++line) {
    if (counted[line] == observed[line]) continue;
    differences.push_back({form.NameAt(line, contest.options), counted[line], observed[line]});
  }
  return differences;
}

}  // namespace saylau::core
