// The bundle's forensics (bundle/forensics_documents.h) recomputed from the replayed protocols
// and compared byte for byte: every report and plot publish writes must be there and equal, and
// forensics/ must hold nothing else. A report that differs is parsed to name its differences.
#include <fmt/format.h>

#include <filesystem>
#include <set>

#include "saylau/bundle/forensics_documents.h"
#include "verifier.h"

namespace saylau::bundle {

namespace fs = std::filesystem;

void Verifier::CompareForensics() {
  CheckLine& line = Check("forensics, kobak2016 (published = recomputed)");
  std::set<std::string> expected;
  for (const auto& [name, text] : ForensicsFiles(*night_)) {
    expected.insert(name);
    ++line.checked;
    const std::optional<std::string> published = ReadText(root_ / name);
    if (!published) {
      ++line.failed;
      Fail(name, "missing");
      continue;
    }
    if (*published == text) continue;
    if (name.ends_with(".json")) {
      const nlohmann::json parsed = nlohmann::json::parse(*published, nullptr, false);
      if (!parsed.is_discarded()) {
        const std::int64_t before = line.failed;
        Differences(name, parsed, nlohmann::json::parse(text), line);
        if (line.failed > before) continue;
      }
    }
    ++line.failed;
    Fail(name, "differs from the plot recomputed from the protocols");
  }
  std::error_code error;
  for (const auto& file : fs::recursive_directory_iterator(root_ / kForensicsDirectory, error)) {
    if (!file.is_regular_file()) continue;
    const std::string name = fs::relative(file.path(), root_, error).generic_string();
    if (expected.contains(name)) continue;
    ++line.checked;
    ++line.failed;
    Fail(name, "not a forensics file of this election (no contest of it gives this file)");
  }
  line.detail = fmt::format("{} files", expected.size());
}

}  // namespace saylau::bundle
