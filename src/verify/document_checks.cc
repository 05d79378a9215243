// The verifier's comparison of every published document with its recomputation from the
// replayed log: totals summed a second way, results and seats, observers' flags, the NIST
// export and the open data CSV byte for byte (written against the file, never held whole),
// and the photos of paper protocols.
#include <fmt/format.h>

#include <fstream>
#include <set>

#include "saylau/base/check.h"
#include "saylau/bundle/documents.h"
#include "saylau/bundle/json_fields.h"
#include "saylau/bundle/nist_export.h"
#include "file_comparison.h"
#include "verifier.h"

namespace saylau::bundle {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string Short(const json& value) {
  std::string text = value.dump();
  return text.size() > 80 ? text.substr(0, 77) + "..." : text;
}

}  // namespace

// Every aggregate total again, as a plain bottom-up sum of the counted stations. The sums are
// kept for the aggregates only (a station's slot is 4 bytes): 800,000 stations of a contest
// 19 values wide took 120 MB as one row a unit.
void Verifier::CheckTotals() {
  CheckLine& line = Check("totals at every level (summed twice)");
  const auto& contests = night_->plan().contests();
  for (std::size_t c = 0; c < contests.size(); ++c) {
    const core::ContestPlan& plan = contests[c];
    std::vector<std::int32_t> row(plan.units.size(), -1);  // an aggregate's row of `sums`
    std::size_t aggregates = 0;
    for (std::size_t local = 0; local < plan.units.size(); ++local) {
      if (!plan.counting[local]) row[local] = static_cast<std::int32_t>(aggregates++);
    }
    for (int round = 1; round <= plan.max_round; ++round) {
      if (!night_->tabulation().HasRound(core::ContestIndex(c), round)) continue;
      std::vector<std::int64_t> sums(aggregates * plan.width, 0);
      for (std::size_t local = 0; local < plan.units.size(); ++local) {
        if (!plan.counting[local] ||
            !night_->tabulation().Reported(core::ContestIndex(c), round, core::LocalUnit(local))) {
          continue;
        }
        const auto values = night_->tabulation().Totals(core::ContestIndex(c), round, core::LocalUnit(local));
        for (int at = plan.parent[local]; at >= 0; at = plan.parent[at]) {
          SAYLAU_CHECK(row[at] >= 0);  // a parent is an aggregate
          for (int v = 0; v < plan.width; ++v) sums[row[at] * plan.width + v] += values[v];
        }
      }
      for (std::size_t local = 0; local < plan.units.size(); ++local) {
        if (plan.counting[local]) continue;
        ++line.checked;
        const auto totals = night_->tabulation().Totals(core::ContestIndex(c), round, core::LocalUnit(local));
        if (!std::equal(totals.begin(), totals.end(), sums.begin() + row[local] * plan.width)) {
          ++line.failed;
          Fail("totals", "contest " + plan.contest->id + " at " + election_->units()[plan.units[local]].id +
                             ": the tabulation and the plain sum of its stations differ");
        }
      }
    }
  }
}

std::optional<json> Verifier::ReadJson(const std::string& name) {
  const std::optional<std::string> text = ReadText(root_ / name);
  if (!text) {
    Fail(name, "missing");
    return std::nullopt;
  }
  json parsed = json::parse(*text, nullptr, false);
  if (parsed.is_discarded()) {
    Fail(name, "not JSON");
    return std::nullopt;
  }
  return parsed;
}


// Every difference between two documents, by JSON pointer.
void Verifier::Differences(const std::string& file, const json& published, const json& recomputed, CheckLine& line) {
  for (const json& op : json::diff(recomputed, published)) {
    ++line.failed;
    const std::string path = op.value("path", "");
    const json::json_pointer pointer(path);
    const std::string was = recomputed.contains(pointer) ? Short(recomputed.at(pointer)) : "nothing";
    const std::string now = published.contains(pointer) ? Short(published.at(pointer)) : "nothing";
    Fail(file + " " + path, "published " + now + ", recomputed " + was);
  }
}

