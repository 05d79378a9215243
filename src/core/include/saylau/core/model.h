// The election definition as validated values: units (the geography and commission
// hierarchy), parties, candidates, and contests with their kind-specific rules. Built once
// by a loader (formats/definition_toml.h), immutable afterwards, safe to share across threads.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "saylau/core/allocation.h"
#include "saylau/core/compact_string.h"
#include "saylau/core/compact_vector.h"
#include "saylau/core/id_index.h"
#include "saylau/core/names.h"
#include "saylau/core/protocol_form.h"
#include "saylau/core/ratio.h"
#include "saylau/core/threshold.h"

namespace saylau::core {

enum class UnitKind : std::uint8_t { kCountry, kRegion, kCity, kConstituency, kDistrict, kSettlement, kStation };
std::string_view UnitKindName(UnitKind kind);
std::optional<UnitKind> UnitKindFromName(std::string_view name);

// Whether a polling station serves a town or the countryside (strata for samples).
enum class Settlement : std::uint8_t { kUnknown, kUrban, kRural };
std::string_view SettlementName(Settlement settlement);

// A body elected on the day: a chamber (the Mazhilis, the Kurultai), a council (a
// maslikhat), or akims' offices. Each contest fills seats of one body; a body's composition
// and pages are its own, so a council's seats are never added to a chamber's.
enum class BodyKind { kChamber, kCouncil, kAkim, kOffice };
std::string_view BodyKindName(BodyKind kind);
std::optional<BodyKind> BodyKindFromName(std::string_view name);

struct Body {
  std::string id;
  Names name;
  BodyKind kind = BodyKind::kChamber;
};

// A set of districts drawn for one body (a council's districts, the Mazhilis districts),
// independent of the commission tree: its districts are units of kind district with `map`
// set and no parent, and each polling station names its district of each map.
struct DistrictMap {
  std::string id;
  Names name;
};

// A country has hundreds of thousands of polling stations: the fields that are usually empty
// are CompactStrings (8 bytes, nothing allocated when empty) instead of std::strings (32), the
// lists that are usually empty CompactVectors (8 bytes) instead of std::vectors (24), the names
// CompactStrings (core/names.h) and the kinds one byte each: 160 bytes a unit, was 264.
struct Unit {
  std::string id;
  std::string parent;  // empty for the root and for the districts of a map
  UnitKind kind = UnitKind::kCountry;
  Names name;
  std::optional<std::int64_t> registered_voters;
  CompactString polls_close;  // local "HH:MM", inherited from the parent when empty
  CompactString time_zone;    // IANA zone ("Asia/Almaty"), inherited from the parent when empty
  Settlement settlement = Settlement::kUnknown;  // polling stations: urban or rural
  // Extra columns of the stations CSV (e.g. the station's page "url"), in the file's order:
  // (column name, value); only the non-empty cells. Carried, never interpreted.
  CompactVector<std::pair<std::string, std::string>> attributes;
  CompactString map;  // a district of a map: the map's id (outside the commission tree)
  // Polling stations: (map id, district id), the station's one district of each map.
  CompactVector<std::pair<std::string, std::string>> districts;
};

struct Party {
  std::string id;
  Names name;
  std::string short_name;  // the English (or only) short name: the CLI's, the open data's
  Names short_names;       // in each language (the dashboard's); each empty one is short_name
  int registration_order = 0;  // order of registration by the CEC; lower = earlier
  std::string color;           // "#rrggbb" for charts
};

struct Candidate {
  std::string id;
  Names name;
  std::string party;         // party id, or empty
  std::string nominated_by;  // free text ("self-nominated", a public association)
  std::optional<Date> birth_date;
  std::optional<char> gender;  // 'f' or 'm'
  std::optional<bool> disability;
  // Attributes the presidential eligibility rules check; empty = not given, not checked.
  std::optional<bool> citizen_by_birth;
  std::optional<bool> higher_education;
  std::optional<bool> kazakh_fluent;
  std::optional<int> residence_years;
  std::optional<int> public_service_years;
  std::optional<int> seven_year_terms_served;
  bool placeholder = false;  // stands in for a candidate whose name our sources lack
  // Party lists: withdrawn from the list (before or after the vote, on `withdrawn_on` when
  // known); a withdrawn candidate takes no seat, the next one on the list does.
  bool withdrawn = false;
  std::optional<Date> withdrawn_on;
};

enum class OptionKind { kParty, kCandidate, kYes, kNo };

struct Option {
  std::string id;
  OptionKind kind = OptionKind::kParty;
  Names name;
  std::string party;                        // the party (for a party option, its own id)
  std::optional<int> registration_order;    // parties: for ties by registration
  std::vector<Candidate> list;              // party lists: the registered candidates, in list order
  std::vector<std::string> named_deputies;  // party lists: who took the seats, when known
};

// Share of women, young people and people with disabilities a list (and the party's
// deputies) must reach; one person counts once.
struct ListQuota {
  Ratio share_percent{30, 1};
  int youth_below_age = 29;  // "under 29" on election day
  bool counts_disability = true;
};

enum class RunnerUpRule { kNone, kKz2009 };
std::string_view RunnerUpRuleName(RunnerUpRule rule);

struct PartyListRules {
  int seats = 0;
  Method method = Method::kHare;
  Ratio first_divisor{7, 5};
  Threshold threshold;
  TieRule ties = TieRule::kOrder;
  std::vector<std::string> lot;  // TieRule::kLot: option ids in the order drawn
  RunnerUpRule runner_up = RunnerUpRule::kNone;
  Ratio runner_up_factor{7, 10};
  int runner_up_min_seats = 2;
  std::optional<ListQuota> quota;
  // Longest list the law allows: the seats plus this share of them, rounded up (the Mazhilis:
  // 69 + 30 % = 90 names); none when not given.
  std::optional<Ratio> list_length_over_seats_percent;
};

// One winner by simple plurality (Mazhilis and maslikhat districts, rural akims). A tie for
// first place is reported as unresolved unless a tie rule is configured.
struct PluralityRules {
  ThresholdBase base = ThresholdBase::kValidWithAgainstAll;  // for the shares shown
  TieRule ties = TieRule::kUnresolved;
};

struct PresidentialEligibility {
  int min_age = 40;
  int min_residence_years = 15;
  int min_public_service_years = 5;
  int max_seven_year_terms = 0;  // terms already served that still allow running
  bool requires_citizen_by_birth = true;
  bool requires_higher_education = true;
  bool requires_kazakh = true;
};

// Direct election needing more than `majority_percent` of the base, else a runoff of two.
struct MajorityRunoffRules {
  ThresholdBase base = ThresholdBase::kValidWithAgainstAll;
  Ratio majority_percent{50, 1};
  std::optional<PresidentialEligibility> eligibility;
};

// Indirect election by electors (Senate): quorum, then more than half, else a repeat vote.
struct IndirectMajorityRules {
  std::optional<std::int64_t> electors;  // registered electors; else the count's line
  Ratio quorum_percent{50, 1};
  bool quorum_strict = true;  // more than (true) or at least (false) the quorum share
  ThresholdBase base = ThresholdBase::kValidWithAgainstAll;
  Ratio majority_percent{50, 1};
};

struct ReferendumRules {
  Ratio turnout_percent{50, 1};  // more than this share of registered voters must take part
  Ratio yes_percent{50, 1};      // more than this share of the base must say yes
  ThresholdBase base = ThresholdBase::kTookPart;
  Ratio units_share{2, 3};  // share of qualifying units that must say yes (rounded up)
  bool national_majority = true;
  std::vector<std::string> qualifying_units;
};

using ContestRules =
    std::variant<PartyListRules, PluralityRules, MajorityRunoffRules, IndirectMajorityRules, ReferendumRules>;

// "party_list", "single_member", "plurality", "majority_runoff", "indirect_majority", "referendum"
struct Contest {
  std::string id;
  std::string kind;  // as written in the definition (single_member and plurality share rules)
  Names name;
  std::string unit;  // where the outcome is decided (the constituency, the country ...)
  ContestRules rules;
  std::vector<Option> options;
  bool against_all = false;
  std::string form;  // the protocol form's id; empty: the built-in Kazakh form of its kind
  std::string result_deadline;  // e.g. "P10D" after election day; data, not logic
  std::string body;             // the body whose seats it fills (set by Election: never empty)
  // The commission that certifies the result (its unit's id): the CEC (the root unit) when
  // empty; a city commission for its council, a territorial commission for its akims.
  std::string certified_by;

