// Reads the Russian CEC's station files (gzip CSV) with zlib into stats::StationResults.
#include "saylau/testing/ru_stations.h"

#include <zlib.h>

#include <charconv>
#include <deque>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace saylau::testing {
namespace {

// The whole decompressed text of a gzip file (the files are tens of megabytes).
Result<std::string> ReadGz(const std::string& path) {
  std::unique_ptr<gzFile_s, decltype(&gzclose)> file(gzopen(path.c_str(), "rb"), &gzclose);
  if (file == nullptr) return NotFound(path + ": cannot open");
  std::string text;
  std::size_t size = 0;
  for (;;) {
    text.resize(size + (1 << 22));
    const int got = gzread(file.get(), text.data() + size, 1 << 22);
    if (got < 0) return InvalidArgument(path + ": not a readable gzip file");
    size += static_cast<std::size_t>(got);
    if (got == 0) break;
  }
  text.resize(size);
  return text;
}

// The cells of one CSV line (RFC 4180 quoting; the files have no line breaks inside cells).
// A cell without quotes is a view into `line`; a quoted one is unquoted into `scratch`.
void Cells(std::string_view line, std::vector<std::string_view>& cells, std::deque<std::string>& scratch) {
  cells.clear();
  scratch.clear();
  std::size_t at = 0;
  for (;;) {
    if (at < line.size() && line[at] == '"') {
      std::string cell;
      std::size_t i = at + 1;
      for (; i < line.size(); ++i) {
        if (line[i] == '"' && i + 1 < line.size() && line[i + 1] == '"') {
          cell += '"';
          ++i;
        } else if (line[i] == '"') {
          break;
        } else {
          cell += line[i];
        }
      }
      scratch.push_back(std::move(cell));
      cells.push_back(scratch.back());
      at = line.find(',', i);
    } else {
      const std::size_t comma = line.find(',', at);
      cells.push_back(line.substr(at, comma == std::string_view::npos ? std::string_view::npos : comma - at));
      at = comma;
    }
    if (at == std::string_view::npos) return;
    ++at;
  }
}

bool ParseCount(std::string_view text, std::int64_t& value) {
  const char* end = text.data() + text.size();
  auto [ptr, error] = std::from_chars(text.data(), end, value);
  return error == std::errc() && ptr == end && value >= 0;
}

}  // namespace

Result<stats::StationResults> LoadRussianStations(const std::string& gz_path) {
  Result<std::string> text = ReadGz(gz_path);
  if (!text) return text.error();
  std::string_view rest = *text;
  const auto next_line = [&rest](std::string_view& line) {
    if (rest.empty()) return false;
    const std::size_t end = rest.find('\n');
    line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return true;
  };
  std::string_view line;
  if (!next_line(line)) return InvalidArgument(gz_path + ": empty");
  std::vector<std::string_view> cells;
  std::deque<std::string> scratch;
  Cells(line, cells, scratch);
  const std::vector<std::string> header(cells.begin(), cells.end());
  constexpr std::size_t kFirstLine = 3, kFirstCandidate = kFirstLine + kRussianLines;
  std::size_t end = header.size();
  if (end > 0 && header[end - 1] == "url") --end;
  if (end <= kFirstCandidate) return InvalidArgument(gz_path + ": the header has no candidate columns");
  stats::StationResults out;
  out.contest = gz_path.substr(gz_path.find_last_of('/') + 1);
  out.columns.assign(header.begin() + kFirstCandidate, header.begin() + static_cast<std::ptrdiff_t>(end));
  std::unordered_map<std::string, int> region_index;
  std::vector<std::int64_t> values(end - kFirstLine);
  for (std::size_t number = 2; next_line(line); ++number) {
    if (line.empty() && rest.empty()) break;
    Cells(line, cells, scratch);
    const auto where = [&] { return gz_path + ":" + std::to_string(number) + ": "; };
    if (cells.size() != header.size()) {
      return InvalidArgument(where() + std::to_string(cells.size()) + " cells, the header has " +
                             std::to_string(header.size()));
    }
    bool empty = true;
    for (std::size_t i = kFirstLine; i < end; ++i) empty = empty && cells[i].empty();
    for (std::size_t i = kFirstLine; i < end && !empty; ++i) {
      if (!ParseCount(cells[i], values[i - kFirstLine])) {
        return InvalidArgument(where() + "'" + header[i] + "' is not a whole number >= 0: '" + std::string(cells[i]) +
                               "'");
      }
    }
    if (empty) std::fill(values.begin(), values.end(), 0);
    const std::string region(cells[0]);
    auto [it, added] = region_index.emplace(region, static_cast<int>(out.regions.size()));
    if (added) {
      out.regions.push_back(region);
      out.region_names.push_back(region);
    }
    const auto at = [&](RussianLine l) { return values[static_cast<std::size_t>(l)]; };
    stats::StationRow row;
    row.id = region + "|" + std::string(cells[1]) + "|" + std::string(cells[2]);
    row.region = it->second;
    row.reported = !empty;
    row.registered = at(RussianLine::kRegistered);
    row.took_part = at(RussianLine::kIssuedEarly) + at(RussianLine::kIssuedInside) + at(RussianLine::kIssuedOutside);
    row.base = at(RussianLine::kValid);
    row.invalid = at(RussianLine::kInvalid);
    out.rows.push_back(std::move(row));
    out.votes.insert(out.votes.end(), values.begin() + kRussianLines, values.end());
  }
  return out;
}

}  // namespace saylau::testing