void Verifier::CompareResults() {
  CheckLine& line = Check("results and seats (published = recomputed)");
  std::set<std::string> expected;
  for (const auto& [contest, recomputed] : ResultsDocuments(*night_)) {
    const std::string file = ResultsFileName(contest);
    expected.insert(file);
    ++line.checked;
    std::optional<json> published = ReadJson(file);
    if (!published) {
      ++line.failed;
      continue;
    }
    // Totals by unit, so that a changed figure is named by its unit and line.
    std::map<std::pair<int, std::string>, json> published_totals;
    const json totals = MemberOf(*published, "totals");
    for (const json& row : totals.is_array() ? totals : json::array()) {
      const json round = MemberOf(row, "round"), unit = MemberOf(row, "unit");
      if (!round.is_number_integer() || !unit.is_string()) continue;  // then reported missing below
      published_totals[{round.get<int>(), unit.get<std::string>()}] = row;
    }
    for (const json& row : recomputed["totals"]) {
      const std::pair<int, std::string> key{row["round"].get<int>(), row["unit"].get<std::string>()};
      const auto found = published_totals.find(key);
      const std::string where = fmt::format("{} totals at {} (round {})", file, key.second, key.first);
      if (found == published_totals.end()) {
        ++line.failed;
        Fail(where, "missing from the published results");
        continue;
      }
      for (const auto& [name, value] : row["lines"].items()) {
        const json published_value = MemberOf(MemberOf(found->second, "lines"), name.c_str());
        if (published_value != value) {
          ++line.failed;
          Fail(where,
               fmt::format("line '{}': published {}, recomputed {}", name, Short(published_value), value.dump()));
        }
      }
      if (MemberOf(found->second, "reported") != row["reported"] ||
          MemberOf(found->second, "voters_reported") != row["voters_reported"]) {
        ++line.failed;
        Fail(where, "the count of stations reported differs");
      }
      published_totals.erase(found);
    }
    for (const auto& [key, row] : published_totals) {
      ++line.failed;
      Fail(fmt::format("{} totals at {} (round {})", file, key.second, key.first),
           "published, but nothing was counted there");
    }
    json published_rest = *published, recomputed_rest = recomputed;
    if (published_rest.is_object()) published_rest.erase("totals");
    recomputed_rest.erase("totals");
    Differences(file, published_rest, recomputed_rest, line);
  }
  std::error_code error;
  for (const auto& file : fs::directory_iterator(root_ / "results", error)) {
    const std::string name = "results/" + file.path().filename().string();
    if (!expected.contains(name)) Fail(name, "not a contest of this election");
  }
}

