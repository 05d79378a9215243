// The party lists' rules in a definition: withdrawals, the list length, and the checks on
// each list with messages naming the file, the line, the party and the rule.
#include "definition_lists.h"

#include <algorithm>

#include "saylau/core/list_seats.h"

namespace saylau::formats::internal {
namespace {

// The [[contests.lists]] table of `party`, for the line of a message (the contest's own
// table when the list is not found).
const toml::table& ListTableOf(const toml::table& contest_table, const std::string& party) {
  if (const toml::array* lists = contest_table.get_as<toml::array>("lists")) {
    for (const toml::node& node : *lists) {
      const toml::table* list = node.as_table();
      if (list == nullptr) continue;
      const auto* id = list->get_as<std::string>("party");
      if (id != nullptr && id->get() == party) return *list;
    }
  }
  return contest_table;
}

}  // namespace

void ReadWithdrawal(TomlReader& reader, const toml::table& table, core::Candidate& candidate) {
  const toml::node* node = table.get("withdrawn");
  if (node == nullptr) return;
  if (node->is_boolean()) {
    candidate.withdrawn = reader.Boolean(table, "withdrawn").value_or(false);
  } else if (node->is_date()) {
    candidate.withdrawn_on = reader.DateValue(table, "withdrawn", false);
    candidate.withdrawn = candidate.withdrawn_on.has_value();
  } else {
    reader.Fail(*node, "withdrawn",
                "candidate '" + candidate.id + "': must be true, false or the date of withdrawal (2023-03-10)");
  }
}

void ReadListLength(TomlReader& reader, const toml::table& contest_table, core::PartyListRules& rules) {
  const toml::table* length = reader.SubTable(contest_table, "list_length", false);
  if (length == nullptr) return;
  reader.CheckKeys(*length, "list_length", {"seats_plus_percent"});
  const std::optional<core::Ratio> percent = reader.RatioValue(*length, "seats_plus_percent", true);
  if (!percent) return;
  if (core::Int128{percent->num} > core::Int128{1000} * percent->den) {
    reader.Fail(reader.NodeOf(*length, "seats_plus_percent"), "seats_plus_percent",
                "is " + core::FormatRatio(*percent) + "; a list may be at most 1000 % longer than the seats");
    return;
  }
  rules.list_length_over_seats_percent = percent;
}

void CheckPartyLists(TomlReader& reader, const toml::table& contest_table, const core::Contest& contest,
                     const core::PartyListRules& rules, const core::Date& election_day) {
  for (const core::Option& option : contest.options) {
    if (option.list.empty()) continue;
    const toml::table& list = ListTableOf(contest_table, option.id);
    for (const core::Finding& finding : core::CheckPartyList(option, rules, election_day)) {
      reader.Fail(reader.NodeOf(list, finding.field), finding.field, finding.message);
    }
    for (const std::string& deputy : option.named_deputies) {
      const auto it = std::find_if(option.list.begin(), option.list.end(),
                                   [&](const core::Candidate& candidate) { return candidate.id == deputy; });
      if (it != option.list.end() && it->withdrawn) {
        reader.Fail(reader.NodeOf(list, "named_deputies"), "named_deputies",
                    "'" + deputy + "' is named a deputy of '" + option.id + "' but has withdrawn from the list");
      }
    }
  }
  for (const core::Finding& finding : core::FindPeopleOnTwoLists(contest)) {
    reader.Fail(reader.NodeOf(ListTableOf(contest_table, finding.subject), finding.field), finding.field,
                finding.message);
  }
}

}  // namespace saylau::formats::internal
