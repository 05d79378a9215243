// AddStations: validated rows appended to the definition's units. A large file is read on two
// threads, half of its rows each, straight into their places among the units; the ids are then
// indexed and the parents checked in the file's order. Any problem at all sends the file to one
// thread, which reports every problem as it always has: the result and the messages are the
// same however the file was read.
#include "saylau/formats/stations_csv.h"

#include <algorithm>
#include <cstdint>
#include <future>
#include <span>

#ifdef __linux__
#include <sys/mman.h>
#endif

#include "saylau/base/text.h"
#include "saylau/core/id_index.h"
#include "saylau/formats/csv_reader.h"
#include "saylau/formats/diagnostics.h"
#include "saylau/formats/submission_reader.h"
#include "stations_csv_internal.h"

namespace saylau::formats {
namespace {

constexpr std::string_view kMapColumnPrefix = "map:";
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// Asks for 2 MiB pages under the units' storage, which the rows fill to its end: at 800,000
// stations 64 page faults instead of 32,000 (each ~6 us on a virtual machine), no more memory.
// A hint (Linux, transparent huge pages on "madvise"); elsewhere nothing.
void AskForHugePages(const std::vector<core::Unit>& units) {
#ifdef __linux__
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  const auto start = reinterpret_cast<std::uintptr_t>(units.data());
  const std::uintptr_t begin = (start + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t end = (start + units.capacity() * sizeof(core::Unit)) & ~(kHuge - 1);
  if (end > begin) (void)madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)units;
#endif
}

// Where the header puts each column the loader reads (-1 when absent), and the others.
struct Columns {
  int id = -1, parent = -1, registered = -1, settlement = -1, kind = -1, name_kk = -1, name_ru = -1, name_en = -1;
  std::vector<int> attributes;  // carried as the unit's attributes (e.g. a station's "url")
  std::vector<int> maps;        // "map:<id>": the station's district of that map, or empty
  bool names = true;            // false: the names' cells are neither checked nor kept (StationsReading)
};

Columns ReadHeader(const core::Election& election, const CsvRecord& header, const std::string& file_name,
                   Diagnostics& problems) {
  const auto column = [&](std::string_view name) {
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
      if (header.fields[i] == name) return static_cast<int>(i);
    }
    return -1;
  };
  Columns columns;
  columns.id = column("id");
  columns.parent = column("parent");
  columns.registered = column("registered_voters");
  columns.settlement = column("settlement");
  columns.kind = column("kind");
  columns.name_kk = column("name_kk");
  columns.name_ru = column("name_ru");
  columns.name_en = column("name_en");
  for (const char* required : {"id", "parent", "registered_voters"}) {
    if (column(required) < 0) problems.Add(file_name, header.line, required, "the header needs this column");
  }
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string& name = header.fields[i];
    if (name == "id" || name == "parent" || name == "registered_voters" || name == "settlement" || name == "kind" ||
        name == "name_kk" || name == "name_ru" || name == "name_en") {
      continue;
    }
    if (const std::optional<TextProblem> problem = CheckText(name, TextRule::kLine); problem || name.empty()) {
      problems.Add(file_name, header.line, "column " + std::to_string(i + 1),
                   problem ? DescribeTextProblem(*problem, EscapeText(Utf8Prefix(name, 60))) : "has no name");
      continue;
    }
    if (column(name) != static_cast<int>(i)) {
      problems.Add(file_name, header.line, name, "the header names this column twice");
      continue;
    }
    if (name.starts_with(kMapColumnPrefix)) {  // the station's district of a map
      const std::string map = name.substr(kMapColumnPrefix.size());
      const auto& maps = election.maps();
      if (std::none_of(maps.begin(), maps.end(), [&](const core::DistrictMap& m) { return m.id == map; })) {
        problems.Add(file_name, header.line, name, "'" + map + "' is not a map of the definition ([[maps]])");
      }
      columns.maps.push_back(static_cast<int>(i));
      continue;
    }
    columns.attributes.push_back(static_cast<int>(i));
  }
  return columns;
}