void Verifier::CompareFlags() {
  std::vector<intake::ObserverFlag> flags = observer_copies_.Flags(*night_, [this](const std::string& observer) {
    const auto found = organisation_.find(observer);
    return found == organisation_.end() ? std::string() : found->second;
  });
  std::sort(flags.begin(), flags.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
  for (const intake::ObserverFlag& flag : flags) {
    std::string text =
        fmt::format("station {} ({}): observer '{}' ({})", flag.unit, flag.contest, flag.observer, flag.organisation);
    if (!flag.counted) text += ": no protocol is counted, but the observer has a copy";
    for (const core::LineDifference& d : flag.lines) {
      text += fmt::format("; {}: counted {}, observer's copy {}", d.line, d.counted, d.observed);
    }
    report_.findings.push_back(std::move(text));
  }
  CheckLine& line = Check("observers' flags (published = recomputed)");
  line.checked = static_cast<std::int64_t>(observer_copies_.size());
  line.detail = fmt::format("{} station{} flagged", flags.size(), flags.size() == 1 ? "" : "s");
  std::optional<json> published = ReadJson("observer-flags.json");
  if (!published) return;
  // The published flags are in the service's order; compare as sets of the same records.
  json recomputed = FlagsDocument(flags)["flags"];
  json listed = published->is_object() ? published->value("flags", json::array()) : json::array();
  if (!listed.is_array()) listed = json::array({listed});
  const auto seq = [](const json& flag) {
    return flag.is_object() && flag.contains("seq") && flag["seq"].is_number_integer() ? flag["seq"].get<std::int64_t>()
                                                                                       : std::int64_t{0};
  };
  const auto by_seq = [&](const json& a, const json& b) { return seq(a) < seq(b); };
  std::sort(listed.begin(), listed.end(), by_seq);
  if (listed != recomputed) {
    ++line.failed;
    Differences("observer-flags.json", {{"flags", listed}}, {{"flags", recomputed}}, line);
  }
}

void Verifier::CompareReports() {
  const json recomputed = ReportsDocument(observer_reports_.List([this](const std::string& observer) {
    const auto found = organisation_.find(observer);
    return found == organisation_.end() ? std::string() : found->second;
  }));
  for (const json& report : recomputed["reports"]) {
    report_.findings.push_back(fmt::format(
        "station {} ({}): observer '{}' ({}) reports {} at {}{}", report["unit"].get<std::string>(),
        report["contest"].get<std::string>(), report["observer"].get<std::string>(),
        report["organisation"].get<std::string>(), report["observation"].get<std::string>(),
        report["observed_at"].get<std::string>(),
        report["note"].get<std::string>().empty() ? "" : ": " + report["note"].get<std::string>()));
  }
  CheckLine& line = Check("observers' reports (published = recomputed)");
  line.checked = static_cast<std::int64_t>(observer_reports_.size());
  line.detail = fmt::format("{} report{} without figures", observer_reports_.size(),
                            observer_reports_.size() == 1 ? "" : "s");
  // A bundle from before reports existed has no file; it must then have no report to publish.
  if (observer_reports_.size() == 0 && !fs::exists(root_ / "observer-reports.json")) return;
  std::optional<json> published = ReadJson("observer-reports.json");
  if (!published) {
    ++line.failed;
    return;
  }
  Differences("observer-reports.json", *published, recomputed, line);
}

namespace {

// The value of the first "key": "..." of a file, read a block at a time (the NIST export's
// GeneratedDate and VendorApplicationId, which the recomputation takes as published).
std::map<std::string, std::string> StringFields(const fs::path& path, const std::vector<std::string>& keys) {
  std::map<std::string, std::string> found;
  std::ifstream in(path, std::ios::binary);
  std::string window;
  std::vector<char> block(1 << 20);
  while (in && found.size() < keys.size()) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    window.append(block.data(), static_cast<std::size_t>(in.gcount()));
    const bool last = !in;
    for (const std::string& key : keys) {
      if (found.contains(key)) continue;
      const std::string marker = "\"" + key + "\": \"";
      const std::size_t at = window.find(marker);
      if (at == std::string::npos) continue;
      const std::size_t begin = at + marker.size(), end = window.find('"', begin);
      if (end != std::string::npos) {
        found[key] = window.substr(begin, end - begin);
      } else if (last || window.size() - begin > 4096) {
        found[key] = window.substr(begin, 4096);
      }
    }
    if (window.size() > 8192) window.erase(0, window.size() - 8192);  // a marker may straddle blocks
  }
  return found;
}

}  // namespace