  std::optional<int> OptionIndex(const std::string& id) const;
};

// The built-in Kazakh form of a contest's kind (data/forms/kz-forms.toml): kz-party-list,
// kz-district (single_member), kz-rural-akim (plurality), kz-president (majority_runoff),
// kz-senate (indirect_majority), kz-referendum; empty for an unknown kind.
std::string_view DefaultFormId(const Contest& contest);

class Election {
 public:
  Election() = default;
  // `forms`: the protocol forms its contests may name (formats::BuiltInForms() and the
  // definition's). A CountingPlan needs every contest's form; outcomes from counts do not.
  Election(std::string id, Names name, Date date, std::vector<Unit> units, std::vector<Party> parties,
           std::vector<Contest> contests, std::vector<ProtocolForm> forms = {});
  // `bodies` empty: one body named like the election (a chamber), holding every contest. A
  // contest naming no body belongs to the first body.
  Election(std::string id, Names name, Date date, std::vector<Unit> units, std::vector<Party> parties,
           std::vector<Contest> contests, std::vector<ProtocolForm> forms, std::vector<Body> bodies,
           std::vector<DistrictMap> maps);
  // The same election with other units (e.g. its stations added).
  Election WithUnits(std::vector<Unit> units) const;
  // The same, with `index` already built over `units` by their ids (the stations' loader's
  // own, not built a second time). REQUIRES: `index` holds each position of `units` under
  // its id and nothing else.
  Election WithUnits(std::vector<Unit> units, IdIndex index) const;