// The unit of one row, from what the row alone says (and the definition): each problem goes to
// `problem(field, message)`; `check_known(unit)` runs between the names and the kind, where the
// one-thread reading checks the id and the parent against the units before the row. False when
// the row gives no unit (a wrong number of fields, an id that is not clean).
template <typename Problem, typename CheckKnown>
bool ReadRow(const core::Election& election, const CsvRecord& header, const Columns& columns,
             std::span<const std::string_view> row, core::Unit& unit, const Problem& problem,
             const CheckKnown& check_known) {
  if (row.size() != header.fields.size()) {
    problem("", "the row has " + std::to_string(row.size()) + " fields, the header " +
                    std::to_string(header.fields.size()));
    return false;
  }
  const auto cell = [&](int at) { return at >= 0 ? row[at] : std::string_view(); };
  unit.id = std::string(cell(columns.id));
  unit.parent = std::string(cell(columns.parent));
  unit.kind = core::UnitKind::kStation;
  // Ids and names are clean text: they are stored, compared and served as JSON.
  const auto check = [&](std::string_view field, std::string_view value, TextRule rule) {
    if (const std::optional<TextProblem> text_problem = CheckText(value, rule)) {
      problem(std::string(field), DescribeTextProblem(*text_problem, EscapeText(Utf8Prefix(value, 60))));
      return false;
    }
    return true;
  };
  if (unit.id.empty()) problem("id", "is empty");
  if (!check("id", unit.id, TextRule::kId)) return false;
  if (columns.names) {
    for (auto [field, at] : {std::pair{"name_kk", columns.name_kk}, std::pair{"name_ru", columns.name_ru},
                             std::pair{"name_en", columns.name_en}}) {
      (void)check(field, cell(at), TextRule::kLine);
    }
  }
  check_known(unit);
  if (columns.kind >= 0 && !cell(columns.kind).empty()) {
    const std::optional<core::UnitKind> parsed = core::UnitKindFromName(cell(columns.kind));
    if (!parsed) {
      problem("kind", "unknown unit kind '" + std::string(cell(columns.kind)) + "'");
    } else {
      unit.kind = *parsed;
    }
  }
  const std::optional<std::int64_t> voters = ParseInteger(cell(columns.registered));
  if (unit.kind != core::UnitKind::kStation && cell(columns.registered).empty()) {
    // A commission above stations: its voters are its stations' (counted below it).
  } else if (!voters || *voters < 0) {
    problem("registered_voters", "must be a whole number ≥ 0, got '" + std::string(cell(columns.registered)) + "'");
  } else {
    unit.registered_voters = *voters;
  }
  const std::string_view settlement_text = cell(columns.settlement);
  if (settlement_text == "urban") {
    unit.settlement = core::Settlement::kUrban;
  } else if (settlement_text == "rural") {
    unit.settlement = core::Settlement::kRural;
  } else if (!settlement_text.empty()) {
    problem("settlement", "must be urban or rural, got '" + std::string(settlement_text) + "'");
  }
  if (columns.names) {
    unit.name = {cell(columns.name_kk), cell(columns.name_ru), cell(columns.name_en)};  // no std::string between
  }
  for (const int at : columns.attributes) {
    if (cell(at).empty() || !check(header.fields[at], cell(at), TextRule::kLine)) continue;
    unit.attributes.emplace_back(header.fields[at], std::string(cell(at)));
  }
  for (const int at : columns.maps) {
    if (cell(at).empty()) continue;  // the station is not in this map's area
    const std::string map = header.fields[at].substr(kMapColumnPrefix.size());
    const core::Unit* district = election.FindUnit(std::string(cell(at)));
    if (district == nullptr || district->map != map) {
      problem(header.fields[at],
              "'" + EscapeText(Utf8Prefix(cell(at), 60)) + "' is not a district of map '" + map + "'");
      continue;
    }
    if (unit.kind != core::UnitKind::kStation) {
      problem(header.fields[at], "only polling stations belong to the districts of a map");
      continue;
    }
    unit.districts.emplace_back(map, district->id);
  }
  return true;
}