// The export recomputed and written piece by piece against the published file (LazyJson and
// FileComparison): the memory of one element, whatever the number of units. The first
// difference is named by its JSON pointer.
void Verifier::CompareNist() {
  CheckLine& line = Check("NIST SP 1500-100 export (published = recomputed)");
  ++line.checked;
  const std::string name = "open-data/nist-1500-100.json";
  FileComparison published(root_ / name);
  if (!published.opened()) {
    ++line.failed;
    Fail(name, "missing");
    return;
  }
  std::map<std::string, std::string> fields = StringFields(root_ / name, {"GeneratedDate", "VendorApplicationId"});
  LazyJson lazy;
  const json document = NistElectionDocument(lazy, *night_, fields["GeneratedDate"], fields["VendorApplicationId"]);
  if (lazy.Write(document, 1, published, "\n") && published.Finish()) return;
  ++line.failed;
  // The published value at the spot: the rest of its line, without the comma that follows.
  std::string text = published.PublishedBytes(published.chunk_start(), 200);
  text.resize(std::min(text.size(), text.find('\n')));
  if (!text.empty() && text.back() == ',') text.pop_back();
  const json value = json::parse(text, nullptr, false);
  const std::string now = text.empty() ? "nothing" : value.is_discarded() ? "'" + text + "'" : Short(value);
  const std::string was = !lazy.stopped_value().empty() ? Short(json::parse(lazy.stopped_value()))
                          : lazy.pointer().empty() && published.RecomputedLine()
                              ? "'" + published.RecomputedLine()->substr(0, 80) + "'"
                              : "the document's " + std::string(lazy.pointer().empty() ? "end" : "structure");
  Fail(fmt::format("{} {}", name, lazy.pointer().empty() ? fmt::format("byte {}", published.offset()) : lazy.pointer()),
       fmt::format("published {}, recomputed {} (first difference at line {}; the rest is not compared)", now, was,
                   published.line() + 1));
}

// The open data, recomputed from the replayed state and written against the published file;
// the first difference is named by its line.
void Verifier::CompareOpenData() {
  CheckLine& line = Check("open data CSV (published = recomputed)");
  const std::string name = "open-data/protocols.csv";
  ++line.checked;
  FileComparison published(root_ / name);
  if (!published.opened()) {
    ++line.failed;
    Fail(name, "missing");
    return;
  }
  {
    SinkBuffer buffer(published);
    std::ostream out(&buffer);
    const CountedLookup counted = [this](core::ContestIndex c, int round, core::LocalUnit station) {
      return CountedAt(c, round, station);
    };
    (void)WriteOpenDataRows(*election_, *night_, counted, OpenDataFormat::kCsv, out);
  }
  if (published.Finish()) return;
  ++line.failed;
  const std::optional<std::string> theirs = published.PublishedLine(), ours = published.RecomputedLine();
  // From a little before the first byte that differs.
  std::size_t column = 0;
  if (theirs && ours) {
    while (column < theirs->size() && column < ours->size() && (*theirs)[column] == (*ours)[column]) ++column;
  }
  const std::size_t from = column > 40 ? column - 40 : 0;
  const auto shown = [&](const std::optional<std::string>& text) {
    return text ? "'" + std::string(from > 0 ? "…" : "") + text->substr(std::min(from, text->size()), 80) + "'"
                : std::string("nothing");
  };
  Fail(fmt::format("{}:{}", name, published.line() + 1),
       fmt::format("published {}, recomputed {}", shown(theirs), shown(ours)));
}

void Verifier::CheckPhotos() {
  CheckLine& line = Check("photos of paper protocols (named by their SHA-256)");
  std::error_code error;
  PhotoNames present;  // the files' names without their extension
  for (const auto& file : fs::directory_iterator(root_ / "photos", error)) present.Add(file.path().stem().string(), 0);
  photos_.ForEach([&](const std::string& sha256, std::size_t index) {
    ++line.checked;
    if (!present.Contains(sha256)) {
      ++line.failed;
      Fail(Place(kEntries, index), "the protocol names the photo " + sha256 +
                                       " of its paper original, but photos/ "
                                       "has no such file");
    }
  });
  for (const auto& file : fs::directory_iterator(root_ / "photos", error)) {
    ++line.checked;
    const std::optional<std::string> bytes = ReadText(file.path());
    const std::string stem = file.path().stem().string();
    if (!bytes || ledger::ToHex(ledger::Sha256(*bytes)) != stem) {
      ++line.failed;
      Fail("photos/" + file.path().filename().string(), "the file's SHA-256 is not its name");
    }
  }
}

}  // namespace saylau::bundle
