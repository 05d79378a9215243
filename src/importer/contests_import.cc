// ImportContests: contests.csv and candidates.csv checked row by row, then written as TOML.
#include "saylau/importer/contests_import.h"

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "saylau/base/text.h"
#include "saylau/formats/csv.h"
#include "saylau/formats/definition_toml.h"
#include "saylau/formats/diagnostics.h"

namespace saylau::importer {
namespace {

constexpr const char* kKinds[] = {"plurality", "single_member", "majority_runoff"};

// A TOML basic string: names are clean text (no control characters), so only \ and " need care.
std::string Quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '\\' || c == '"') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string NamesToml(const core::Names& names) {
  std::string out;
  for (const auto& [language, text] :
       {std::pair{"kk", &names.kk}, std::pair{"ru", &names.ru}, std::pair{"en", &names.en}}) {
    if (text->empty()) continue;
    out += (out.empty() ? "{ " : ", ") + std::string(language) + " = " + Quoted(*text);
  }
  return out + " }";
}

// One CSV file: its header's columns and rows, with the problems named by file and line.
class Table {
 public:
  Table(const std::string& text, std::string file, formats::Diagnostics& problems,
        std::initializer_list<std::string_view> required, std::initializer_list<std::string_view> optional)
      : file_(std::move(file)), problems_(problems) {
    Result<std::vector<formats::CsvRecord>> records = formats::ParseCsv(text, file_);
    if (!records) {
      problems_.Add(file_, 0, "", records.error().message);
      return;
    }
    if (records->empty()) {
      problems_.Add(file_, 1, "", "the file is empty; expected a header line");
      return;
    }
    header_ = records->front();
    for (std::size_t i = 0; i < header_.fields.size(); ++i) {
      const std::string& name = header_.fields[i];
      const bool known = std::find(required.begin(), required.end(), name) != required.end() ||
                         std::find(optional.begin(), optional.end(), name) != optional.end();
      if (!known) problems_.Add(file_, header_.line, name, "unknown column");
      if (!columns_.emplace(name, static_cast<int>(i)).second)
        problems_.Add(file_, header_.line, name, "the header names this column twice");
    }
    for (std::string_view name : required) {
      if (columns_.count(std::string(name)) == 0)
        problems_.Add(file_, header_.line, std::string(name), "the header needs this column");
    }
    for (std::size_t r = 1; r < records->size(); ++r) {
      formats::CsvRecord& row = (*records)[r];
      if (row.fields.size() != header_.fields.size()) {
        problems_.Add(file_, row.line, "",
                      "the row has " + std::to_string(row.fields.size()) + " fields, the header " +
                          std::to_string(header_.fields.size()));
        continue;
      }
      rows_.push_back(std::move(row));
    }
  }
  const std::vector<formats::CsvRecord>& rows() const { return rows_; }
  const std::string& file() const { return file_; }
  // The cell of `column` (empty when the header lacks it), checked as clean text under `rule`.
  std::string Cell(const formats::CsvRecord& row, const std::string& column, TextRule rule = TextRule::kLine) {
    const auto it = columns_.find(column);
    if (it == columns_.end()) return "";
    const std::string& value = row.fields[it->second];
    if (const std::optional<TextProblem> problem = CheckText(value, rule)) {
      problems_.Add(file_, row.line, column, DescribeTextProblem(*problem, EscapeText(Utf8Prefix(value, 60))));
      return "";
    }
    return value;
  }
  void Fail(const formats::CsvRecord& row, std::string column, std::string message) {
    problems_.Add(file_, row.line, std::move(column), std::move(message));
  }

 private:
  std::string file_;
  formats::Diagnostics& problems_;
  formats::CsvRecord header_;
  std::map<std::string, int> columns_;
  std::vector<formats::CsvRecord> rows_;
};

struct ContestRow {
  int line = 0;
  std::string id, body, kind, unit;
  core::Names name;
  std::vector<std::string> candidates;  // TOML of each [[contests.candidates]]
};

core::Names NamesOf(Table& table, const formats::CsvRecord& row) {
  return {table.Cell(row, "name_kk"), table.Cell(row, "name_ru"), table.Cell(row, "name_en")};
}

}  // namespace