  const std::string& id() const { return id_; }
  const Names& name() const { return name_; }
  const Date& date() const { return date_; }
  const std::vector<Unit>& units() const { return units_; }
  const std::vector<Party>& parties() const { return parties_; }
  const std::vector<Contest>& contests() const { return contests_; }
  // The protocol forms contests may name (the built-in ones and the definition's).
  const std::vector<ProtocolForm>& forms() const { return forms_; }
  const ProtocolForm* FindForm(std::string_view id) const;
  // The bodies elected (at least one when there is a contest) and the district maps.
  const std::vector<Body>& bodies() const { return bodies_; }
  const std::vector<DistrictMap>& maps() const { return maps_; }
  const Body* FindBody(const std::string& id) const;
  // The form of `contest`: the one it names, else DefaultFormId(contest); null when absent.
  const ProtocolForm* FormOf(const Contest& contest) const;

  const Unit* FindUnit(const std::string& id) const;
  int UnitIndex(const std::string& id) const;  // index in units(), -1 when unknown
  const Party* FindParty(const std::string& id) const;
  const Contest* FindContest(const std::string& id) const;
  // The unit whose commission certifies `contest`: its certified_by, else the root unit.
  const std::string& CertifierOf(const Contest& contest) const;
  // True when `ancestor` is `unit` or lies above it.
  bool IsWithin(const std::string& unit, const std::string& ancestor) const;
  // [election] double_entry: the commission's desk has each protocol typed twice, by two
  // operators, before it is signed (data for the desk; the rules of counting ignore it).
  bool double_entry() const { return double_entry_; }
  void set_double_entry(bool on) { double_entry_ = on; }  // the loader, before it is shared

 private:
  std::string id_;
  Names name_;
  Date date_;
  std::vector<Unit> units_;
  std::vector<Party> parties_;
  std::vector<Contest> contests_;
  std::vector<ProtocolForm> forms_;
  std::vector<Body> bodies_;
  std::vector<DistrictMap> maps_;
  IdIndex unit_index_;  // positions in units_ by id
  bool double_entry_ = false;

  void IndexUnits();   // units_ indexed by id (and shrunk when far larger than needed)
  void ShrinkUnits();  // units_ shrunk when far larger than needed (positions unchanged)
};

}  // namespace saylau::core