// The election with its stations, or every problem of the file, in the file's order.
Result<core::Election> ReadOnOneThread(const core::Election& election, CsvReader& reader, const CsvRecord& header,
                                       const Columns& columns, std::string_view text, const std::string& file_name) {
  std::vector<core::Unit> units = election.units();
  const std::size_t expected = units.size() + static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  units.reserve(expected);
  AskForHugePages(units);
  // The units so far (the definition's, then each row's) by id: 8 to 16 bytes a station.
  core::IdIndex known;
  const auto id_at = [&units](std::size_t at) -> const std::string& { return units[at].id; };
  known.Reserve(expected, id_at);
  for (std::size_t at = 0; at < units.size(); ++at) (void)known.Insert(at, id_at);
  Diagnostics problems;
  std::vector<std::string_view> row;
  int line = 0;
  const auto problem = [&](std::string field, std::string message) {
    problems.Add(file_name, line, std::move(field), std::move(message));
  };
  const auto check_known = [&](const core::Unit& unit) {
    if (!unit.id.empty() && known.Find(unit.id, id_at) >= 0) problem("id", "'" + unit.id + "' is already a unit");
    if (known.Find(unit.parent, id_at) < 0) {
      problem("parent", "'" + unit.parent +
                            "' is not a unit of the definition nor of an earlier row (a commission between the "
                            "definition and its stations is a row of its own, with its kind, before them)");
    }
  };
  while (true) {
    Result<bool> got = reader.NextViews(row, line);
    if (!got) return got.error();
    if (!*got) break;
    core::Unit unit;
    if (!ReadRow(election, header, columns, row, unit, problem, check_known)) continue;
    if (problems.items().size() > 50) break;
    units.push_back(std::move(unit));
    (void)known.Insert(units.size() - 1, id_at);
  }
  if (!problems.empty()) return problems.ToError();
  // Without problems every unit is indexed once: the index is the election's.
  if (known.size() != units.size()) return election.WithUnits(std::move(units));
  return election.WithUnits(std::move(units), std::move(known));
}

// The rows of `part` read into room[0, count): the count, or nullopt at the first problem (or
// when there are more rows than room).
std::optional<std::size_t> ReadPart(const core::Election& election, const CsvRecord& header, const Columns& columns,
                                    std::string_view part, const std::string& file_name, std::span<core::Unit> room) {
  CsvReader reader(part, file_name);
  std::vector<std::string_view> row;
  int line = 0;
  bool clean = true;
  const auto problem = [&clean](const std::string&, const std::string&) { clean = false; };
  const auto no_check = [](const core::Unit&) {};
  std::size_t count = 0;
  while (true) {
    Result<bool> got = reader.NextViews(row, line);
    if (!got) return std::nullopt;
    if (!*got) return count;
    if (count == room.size()) return std::nullopt;
    if (!ReadRow(election, header, columns, row, room[count], problem, no_check) || !clean) return std::nullopt;
    ++count;
  }
}