Result<ImportedContests> ImportContests(const core::Election& definition, const std::string& definition_text,
                                        const std::string& definition_file, const ContestsCsv& csv) {
  formats::Diagnostics problems;
  Table contests(csv.contests_text, csv.contests_file, problems, {"id", "kind", "unit"},
                 {"body", "name_kk", "name_ru", "name_en"});
  std::vector<ContestRow> rows;
  std::map<std::string, std::size_t> row_of;
  std::set<std::string> option_ids;  // candidate ids must be new in the whole definition too
  for (const core::Contest& contest : definition.contests()) {
    for (const core::Option& option : contest.options) option_ids.insert(contest.id + "\n" + option.id);
  }
  for (const formats::CsvRecord& record : contests.rows()) {
    ContestRow row;
    row.line = record.line;
    row.id = contests.Cell(record, "id", TextRule::kId);
    row.body = contests.Cell(record, "body", TextRule::kId);
    row.kind = contests.Cell(record, "kind");
    row.unit = contests.Cell(record, "unit", TextRule::kId);
    row.name = NamesOf(contests, record);
    if (row.id.empty()) contests.Fail(record, "id", "is empty");
    if (row.name.kk.empty() && row.name.ru.empty() && row.name.en.empty())
      contests.Fail(record, "name_kk", "the contest needs a name in at least one of name_kk, name_ru, name_en");
    if (std::find(std::begin(kKinds), std::end(kKinds), row.kind) == std::end(kKinds))
      contests.Fail(record, "kind",
                    "'" + EscapeText(Utf8Prefix(row.kind, 60)) +
                        "' is not a kind imported from CSV (plurality, single_member, majority_runoff); write "
                        "party lists in the definition");
    if (definition.FindUnit(row.unit) == nullptr)
      contests.Fail(record, "unit", "'" + row.unit + "' is not a unit of " + definition_file);
    if (!row.body.empty() && definition.FindBody(row.body) == nullptr) {
      std::string known;
      for (const core::Body& body : definition.bodies()) known += (known.empty() ? "" : ", ") + body.id;
      contests.Fail(record, "body", "'" + row.body + "' is not a body of " + definition_file + " (" + known + ")");
    }
    if (!row.id.empty() && definition.FindContest(row.id) != nullptr)
      contests.Fail(record, "id", "'" + row.id + "' is already a contest of " + definition_file);
    if (!row.id.empty() && row_of.count(row.id) != 0) {
      contests.Fail(record, "id", "'" + row.id + "' is already on line " + std::to_string(rows[row_of[row.id]].line));
      continue;
    }
    if (!row.id.empty()) row_of.emplace(row.id, rows.size());
    rows.push_back(std::move(row));
  }

  Table candidates(csv.candidates_text, csv.candidates_file, problems, {"contest", "id"},
                   {"name_kk", "name_ru", "name_en", "party", "gender", "nominated_by"});
  int candidate_count = 0;
  for (const formats::CsvRecord& record : candidates.rows()) {
    const std::string contest = candidates.Cell(record, "contest", TextRule::kId);
    const std::string id = candidates.Cell(record, "id", TextRule::kId);
    const core::Names name = NamesOf(candidates, record);
    const std::string party = candidates.Cell(record, "party", TextRule::kId);
    const std::string gender = candidates.Cell(record, "gender");
    const std::string nominated_by = candidates.Cell(record, "nominated_by");
    const auto at = row_of.find(contest);
    if (at == row_of.end()) {
      candidates.Fail(record, "contest", "'" + contest + "' is not a contest of " + contests.file());
      continue;
    }
    if (id.empty()) candidates.Fail(record, "id", "is empty");
    if (name.kk.empty() && name.ru.empty() && name.en.empty())
      candidates.Fail(record, "name_kk", "the candidate needs a name in at least one of name_kk, name_ru, name_en");
    if (!party.empty() && definition.FindParty(party) == nullptr)
      candidates.Fail(record, "party", "'" + party + "' is not a party of " + definition_file);
    if (!gender.empty() && gender != "f" && gender != "m")
      candidates.Fail(record, "gender", "must be f or m, got '" + EscapeText(Utf8Prefix(gender, 60)) + "'");
    if (!id.empty() && !option_ids.insert(contest + "\n" + id).second) {
      candidates.Fail(record, "id", "'" + id + "' is already a candidate of contest '" + contest + "'");
      continue;
    }
    std::string toml = "\n[[contests.candidates]]\nid = " + Quoted(id) + "\nname = " + NamesToml(name) + "\n";
    if (!party.empty()) toml += "party = " + Quoted(party) + "\n";
    if (!gender.empty()) toml += "gender = " + Quoted(gender) + "\n";
    if (!nominated_by.empty()) toml += "nominated_by = " + Quoted(nominated_by) + "\n";
    rows[at->second].candidates.push_back(std::move(toml));
    ++candidate_count;
  }
  for (const ContestRow& row : rows) {
    if (row.candidates.empty() && !row.id.empty())
      problems.Add(contests.file(), row.line, "id",
                   "contest '" + row.id + "' has no candidate in " + candidates.file());
  }
  if (!problems.empty()) return problems.ToError();

  ImportedContests out;
  out.definition = definition_text;
  if (!out.definition.empty() && out.definition.back() != '\n') out.definition += '\n';
  out.definition +=
      "\n# Imported from " + contests.file() + " and " + candidates.file() + " (saylau import-contests).\n";
  for (const ContestRow& row : rows) {
    out.definition += "\n[[contests]]\nid = " + Quoted(row.id) + "\nkind = " + Quoted(row.kind) + "\n";
    if (!row.body.empty()) out.definition += "body = " + Quoted(row.body) + "\n";
    out.definition += "name = " + NamesToml(row.name) + "\nunit = " + Quoted(row.unit) + "\n";
    for (const std::string& candidate : row.candidates) out.definition += candidate;
  }
  // Whatever the rows could not show (a form's line named like a candidate, say) is the loader's.
  Result<core::Election> check = formats::ParseDefinition(out.definition, definition_file);
  if (!check)
    return InvalidArgument("the definition with the imported contests does not load: " + check.error().message);
  out.contests = static_cast<int>(rows.size());
  out.candidates = candidate_count;
  return out;
}

}  // namespace saylau::importer
