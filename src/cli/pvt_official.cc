// Official shares for saylau pvt (pvt_official.h).
#include "pvt_official.h"

#include "saylau/core/tally.h"
#include "saylau/formats/counts_csv.h"
#include "saylau/formats/csv.h"

namespace saylau::cli {

Result<std::map<std::string, double>> OfficialSharesOf(const core::Election& election, const std::string& contest_id,
                                                       const std::string& counts_file,
                                                       const stats::StationResults* results, stats::ShareBase base) {
  if (counts_file.empty()) return results ? stats::OfficialShares(*results, base) : std::map<std::string, double>{};
  auto text = formats::ReadFile(counts_file);
  if (!text) return text.error();
  auto counts = formats::ParseCountsCsv(*text, counts_file, election);
  if (!counts) return counts.error();
  const core::Contest* contest = election.FindContest(contest_id);
  const auto it = counts->find(contest_id);
  if (contest == nullptr || it == counts->end())
    return InvalidArgument(counts_file + ": no counts for contest " + contest_id);
  auto tally = core::TallyAt(election, *contest, contest->unit, 1, it->second);
  if (!tally) return tally.error();
  std::int64_t denominator = tally->ValidWithAgainstAll();
  if (base == stats::ShareBase::kValidAndInvalid) {
    if (!tally->invalid) return InvalidArgument(counts_file + ": no invalid line for the share base valid+invalid");
    denominator += *tally->invalid;
  } else if (base == stats::ShareBase::kTookPart) {
    if (!tally->took_part) return InvalidArgument(counts_file + ": no took_part line for the share base took_part");
    denominator = *tally->took_part;
  }
  std::map<std::string, double> shares;
  for (std::size_t c = 0; c < contest->options.size() && denominator > 0; ++c) {
    shares[contest->options[c].id] = static_cast<double>(tally->votes[c]) / denominator;
  }
  if (contest->against_all && denominator > 0) {
    shares["against_all"] = static_cast<double>(tally->against_all) / denominator;
  }
  if (tally->took_part && tally->registered && *tally->registered > 0) {
    shares["turnout"] = static_cast<double>(*tally->took_part) / *tally->registered;
  }
  return shares;
}

}  // namespace saylau::cli
