// Tests of the stations CSV: commissions between the definition and the stations declared as
// rows of their own (a country's territorial commissions), each before its stations.
#include "saylau/formats/stations_csv.h"

#include <gtest/gtest.h>

#include <random>

#include "saylau/core/counting_plan.h"
#include "saylau/formats/definition_toml.h"
#include "stations_csv_internal.h"

namespace saylau::formats {
namespace {

core::Election Night() {
  Result<core::Election> election = LoadDefinition(std::string(SAYLAU_SOURCE_DIR) + "/tests/data/good/night.toml");
  EXPECT_TRUE(election) << election.error().message;
  return std::move(*election);
}

TEST(StationsCsvTest, ACommissionDeclaredInTheFileCarriesTheStationsBelowIt) {
  const core::Election night = Night();
  const std::string stations =
      "id,parent,registered_voters,kind,name_ru\n"
      "t1,d1,,district,ТИК 1\n"
      "t1-a,t1,700,station,\n"
      "t1-b,t1,300,,\n"
      "s9,d1,500,station,\n";
  Result<core::Election> added = AddStations(night, stations, "st.csv");
  ASSERT_TRUE(added) << added.error().message;
  const core::Unit* commission = added->FindUnit("t1");
  ASSERT_NE(commission, nullptr);
  EXPECT_EQ(commission->kind, core::UnitKind::kDistrict);
  EXPECT_EQ(commission->parent, "d1");
  EXPECT_EQ(commission->name.ru, "ТИК 1");
  EXPECT_EQ(added->FindUnit("t1-b")->kind, core::UnitKind::kStation);
  // Counted at the stations below it: the commission is not a leaf, its voters are theirs.
  const core::CountingPlan plan(*added);
  const core::GlobalUnit t1 = plan.FindUnit("t1");
  ASSERT_TRUE(t1.valid());
  EXPECT_FALSE(plan.IsLeaf(t1));
  EXPECT_EQ(plan.LeavesBelow(t1), 2);
  EXPECT_EQ(plan.VotersBelow(t1), 1000);
  EXPECT_TRUE(plan.MayActFor("t1", plan.FindUnit("t1-a")));
  EXPECT_FALSE(plan.MayActFor("t1", plan.FindUnit("s9")));
}

TEST(StationsCsvTest, ACommissionMustComeBeforeItsStationsAndAStationNeedsItsVoters) {
  const core::Election night = Night();
  const std::string stations =
      "id,parent,registered_voters,kind\n"
      "t1-a,t1,700,station\n"
      "t1,d1,,district\n"
      "s9,d1,,station\n"
      "t2,nowhere,,district\n";
  Result<core::Election> added = AddStations(night, stations, "st.csv");
  ASSERT_FALSE(added);
  const std::string& message = added.error().message;
  EXPECT_NE(message.find("st.csv:2: parent: 't1' is not a unit of the definition nor of an earlier row"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("st.csv:4: registered_voters: must be a whole number"), std::string::npos) << message;
  EXPECT_NE(message.find("st.csv:5: parent: 'nowhere'"), std::string::npos) << message;
  EXPECT_EQ(message.find("st.csv:3:"), std::string::npos) << message;  // the commission itself is fine
}

TEST(StationsCsvTest, ExtraColumnsBecomeTheUnitsAttributesInTheirOrder) {
  const core::Election night = Night();
  const std::string stations =
      "url,id,parent,registered_voters,kind,electronic\n"
      "http://cec.example/t1,t1,d1,,district,\n"
      "http://cec.example/a,t1-a,t1,700,station,yes\n"
      ",t1-b,t1,300,,no\n";
  Result<core::Election> added = AddStations(night, stations, "st.csv");
  ASSERT_TRUE(added) << added.error().message;
  using Attributes = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(added->FindUnit("t1")->attributes, (Attributes{{"url", "http://cec.example/t1"}}));
  EXPECT_EQ(added->FindUnit("t1-a")->attributes,
            (Attributes{{"url", "http://cec.example/a"}, {"electronic", "yes"}}));
  EXPECT_EQ(added->FindUnit("t1-b")->attributes, (Attributes{{"electronic", "no"}}));  // empty cells are left out
  EXPECT_TRUE(added->FindUnit("d1")->attributes.empty());
}

TEST(StationsCsvTest, AnAttributeMustBeCleanTextAndItsColumnNamedOnce) {
  const core::Election night = Night();
  Result<core::Election> bad_value =
      AddStations(night, "id,parent,registered_voters,url\ns1,d1,5,\xCF\xE5\n", "st.csv");
  ASSERT_FALSE(bad_value);
  EXPECT_NE(bad_value.error().message.find("st.csv:2: url: not UTF-8 at byte 1"), std::string::npos)
      << bad_value.error().message;
  Result<core::Election> twice = AddStations(night, "id,parent,registered_voters,url,url\ns1,d1,5,a,b\n", "st.csv");
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().message.find("st.csv:1: url: the header names this column twice"), std::string::npos)
      << twice.error().message;
}

// Two threads from the first byte on: every file below is split.
constexpr StationsReading kTwoThreads{.threads = 2, .parallel_bytes = 0};
constexpr StationsReading kOneThread{.threads = 1};
constexpr std::string_view kManyHeader =
    "id,parent,registered_voters,kind,settlement,name_kk,name_ru,name_en,url,map:astana-council\n";

core::Election CalendarNight() {
  Result<core::Election> election =
      LoadDefinition(std::string(SAYLAU_SOURCE_DIR) + "/tests/data/good/calendar-night.toml");
  EXPECT_TRUE(election) << election.error().message;
  return std::move(*election);
}

// `commissions` commissions under astana-1 with `per` stations each: Cyrillic and quoted names,
// an attribute and a map's district now and then, CRLF line ends; blank lines if `blank_lines`.
std::string ManyStations(int commissions, int per, bool blank_lines) {
  std::string text(kManyHeader);
  for (int c = 0; c < commissions; ++c) {
    const std::string commission = "t" + std::to_string(c);
    text += commission + ",astana-1,,district,,ТИК " + std::to_string(c) + ",\"ТИК, " + std::to_string(c) + "\",,,\n";
    for (int s = 0; s < per; ++s) {
      const std::string n = std::to_string(c * per + s);
      text += commission + "-" + std::to_string(s) + "," + commission + "," + std::to_string(100 + s) + "," +
              (s % 6 == 0 ? "" : "station") + "," + (s % 2 == 0 ? "urban" : "rural") + ",Сайлау учаскесі №" + n +
              ",Избирательный участок №" + n + ",Station " + n + "," + (s % 3 == 0 ? "http://cec.example/" + n : "") +
              "," + (s % 4 == 0 ? "astana-c-1" : "") + (s % 5 == 0 ? "\r\n" : "\n");
      if (blank_lines && s % 7 == 0) text += "\n";
    }
  }
  return text;
}

void ExpectSameUnits(const core::Election& one, const core::Election& two) {
  ASSERT_EQ(one.units().size(), two.units().size());
  for (std::size_t i = 0; i < one.units().size(); ++i) {
    const core::Unit& a = one.units()[i];
    const core::Unit& b = two.units()[i];
    EXPECT_EQ(a.id, b.id) << i;
    EXPECT_EQ(a.parent, b.parent) << a.id;
    EXPECT_EQ(a.kind, b.kind) << a.id;
    EXPECT_EQ(a.name.kk, b.name.kk) << a.id;
    EXPECT_EQ(a.name.ru, b.name.ru) << a.id;
    EXPECT_EQ(a.name.en, b.name.en) << a.id;
    EXPECT_EQ(a.registered_voters, b.registered_voters) << a.id;
    EXPECT_EQ(a.settlement, b.settlement) << a.id;
    EXPECT_EQ(a.attributes, b.attributes) << a.id;
    EXPECT_EQ(a.districts, b.districts) << a.id;
    EXPECT_EQ(a.map, b.map) << a.id;
    EXPECT_EQ(two.UnitIndex(b.id), static_cast<int>(i)) << b.id;
  }
}

// The error of reading `text` on one thread, and that reading it on two gave the same.
std::string SameErrorOnBothReadings(const core::Election& election, const std::string& text) {
  Result<core::Election> one = AddStations(election, text, "st.csv", kOneThread);
  internal::StationsRead two = internal::ReadStations(election, text, "st.csv", kTwoThreads);
  EXPECT_FALSE(one);
  EXPECT_FALSE(two.election);
  EXPECT_EQ(two.threads, 1);  // read again on one thread, for the messages
  if (one || two.election) return {};
  EXPECT_EQ(one.error().message, two.election.error().message);
  return one.error().message;
}

TEST(StationsCsvTest, TwoThreadsReadTheSameUnitsAsOne) {
  const core::Election night = CalendarNight();
  for (const bool blank_lines : {false, true}) {
    for (const std::string& text :
         {ManyStations(40, 50, blank_lines), ManyStations(3, 7, blank_lines) + "t9,t0,5,,,,,,,"}) {
      Result<core::Election> one = AddStations(night, text, "st.csv", kOneThread);
      ASSERT_TRUE(one) << one.error().message;
      internal::StationsRead two = internal::ReadStations(night, text, "st.csv", kTwoThreads);
      ASSERT_TRUE(two.election) << two.election.error().message;
      EXPECT_EQ(two.threads, 2);
      ExpectSameUnits(*one, *two.election);
      EXPECT_EQ(two.election->FindUnit("t2-4")->districts.size(), 1u);
    }
  }
  // The default reads a file this small on one thread.
  EXPECT_EQ(internal::ReadStations(night, ManyStations(3, 7, false), "st.csv", {}).threads, 1);
}

TEST(StationsCsvTest, TwoThreadsReportTheSameProblemsAsOne) {
  const core::Election night = CalendarNight();
  const std::string good = ManyStations(40, 50, false);
  const std::size_t split = internal::StationsSplit(good, kManyHeader.size(), kTwoThreads);
  ASSERT_GT(split, kManyHeader.size());
  ASSERT_EQ(good[split - 1], '\n');

  // A name that is not UTF-8 in the second half.
  std::string bad_name = good;
  const std::size_t station = bad_name.find(",Station ", split + 1000);
  ASSERT_NE(station, std::string::npos);
  bad_name.replace(station + 1, 2, "\xCF\xE5");
  EXPECT_NE(SameErrorOnBothReadings(night, bad_name).find(": name_en: not UTF-8 at byte 1 (0xCF 0xE5"),
            std::string::npos);

  // An id of the first half again in the second.
  const std::string duplicate = SameErrorOnBothReadings(night, good + "t0-3,t0,5,station,,,,,,\n");
  EXPECT_NE(duplicate.find("st.csv:" + std::to_string(std::count(good.begin(), good.end(), '\n') + 1) +
                           ": id: 't0-3' is already a unit"),
            std::string::npos)
      << duplicate;

  // A quoted line break at the split: a quote opens the row before it and closes the row after.
  std::string quoted = good;
  const std::size_t row_before = quoted.rfind('\n', split - 2) + 1;
  quoted[row_before] = '"';
  quoted.replace(split, 2, "\",");
  ASSERT_EQ(internal::StationsSplit(quoted, kManyHeader.size(), kTwoThreads), split);
  const std::string message = SameErrorOnBothReadings(night, quoted);
  EXPECT_NE(message.find(": the row has 11 fields, the header 10"), std::string::npos) << message;

  // A byte-order mark at the split is read on one thread (a reader would skip it there).
  std::string mark = good;
  mark.replace(split, 3, "\xEF\xBB\xBF");
  EXPECT_EQ(internal::StationsSplit(mark, kManyHeader.size(), kTwoThreads), 0u);
  EXPECT_NE(SameErrorOnBothReadings(night, mark).find(": id: character"), std::string::npos);

  // A parent that comes later (in the second half) than its station.
  std::string late = good;
  late.replace(late.find("\nt0-1,t0,"), 9, "\nt0-1,t9,");
  EXPECT_NE(SameErrorOnBothReadings(night, late).find(":4: parent: 't9' is not a unit"), std::string::npos);
}

// Hostile files: random bytes changed in a good one (quotes, line breaks, commas, bytes that are
// not UTF-8, a byte-order mark) read the same on two threads as on one, result or messages.
TEST(StationsCsvTest, MutatedFilesReadTheSameOnTwoThreadsAsOnOne) {
  const core::Election night = CalendarNight();
  const std::string good = ManyStations(6, 20, true);
  const std::vector<std::string> pieces = {"\"", "\n", ",", "\r", "\xCF", "\xEF\xBB\xBF", "\"\"", "t0-1", "", "\n\n"};
  std::mt19937 random(31);
  int clean = 0;
  for (int round = 0; round < 300; ++round) {
    std::string text = good;
    const int changes = 1 + static_cast<int>(random() % 3);
    for (int i = 0; i < changes; ++i) {
      const std::size_t at = kManyHeader.size() + random() % (text.size() - kManyHeader.size());
      text.replace(at, random() % 3, pieces[random() % pieces.size()]);
    }
    Result<core::Election> one = AddStations(night, text, "st.csv", kOneThread);
    Result<core::Election> two = AddStations(night, text, "st.csv", kTwoThreads);
    ASSERT_EQ(static_cast<bool>(one), static_cast<bool>(two)) << round;
    if (one) {
      ++clean;
      ExpectSameUnits(*one, *two);
    } else {
      EXPECT_EQ(one.error().message, two.error().message) << round;
    }
  }
  EXPECT_GT(clean, 10);  // some changes leave a good file (a blank line, a comma in quotes)
}

// Without names (saylau ingest): the same units with empty names, on one thread and on two.
TEST(StationsCsvTest, WithoutNamesTheStationsAreTheSameButNameless) {
  const core::Election night = CalendarNight();
  const std::string text = ManyStations(40, 50, true);
  Result<core::Election> named = AddStations(night, text, "st.csv", kOneThread);
  ASSERT_TRUE(named) << named.error().message;
  ASSERT_EQ(named->FindUnit("t3-4")->name.en, "Station 154");
  for (const StationsReading reading : {StationsReading{.threads = 1, .names = false},
                                        StationsReading{.threads = 2, .parallel_bytes = 1, .names = false}}) {
    internal::StationsRead nameless = internal::ReadStations(night, text, "st.csv", reading);
    ASSERT_TRUE(nameless.election) << nameless.election.error().message;
    EXPECT_EQ(nameless.threads, reading.threads);
    core::Election expected = night.WithUnits([&] {
      std::vector<core::Unit> units = named->units();
      for (std::size_t at = night.units().size(); at < units.size(); ++at) units[at].name = {};
      return units;
    }());
    ExpectSameUnits(expected, *nameless.election);
    // The definition's own units keep their names.
    for (std::size_t at = 0; at < night.units().size(); ++at) {
      EXPECT_EQ(nameless.election->units()[at].name.en, night.units()[at].name.en);
    }
  }
}

// A name that is not UTF-8 is not read without names (the load goes on) and still rejected
// with them; every other problem is reported with the same message either way.
TEST(StationsCsvTest, WithoutNamesOnlyTheNamesTextGoesUnchecked) {
  const core::Election night = CalendarNight();
  const StationsReading nameless{.threads = 1, .names = false};
  const std::string good = ManyStations(6, 20, false);
  std::string bad_name = good;
  bad_name.replace(bad_name.find(",Station ") + 1, 2, "\xCF\xE5");
  Result<core::Election> named = AddStations(night, bad_name, "st.csv");
  ASSERT_FALSE(named);
  EXPECT_NE(named.error().message.find(": name_en: not UTF-8 at byte 1"), std::string::npos);
  Result<core::Election> skipped = AddStations(night, bad_name, "st.csv", nameless);
  ASSERT_TRUE(skipped) << skipped.error().message;
  EXPECT_TRUE(skipped->FindUnit("t0-0")->name.en.empty());

  // A row one field short, a quote never closed, a bad id, a bad number: the same messages.
  for (const std::string& broken :
       {good + "t9,t0,5,station,urban,a,b\n", good + "t9,t0,5,station,urban,\"a,b,c,,\n", good + "t 9,t0,5,,,,,,,\n",
        good + "t9,t0,many,,,,,,,\n", bad_name + "t9,t0,5,,,,,\n"}) {
    Result<core::Election> with = AddStations(night, broken, "st.csv");
    Result<core::Election> without = AddStations(night, broken, "st.csv", nameless);
    ASSERT_FALSE(with);
    ASSERT_FALSE(without);
    const std::string& message = without.error().message;
    EXPECT_EQ(message.find("name_"), std::string::npos) << message;
    const std::size_t from = message.find("st.csv:");
    ASSERT_NE(from, std::string::npos) << message;
    EXPECT_NE(with.error().message.find(message.substr(from)), std::string::npos)
        << with.error().message << "\n" << message;
  }
  // Mutated files: without names a file loads when it loads with names (and more only for a
  // name's text); when it does not, its messages are the named load's less those of names.
  const std::vector<std::string> pieces = {"\"", "\n", ",", "\xCF", "\"\"", "t0-1", ""};
  std::mt19937 random(22);
  for (int round = 0; round < 200; ++round) {
    std::string text = good;
    const std::size_t at = kManyHeader.size() + random() % (text.size() - kManyHeader.size());
    text.replace(at, random() % 3, pieces[random() % pieces.size()]);
    Result<core::Election> with = AddStations(night, text, "st.csv", kOneThread);
    Result<core::Election> without = AddStations(night, text, "st.csv", nameless);
    if (with) {
      ASSERT_TRUE(without) << round << ": " << without.error().message;
      ASSERT_EQ(with->units().size(), without->units().size()) << round;
    } else if (with.error().message.find("name_") == std::string::npos) {
      ASSERT_FALSE(without) << round;
      EXPECT_EQ(with.error().message, without.error().message) << round;
    }
  }
}

}  // namespace
}  // namespace saylau::formats
