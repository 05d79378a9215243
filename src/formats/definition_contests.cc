// The [[contests]] part of a definition: kinds, rule parameters, options and candidates.
#include <algorithm>
#include <map>
#include <set>

#include "definition_internal.h"
#include "definition_lists.h"
#include "saylau/core/eligibility.h"

namespace saylau::formats::internal {
namespace {

// Count lines share the option namespace in count files, so options may not take these ids.
// Count lines (counts CSV and protocols) and protocol CSV columns; options cannot take these ids.
constexpr std::string_view kReservedIds[] = {
    "registered", "took_part",      "invalid",        "both_marked", "against_all", "voters",  "received",
    "issued",     "issued_absentee", "issued_outside", "cancelled",   "found",       "valid",   "contest",
    "unit",       "round",          "commission",     "reason",      "time"};

struct ContestContext {
  TomlReader& reader;
  const toml::table& table;
  const core::Date& date;
  const std::vector<core::Unit>& units;
  const std::vector<core::Party>& parties;
  core::Contest& contest;
};

bool UnitExists(const std::vector<core::Unit>& units, const std::string& id) {
  return std::any_of(units.begin(), units.end(), [&](const core::Unit& unit) { return unit.id == id; });
}

std::optional<core::TieRule> TieRuleFrom(ContestContext& c, core::TieRule fallback) {
  const auto text = c.reader.String(c.table, "tie_break", false);
  if (!text) return fallback;
  if (*text == "registration-order" || *text == "order") return core::TieRule::kOrder;
  if (*text == "lot") return core::TieRule::kLot;
  if (*text == "unresolved") return core::TieRule::kUnresolved;
  c.reader.Fail(c.reader.NodeOf(c.table, "tie_break"), "tie_break",
                "unknown tie rule '" + *text + "' (registration-order, lot, unresolved)");
  return std::nullopt;
}

core::ThresholdBase BaseFrom(ContestContext& c, const toml::table& table, std::string_view key,
                             core::ThresholdBase fallback) {
  const auto text = c.reader.String(table, key, false);
  if (!text) return fallback;
  if (auto base = core::ThresholdBaseFromName(*text)) return *base;
  c.reader.Fail(c.reader.NodeOf(table, key), std::string(key),
                "unknown base '" + *text +
                    "' (valid-with-against-all, took-part, valid-options-only, or a sum of took_part, valid, "
                    "invalid, against_all, both_marked, options such as \"valid + invalid\")");
  return fallback;
}

void CheckPercent(ContestContext& c, const toml::table& table, std::string_view key, const core::Ratio& value) {
  if (core::Int128{value.num} > core::Int128{100} * value.den) {
    c.reader.Fail(c.reader.NodeOf(table, key), std::string(key),
                  "is " + core::FormatRatio(value) + "; a percentage must be between 0 and 100");
  }
}

void AddOption(ContestContext& c, const toml::node& where, core::Option option) {
  for (std::string_view reserved : kReservedIds) {
    if (option.id == reserved) {
      c.reader.Fail(where, "id", "'" + option.id + "' is reserved for a count line; choose another option id");
      return;
    }
  }
  if (c.contest.OptionIndex(option.id)) {
    c.reader.Fail(where, "id", "option '" + option.id + "' is listed twice in contest '" + c.contest.id + "'");
    return;
  }
  c.contest.options.push_back(std::move(option));
}

void ReadCandidates(ContestContext& c) {
  const toml::array* array = c.reader.TableArray(c.table, "candidates", true);
  if (array == nullptr) return;
  for (const toml::node& node : *array) {
    core::Candidate candidate = ReadCandidate(c.reader, *node.as_table());
    if (candidate.withdrawn) {
      c.reader.Fail(c.reader.NodeOf(*node.as_table(), "withdrawn"), "withdrawn",
                    "candidate '" + candidate.id +
                        "': only a party list's candidates can be marked withdrawn; a "
                        "candidate on this ballot is an option of the count");
    }
    if (!candidate.party.empty() && std::none_of(c.parties.begin(), c.parties.end(), [&](const core::Party& party) {
          return party.id == candidate.party;
        })) {
      c.reader.Fail(c.reader.NodeOf(*node.as_table(), "party"), "party",
                    "candidate '" + candidate.id + "' names an unknown party '" + candidate.party + "'");
    }
    if (candidate.id.empty()) continue;
    core::Option option;
    option.id = candidate.id;
    option.kind = core::OptionKind::kCandidate;
    option.name = candidate.name;
    option.party = candidate.party;
    option.list = {candidate};
    AddOption(c, c.reader.NodeOf(*node.as_table(), "id"), std::move(option));
  }
  if (array->empty())
    c.reader.Fail(c.reader.NodeOf(c.table, "candidates"), "candidates", "needs at least one candidate");
}

void ReadPartyLists(ContestContext& c) {
  for (const std::string& party_id : c.reader.StringList(c.table, "options", true)) {
    const auto party =
        std::find_if(c.parties.begin(), c.parties.end(), [&](const core::Party& p) { return p.id == party_id; });
    if (party == c.parties.end()) {
      c.reader.Fail(c.reader.NodeOf(c.table, "options"), "options", "unknown party '" + party_id + "'");
      continue;
    }
    core::Option option;
    option.id = party->id;
    option.kind = core::OptionKind::kParty;
    option.name = party->name;
    option.party = party->id;
    option.registration_order = party->registration_order;
    AddOption(c, c.reader.NodeOf(c.table, "options"), std::move(option));
  }
  if (c.contest.options.empty())
    c.reader.Fail(c.reader.NodeOf(c.table, "options"), "options", "needs at least one party");
  const toml::array* lists = c.reader.TableArray(c.table, "lists", false);
  if (lists == nullptr) return;
  for (const toml::node& node : *lists) {
    const toml::table& list = *node.as_table();
    c.reader.CheckKeys(list, "[[contests.lists]]", {"party", "candidates", "named_deputies"});
    const std::string party = c.reader.String(list, "party", true).value_or("");
    const auto index = c.contest.OptionIndex(party);
    if (!index) {
      c.reader.Fail(c.reader.NodeOf(list, "party"), "party",
                    "list for '" + party + "', which is not an option of this contest");
      continue;
    }
    core::Option& option = c.contest.options[*index];
    if (const toml::array* people = c.reader.TableArray(list, "candidates", true)) {
      std::set<std::string> seen;
      for (const toml::node& person : *people) {
        core::Candidate candidate = ReadCandidate(c.reader, *person.as_table());
        if (!seen.insert(candidate.id).second) {
          c.reader.Fail(c.reader.NodeOf(*person.as_table(), "id"), "id",
                        "candidate '" + candidate.id + "' is listed twice");
        }
        option.list.push_back(std::move(candidate));
      }
    }
    option.named_deputies = c.reader.StringList(list, "named_deputies", false);
    for (const std::string& deputy : option.named_deputies) {
      if (std::none_of(option.list.begin(), option.list.end(),
                       [&](const core::Candidate& x) { return x.id == deputy; })) {
        c.reader.Fail(c.reader.NodeOf(list, "named_deputies"), "named_deputies",
                      "'" + deputy + "' is not on the list of '" + party + "'");
      }
    }
  }
}

void ReadPartyList(ContestContext& c) {
  c.reader.CheckKeys(c.table, "a party_list contest",
                     {"id", "kind", "name", "unit", "against_all", "form", "result_deadline", "certified_by", "body", "notes", "seats", "method",
                      "first_divisor", "threshold", "tie_break", "lot", "runner_up_rule", "runner_up_factor",
                      "runner_up_min_seats", "list_quota", "list_length", "options", "lists"});
  core::PartyListRules rules;
  rules.seats = static_cast<int>(c.reader.Integer(c.table, "seats", true, 1, core::kMaxSeats).value_or(0));
  const std::string method = c.reader.String(c.table, "method", true).value_or("");
  if (auto parsed = core::MethodFromName(method)) {
    rules.method = *parsed;
  } else if (!method.empty()) {
    c.reader.Fail(c.reader.NodeOf(c.table, "method"), "method",
                  "unknown method '" + method +
                      "' (hare, droop, hagenbach-bischoff, imperiali, dhondt, sainte-lague, modified-sainte-lague, "
                      "danish, huntington-hill, adams)");
  }
  if (auto divisor = c.reader.RatioValue(c.table, "first_divisor", false)) {
    if (divisor->num == 0) c.reader.Fail(c.reader.NodeOf(c.table, "first_divisor"), "first_divisor", "must be above 0");
    if (core::Int128{divisor->num} >= core::Int128{3} * divisor->den) {
      c.reader.Fail(c.reader.NodeOf(c.table, "first_divisor"), "first_divisor",
                    "must be below 3, the second divisor of modified Sainte-Laguë (quotients must fall seat by seat)");
    }
    rules.first_divisor = *divisor;
  }
  if (const toml::table* threshold = c.reader.SubTable(c.table, "threshold", false)) {
    c.reader.CheckKeys(*threshold, "threshold", {"percent", "base"});
    rules.threshold.percent = c.reader.RatioValue(*threshold, "percent", true).value_or(core::Ratio{0, 1});
    CheckPercent(c, *threshold, "percent", rules.threshold.percent);
    rules.threshold.base = BaseFrom(c, *threshold, "base", core::ThresholdBase::kValidWithAgainstAll);
  } else {
    rules.threshold.percent = {0, 1};
  }
  rules.ties = TieRuleFrom(c, core::TieRule::kOrder).value_or(core::TieRule::kOrder);
  rules.lot = c.reader.StringList(c.table, "lot", false);
  if (const auto runner_up = c.reader.String(c.table, "runner_up_rule", false)) {
    if (*runner_up == "kz2009") {
      rules.runner_up = core::RunnerUpRule::kKz2009;
    } else if (*runner_up != "none") {
      c.reader.Fail(c.reader.NodeOf(c.table, "runner_up_rule"), "runner_up_rule",
                    "unknown rule '" + *runner_up + "' (none, kz2009)");
    }
  }
  if (auto factor = c.reader.RatioValue(c.table, "runner_up_factor", false)) rules.runner_up_factor = *factor;
  if (auto minimum = c.reader.Integer(c.table, "runner_up_min_seats", false, 0, core::kMaxSeats)) {
    rules.runner_up_min_seats = static_cast<int>(*minimum);
  }
  if (const toml::table* quota = c.reader.SubTable(c.table, "list_quota", false)) {
    c.reader.CheckKeys(*quota, "list_quota", {"share_percent", "youth_below_age", "counts_disability"});
    core::ListQuota list_quota;
    list_quota.share_percent = c.reader.RatioValue(*quota, "share_percent", true).value_or(core::Ratio{30, 1});
    CheckPercent(c, *quota, "share_percent", list_quota.share_percent);
    list_quota.youth_below_age =
        static_cast<int>(c.reader.Integer(*quota, "youth_below_age", false, 0, 150).value_or(29));
    list_quota.counts_disability = c.reader.Boolean(*quota, "counts_disability").value_or(true);
    rules.quota = list_quota;
  }
  ReadListLength(c.reader, c.table, rules);
  ReadPartyLists(c);
  CheckPartyLists(c.reader, c.table, c.contest, rules, c.date);
  if (rules.ties == core::TieRule::kLot) {
    for (const core::Option& option : c.contest.options) {
      if (std::find(rules.lot.begin(), rules.lot.end(), option.id) == rules.lot.end()) {
        c.reader.Fail(c.reader.NodeOf(c.table, "lot"), "lot", "the recorded lot does not place '" + option.id + "'");
      }
    }
  }
  c.contest.rules = std::move(rules);
}

void ReadPlurality(ContestContext& c) {
  c.reader.CheckKeys(
      c.table, "a " + c.contest.kind + " contest",
      {"id", "kind", "name", "unit", "against_all", "form", "result_deadline", "certified_by", "body", "notes", "candidates", "tie_break", "base"});
  core::PluralityRules rules;
  rules.base = BaseFrom(c, c.table, "base", core::ThresholdBase::kValidWithAgainstAll);
  rules.ties = TieRuleFrom(c, core::TieRule::kUnresolved).value_or(core::TieRule::kUnresolved);
  if (rules.ties == core::TieRule::kLot) {
    c.reader.Fail(c.reader.NodeOf(c.table, "tie_break"), "tie_break", "a lot is not supported for candidates yet");
  }
  ReadCandidates(c);
  c.contest.rules = rules;
}

void ReadMajorityRunoff(ContestContext& c) {
  c.reader.CheckKeys(c.table, "a majority_runoff contest",
                     {"id", "kind", "name", "unit", "against_all", "form", "result_deadline", "certified_by", "body", "notes", "candidates",
                      "majority_base", "majority_percent", "eligibility"});
  core::MajorityRunoffRules rules;
  rules.base = BaseFrom(c, c.table, "majority_base", core::ThresholdBase::kValidWithAgainstAll);
  if (auto percent = c.reader.RatioValue(c.table, "majority_percent", false)) {
    CheckPercent(c, c.table, "majority_percent", *percent);
    rules.majority_percent = *percent;
  }
  if (const auto eligibility = c.reader.String(c.table, "eligibility", false)) {
    if (*eligibility == "president") {
      rules.eligibility = core::PresidentialEligibility{};
    } else if (*eligibility != "none") {
      c.reader.Fail(c.reader.NodeOf(c.table, "eligibility"), "eligibility",
                    "unknown rules '" + *eligibility + "' (president, none)");
    }
  }
  ReadCandidates(c);
  if (rules.eligibility) {
    const toml::array* array = c.table.get_as<toml::array>("candidates");
    for (std::size_t i = 0; i < c.contest.options.size(); ++i) {
      const core::Candidate& candidate = c.contest.options[i].list.front();
      for (const core::Finding& finding : core::CheckPresidentialEligibility(candidate, *rules.eligibility, c.date)) {
        const toml::table& where = *array->get(i)->as_table();
        c.reader.Fail(c.reader.NodeOf(where, finding.field), finding.field,
                      "candidate '" + candidate.id + "' is not eligible: " + finding.message);
      }
    }
  }
  c.contest.rules = rules;
}

void ReadIndirectMajority(ContestContext& c) {
  c.reader.CheckKeys(c.table, "an indirect_majority contest",
                     {"id", "kind", "name", "unit", "against_all", "form", "result_deadline", "certified_by", "body", "notes", "candidates", "electors",
                      "quorum", "majority_base", "majority_percent"});
  core::IndirectMajorityRules rules;
  rules.electors = c.reader.Integer(c.table, "electors", false, 1, 1'000'000);
  if (const toml::table* quorum = c.reader.SubTable(c.table, "quorum", false)) {
    c.reader.CheckKeys(*quorum, "quorum", {"percent", "rule"});
    rules.quorum_percent = c.reader.RatioValue(*quorum, "percent", true).value_or(core::Ratio{50, 1});
    CheckPercent(c, *quorum, "percent", rules.quorum_percent);
    const std::string rule = c.reader.String(*quorum, "rule", false).value_or("more-than");
    if (rule == "at-least") {
      rules.quorum_strict = false;
    } else if (rule != "more-than") {
      c.reader.Fail(c.reader.NodeOf(*quorum, "rule"), "rule",
                    "unknown quorum rule '" + rule + "' (more-than, at-least)");
    }
  }
  rules.base = BaseFrom(c, c.table, "majority_base", core::ThresholdBase::kValidWithAgainstAll);
  if (auto percent = c.reader.RatioValue(c.table, "majority_percent", false)) {
    CheckPercent(c, c.table, "majority_percent", *percent);
    rules.majority_percent = *percent;
  }
  ReadCandidates(c);
  c.contest.rules = rules;
}

void ReadReferendum(ContestContext& c) {
  c.reader.CheckKeys(
      c.table, "a referendum contest",
      {"id", "kind", "name", "unit", "against_all", "form", "result_deadline", "certified_by", "body", "notes", "question", "turnout_percent",
       "yes_percent", "base", "units_share", "national_majority", "qualifying_units"});
  core::ReferendumRules rules;
  (void)c.reader.NamesValue(c.table, "question", false);
  if (auto percent = c.reader.RatioValue(c.table, "turnout_percent", false)) {
    CheckPercent(c, c.table, "turnout_percent", *percent);
    rules.turnout_percent = *percent;
  }
  if (auto percent = c.reader.RatioValue(c.table, "yes_percent", false)) {
    CheckPercent(c, c.table, "yes_percent", *percent);
    rules.yes_percent = *percent;
  }
  rules.base = BaseFrom(c, c.table, "base", core::ThresholdBase::kTookPart);
  if (auto share = c.reader.RatioValue(c.table, "units_share", false)) {
    if (share->num > share->den)
      c.reader.Fail(c.reader.NodeOf(c.table, "units_share"), "units_share", "must be at most 1");
    rules.units_share = *share;
  }
  rules.national_majority = c.reader.Boolean(c.table, "national_majority").value_or(true);
  rules.qualifying_units = c.reader.StringList(c.table, "qualifying_units", false);
  if (!c.table.contains("qualifying_units")) {
    for (const core::Unit& unit : c.units) {
      if (unit.parent == c.contest.unit) rules.qualifying_units.push_back(unit.id);
    }
  }
  for (const std::string& unit : rules.qualifying_units) {
    const auto it = std::find_if(c.units.begin(), c.units.end(), [&](const core::Unit& u) { return u.id == unit; });
    if (it == c.units.end() || it->parent != c.contest.unit) {
      c.reader.Fail(c.reader.NodeOf(c.table, "qualifying_units"), "qualifying_units",
                    "'" + unit + "' is not a unit directly under '" + c.contest.unit + "'");
    }
  }
  c.contest.options.push_back({.id = "yes", .kind = core::OptionKind::kYes, .name = {"Иә", "Да", "Yes"}});
  c.contest.options.push_back({.id = "no", .kind = core::OptionKind::kNo, .name = {"Жоқ", "Нет", "No"}});
  c.contest.rules = std::move(rules);
}

// The contest's form exists, carries "against all" when the ballot does, and names no line
// like one of the contest's options.
void CheckForm(TomlReader& reader, const toml::table& table, const std::vector<core::ProtocolForm>& forms,
               const core::Contest& contest) {
  const std::string_view id = contest.form.empty() ? core::DefaultFormId(contest) : std::string_view(contest.form);
  const auto found = std::find_if(forms.begin(), forms.end(), [&](const core::ProtocolForm& f) { return f.id == id; });
  if (found == forms.end()) {
    if (!id.empty()) {
      reader.Fail(reader.NodeOf(table, "form"), "form",
                  "contest '" + contest.id + "' names form '" + std::string(id) + "', which is not defined");
    }
    return;
  }
  if (contest.against_all && found->against_all < 0) {
    reader.Fail(reader.NodeOf(table, "against_all"), "against_all",
                "contest '" + contest.id + "' has against_all on its ballot, but form '" + found->id +
                    "' has no against-all line");
  }
  for (const core::Option& option : contest.options) {
    if (found->IndexOf(option.id) >= 0) {
      reader.Fail(reader.NodeOf(table, "form"), "form",
                  "option '" + option.id + "' of contest '" + contest.id + "' is named like a line of form '" +
                      found->id + "'");
    }
  }
}

}  // namespace

core::Candidate ReadCandidate(TomlReader& reader, const toml::table& table) {
  reader.CheckKeys(table, "a candidate",
                   {"id", "name", "party", "nominated_by", "birth_date", "gender", "disability", "citizen_by_birth",
                    "higher_education", "kazakh_fluent", "residence_years", "public_service_years",
                    "seven_year_terms_served", "notes", "placeholder", "withdrawn"});
  core::Candidate candidate;
  candidate.id = reader.String(table, "id", true).value_or("");
  candidate.name = reader.NamesValue(table, "name", true);
  candidate.party = reader.String(table, "party", false).value_or("");
  candidate.nominated_by = reader.String(table, "nominated_by", false).value_or("");
  candidate.birth_date = reader.DateValue(table, "birth_date", false);
  if (const auto gender = reader.String(table, "gender", false)) {
    if (*gender == "f" || *gender == "m") {
      candidate.gender = (*gender)[0];
    } else {
      reader.Fail(reader.NodeOf(table, "gender"), "gender", "must be \"f\" or \"m\"");
    }
  }
  candidate.disability = reader.Boolean(table, "disability");
  candidate.citizen_by_birth = reader.Boolean(table, "citizen_by_birth");
  candidate.higher_education = reader.Boolean(table, "higher_education");
  candidate.kazakh_fluent = reader.Boolean(table, "kazakh_fluent");
  candidate.placeholder = reader.Boolean(table, "placeholder").value_or(false);
  (void)reader.String(table, "notes", false);
  const auto years = [&](std::string_view key) -> std::optional<int> {
    if (auto value = reader.Integer(table, key, false, 0, 150)) return static_cast<int>(*value);
    return std::nullopt;
  };
  candidate.residence_years = years("residence_years");
  candidate.public_service_years = years("public_service_years");
  candidate.seven_year_terms_served = years("seven_year_terms_served");
  ReadWithdrawal(reader, table, candidate);
  return candidate;
}

// certified_by names the commission of the contest's unit or of a unit above it.
void CheckCertifier(TomlReader& reader, const toml::table& table, const std::vector<core::Unit>& units,
                    const core::Contest& contest) {
  const auto find = [&units](const std::string& id) {
    return std::find_if(units.begin(), units.end(), [&id](const core::Unit& unit) { return unit.id == id; });
  };
  if (find(contest.certified_by) == units.end()) {
    reader.Fail(reader.NodeOf(table, "certified_by"), "certified_by",
                "contest '" + contest.id + "' is certified by unit '" + contest.certified_by +
                    "', which does not exist");
    return;
  }
  // A district of a map (a council's) is outside the tree: its stations, in the stations file,
  // lie under the commissions that certify it, which the tree alone cannot show here.
  if (const auto district = find(contest.unit); district != units.end() && !district->map.empty()) return;
  std::string at = contest.unit;
  for (std::size_t steps = 0; !at.empty() && steps <= units.size(); ++steps) {
    if (at == contest.certified_by) return;
    const auto unit = find(at);
    at = unit == units.end() ? "" : unit->parent;
  }
  reader.Fail(reader.NodeOf(table, "certified_by"), "certified_by",
              "contest '" + contest.id + "' is counted over '" + contest.unit + "'; the commission of '" +
                  contest.certified_by + "' is not at or above it and cannot certify it");
}

std::vector<core::Contest> ReadContests(TomlReader& reader, const toml::table& root, const core::Date& date,
                                        const std::vector<core::Unit>& units, const std::vector<core::Party>& parties,
                                        const std::vector<core::ProtocolForm>& forms) {
  std::vector<core::Contest> contests;
  const toml::array* array = reader.TableArray(root, "contests", true);
  if (array == nullptr) return contests;
  std::set<std::string> ids;
  for (const toml::node& node : *array) {
    const toml::table& table = *node.as_table();
    core::Contest contest;
    contest.id = reader.String(table, "id", true).value_or("");
    contest.kind = reader.String(table, "kind", true).value_or("");
    contest.name = reader.NamesValue(table, "name", true);
    contest.unit = reader.String(table, "unit", true).value_or("");
    contest.against_all = reader.Boolean(table, "against_all").value_or(false);
    contest.form = reader.String(table, "form", false).value_or("");
    contest.result_deadline = reader.String(table, "result_deadline", false).value_or("");
    contest.certified_by = reader.String(table, "certified_by", false).value_or("");
    contest.body = reader.String(table, "body", false).value_or("");  // checked in definition_bodies.cc
    (void)reader.String(table, "notes", false);
    if (!contest.unit.empty() && !UnitExists(units, contest.unit)) {
      reader.Fail(reader.NodeOf(table, "unit"), "unit",
                  "contest '" + contest.id + "' is counted over unit '" + contest.unit + "', which does not exist");
    } else if (!contest.certified_by.empty()) {
      CheckCertifier(reader, table, units, contest);
    }
    if (!contest.id.empty() && !ids.insert(contest.id).second) {
      reader.Fail(reader.NodeOf(table, "id"), "id", "duplicate contest id '" + contest.id + "'");
    }
    ContestContext context{reader, table, date, units, parties, contest};
    if (contest.kind == "party_list") {
      ReadPartyList(context);
    } else if (contest.kind == "single_member" || contest.kind == "plurality") {
      ReadPlurality(context);
    } else if (contest.kind == "majority_runoff") {
      ReadMajorityRunoff(context);
    } else if (contest.kind == "indirect_majority") {
      ReadIndirectMajority(context);
    } else if (contest.kind == "referendum") {
      ReadReferendum(context);
    } else if (!contest.kind.empty()) {
      reader.Fail(reader.NodeOf(table, "kind"), "kind",
                  "unknown contest kind '" + contest.kind +
                      "' (party_list, single_member, plurality, majority_runoff, indirect_majority, referendum)");
    }
    if (!contest.kind.empty()) CheckForm(reader, table, forms, contest);
    contests.push_back(std::move(contest));
  }
  return contests;
}

}  // namespace saylau::formats::internal