// The election with its stations, the rows of [body, split) read on this thread and those of
// [split, end) on another; nullopt when any row has a problem (or a part does not end where the
// other begins): the file is then read on one thread, for the messages.
std::optional<core::Election> ReadOnTwoThreads(const core::Election& election, const CsvRecord& header,
                                               const Columns& columns, std::string_view text, std::size_t body,
                                               std::size_t split, const std::string& file_name) {
  const std::string_view first = text.substr(body, split - body), second = text.substr(split);
  // Each record ends with a line feed, but the file's last one may not.
  const auto room_first = static_cast<std::size_t>(std::count(first.begin(), first.end(), '\n'));
  const auto room_second = static_cast<std::size_t>(std::count(second.begin(), second.end(), '\n')) + 1;
  const std::size_t defined = election.units().size();
  std::vector<core::Unit> units;
  units.reserve(defined + room_first + room_second);
  AskForHugePages(units);
  units.insert(units.end(), election.units().begin(), election.units().end());
  units.resize(defined + room_first + room_second);
  const std::span<core::Unit> all(units);
  std::future<std::optional<std::size_t>> later = std::async(std::launch::async, [&] {
    return ReadPart(election, header, columns, second, file_name, all.subspan(defined + room_first, room_second));
  });
  const std::optional<std::size_t> read_first =
      ReadPart(election, header, columns, first, file_name, all.subspan(defined, room_first));
  const std::optional<std::size_t> read_second = later.get();
  if (!read_first || !read_second) return std::nullopt;
  // Blank lines (or line breaks in quotes) of the first part leave a gap before the second's.
  if (*read_first < room_first) {
    const auto second_begin = units.begin() + static_cast<std::ptrdiff_t>(defined + room_first);
    std::move(second_begin, second_begin + static_cast<std::ptrdiff_t>(*read_second),
              units.begin() + static_cast<std::ptrdiff_t>(defined + *read_first));
  }
  units.resize(defined + *read_first + *read_second);
  // Each row's id is new and its parent an earlier unit, as the one-thread reading checks.
  core::IdIndex known;
  const auto id_at = [&units](std::size_t at) -> const std::string& { return units[at].id; };
  known.Reserve(units.size(), id_at);
  for (std::size_t at = 0; at < defined; ++at) (void)known.Insert(at, id_at);
  for (std::size_t at = defined; at < units.size(); ++at) {
    if (known.Find(units[at].parent, id_at) < 0 || !known.Insert(at, id_at)) return std::nullopt;
  }
  if (known.size() != units.size()) return election.WithUnits(std::move(units));
  return election.WithUnits(std::move(units), std::move(known));
}

}  // namespace

std::size_t internal::StationsSplit(std::string_view text, std::size_t body, const StationsReading& reading) {
  if (reading.threads < 2 || body >= text.size() || text.size() - body < reading.parallel_bytes) return 0;
  const std::size_t newline = text.find('\n', body + (text.size() - body) / 2);
  if (newline == std::string_view::npos || newline + 1 >= text.size()) return 0;
  // A reader skips a byte-order mark at the start of its text; in a row it is a problem.
  if (text.substr(body).starts_with(kByteOrderMark) || text.substr(newline + 1).starts_with(kByteOrderMark)) {
    return 0;
  }
  return newline + 1;
}

internal::StationsRead internal::ReadStations(const core::Election& election, std::string_view text,
                                              const std::string& file_name, const StationsReading& reading) {
  CsvReader reader(text, file_name);
  CsvRecord header;
  Result<bool> got = reader.Next(header);
  if (!got) return {got.error(), 1};
  if (!*got) return {InvalidArgument(file_name + ": the file is empty; expected a header line"), 1};
  Diagnostics problems;
  Columns columns = ReadHeader(election, header, file_name, problems);
  if (!problems.empty()) return {problems.ToError(), 1};
  columns.names = reading.names;
  if (const std::size_t split = StationsSplit(text, reader.position(), reading); split > 0) {
    std::optional<core::Election> read =
        ReadOnTwoThreads(election, header, columns, text, reader.position(), split, file_name);
    if (read) return {std::move(*read), 2};
  }
  return {ReadOnOneThread(election, reader, header, columns, text, file_name), 1};
}

Result<core::Election> AddStations(const core::Election& election, std::string_view text,
                                   const std::string& file_name, const StationsReading& reading) {
  return internal::ReadStations(election, text, file_name, reading).election;
}

}  // namespace saylau::formats
