#include "saylau/core/model.h"

#include <array>
#include <utility>

namespace saylau::core {
namespace {

constexpr std::array<std::pair<UnitKind, std::string_view>, 7> kUnitKinds = {{
    {UnitKind::kCountry, "country"},
    {UnitKind::kRegion, "region"},
    {UnitKind::kCity, "city"},
    {UnitKind::kConstituency, "constituency"},
    {UnitKind::kDistrict, "district"},
    {UnitKind::kSettlement, "settlement"},
    {UnitKind::kStation, "station"},
}};

}  // namespace

std::string_view UnitKindName(UnitKind kind) {
  for (const auto& [value, name] : kUnitKinds) {
    if (value == kind) return name;
  }
  SAYLAU_CHECK(false);
  return {};
}

std::optional<UnitKind> UnitKindFromName(std::string_view name) {
  for (const auto& [value, text] : kUnitKinds) {
    if (text == name) return value;
  }
  return std::nullopt;
}

std::string_view RunnerUpRuleName(RunnerUpRule rule) { return rule == RunnerUpRule::kNone ? "none" : "kz2009"; }

std::optional<int> Contest::OptionIndex(const std::string& option_id) const {
  for (std::size_t i = 0; i < options.size(); ++i) {
    if (options[i].id == option_id) return static_cast<int>(i);
  }
  return std::nullopt;
}

Election::Election(std::string id, Names name, Date date, std::vector<Unit> units, std::vector<Party> parties,
                   std::vector<Contest> contests, std::vector<ProtocolForm> forms)
    : Election(std::move(id), std::move(name), date, std::move(units), std::move(parties), std::move(contests),
               std::move(forms), {}, {}) {}

Election::Election(std::string id, Names name, Date date, std::vector<Unit> units, std::vector<Party> parties,
                   std::vector<Contest> contests, std::vector<ProtocolForm> forms, std::vector<Body> bodies,
                   std::vector<DistrictMap> maps)
    : id_(std::move(id)),
      name_(std::move(name)),
      date_(date),
      units_(std::move(units)),
      parties_(std::move(parties)),
      contests_(std::move(contests)),
      forms_(std::move(forms)),
      bodies_(std::move(bodies)),
      maps_(std::move(maps)) {
  IndexUnits();
  // One body by default (the election's own chamber); a contest naming none is in the first.
  if (bodies_.empty() && !contests_.empty()) bodies_.push_back({id_, name_, BodyKind::kChamber});
  for (Contest& contest : contests_) {
    if (contest.body.empty()) contest.body = bodies_.front().id;
  }
}

Election Election::WithUnits(std::vector<Unit> units) const {
  Election copy = *this;
  copy.units_ = std::move(units);
  copy.IndexUnits();
  return copy;
}

Election Election::WithUnits(std::vector<Unit> units, IdIndex index) const {
  SAYLAU_CHECK(index.size() == units.size());
  Election copy = *this;
  copy.units_ = std::move(units);
  copy.unit_index_ = std::move(index);
  copy.ShrinkUnits();
  return copy;
}

void Election::ShrinkUnits() {
  // A vector grown by push_back may hold twice its units: shrink that one (a copy, but once).
  // One reserved to its size (the stations' loader) is left alone: its copy would double the
  // peak (at 800,000 stations 211 MB more).
  if (units_.capacity() - units_.size() > units_.size() / 8 + 16) units_.shrink_to_fit();
}

void Election::IndexUnits() {
  ShrinkUnits();
  unit_index_.Build(units_.size(), [this](std::size_t at) -> const std::string& { return units_[at].id; });
}

const Body* Election::FindBody(const std::string& body_id) const {
  for (const Body& body : bodies_) {
    if (body.id == body_id) return &body;
  }
  return nullptr;
}

std::string_view BodyKindName(BodyKind kind) {
  switch (kind) {
    case BodyKind::kChamber: return "chamber";
    case BodyKind::kCouncil: return "council";
    case BodyKind::kAkim: return "akim";
    case BodyKind::kOffice: return "office";
  }
  return "";
}

std::optional<BodyKind> BodyKindFromName(std::string_view name) {
  for (BodyKind kind : {BodyKind::kChamber, BodyKind::kCouncil, BodyKind::kAkim, BodyKind::kOffice}) {
    if (BodyKindName(kind) == name) return kind;
  }
  return std::nullopt;
}

int Election::UnitIndex(const std::string& unit_id) const {
  // Protocol and turnout files list stations in the order of the stations file: the unit after
  // the one this thread found last is tried first. That is one read of a unit next to the last,
  // where the index costs two cache misses (its slot, then the unit) at 800,000 stations: ~0.3 s
  // of a bulk ingest's judging. Only when every id is indexed (no id repeated), so that the
  // answer is always the index's.
  thread_local const Election* hinted = nullptr;
  thread_local std::size_t next = 0;
  if (hinted == this && next < units_.size() && units_[next].id == unit_id && unit_index_.size() == units_.size()) {
    return static_cast<int>(next++);
  }
  const int at = unit_index_.Find(unit_id, [this](std::size_t i) -> const std::string& { return units_[i].id; });
  if (at >= 0) {
    hinted = this;
    next = static_cast<std::size_t>(at) + 1;
  }
  return at;
}

std::string_view SettlementName(Settlement settlement) {
  switch (settlement) {
    case Settlement::kUrban: return "urban";
    case Settlement::kRural: return "rural";
    case Settlement::kUnknown: break;
  }
  return "";
}

const Unit* Election::FindUnit(const std::string& unit_id) const {
  const int at = UnitIndex(unit_id);
  return at < 0 ? nullptr : &units_[at];
}

const Party* Election::FindParty(const std::string& party_id) const {
  for (const Party& party : parties_) {
    if (party.id == party_id) return &party;
  }
  return nullptr;
}

std::string_view DefaultFormId(const Contest& contest) {
  if (contest.kind == "party_list") return "kz-party-list";
  if (contest.kind == "single_member") return "kz-district";
  if (contest.kind == "plurality") return "kz-rural-akim";
  if (contest.kind == "majority_runoff") return "kz-president";
  if (contest.kind == "indirect_majority") return "kz-senate";
  if (contest.kind == "referendum") return "kz-referendum";
  return {};
}

const ProtocolForm* Election::FindForm(std::string_view form_id) const {
  for (const ProtocolForm& form : forms_) {
    if (form.id == form_id) return &form;
  }
  return nullptr;
}

const ProtocolForm* Election::FormOf(const Contest& contest) const {
  return FindForm(contest.form.empty() ? DefaultFormId(contest) : std::string_view(contest.form));
}

const Contest* Election::FindContest(const std::string& contest_id) const {
  for (const Contest& contest : contests_) {
    if (contest.id == contest_id) return &contest;
  }
  return nullptr;
}

const std::string& Election::CertifierOf(const Contest& contest) const {
  static const std::string kNone;
  if (!contest.certified_by.empty()) return contest.certified_by;
  return units_.empty() ? kNone : units_.front().id;  // the root: the Central Election Commission
}

bool Election::IsWithin(const std::string& unit, const std::string& ancestor) const {
  const Unit* current = FindUnit(unit);
  // The loader guarantees a tree; the bound only guards against a broken invariant.
  for (std::size_t steps = 0; current != nullptr && steps <= units_.size(); ++steps) {
    if (current->id == ancestor) return true;
    if (current->parent.empty()) return false;
    current = FindUnit(current->parent);
  }
  return false;
}

}  // namespace saylau::core
