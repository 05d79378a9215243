// saylau allocate: seats from an option,votes file under any method (a contract other tools use).
#include <fmt/format.h>

#include <iostream>

#include "commands.h"
#include "saylau/core/allocation.h"
#include "saylau/core/threshold.h"
#include "saylau/formats/csv.h"
#include "saylau/formats/number_text.h"
#include "saylau/formats/outcome_json.h"
#include "saylau/formats/outcome_text.h"
#include "saylau/formats/votes_csv.h"

namespace saylau::cli {
namespace {

struct AllocateOptions {
  std::string method;
  int seats = 0;
  std::string threshold = "0";
  std::string threshold_base;  // empty: the sum of the file's votes
  std::string first_divisor = "1.4";
  std::string tie_break = "order";
  std::string format = "table";
  std::string votes_file;
};

int RunAllocate(const AllocateOptions& options) {
  const std::optional<core::Method> method = core::MethodFromName(options.method);
  if (!method) return ReportError(InvalidArgument("--method: unknown method '" + options.method + "'"));
  Result<core::Ratio> percent = core::ParseRatio(options.threshold);
  if (!percent) return ReportError(InvalidArgument("--threshold: " + percent.error().message));
  if (core::Int128{percent->num} > core::Int128{100} * percent->den) {
    return ReportError(InvalidArgument("--threshold: " + options.threshold + " is above 100"));
  }
  Result<core::Ratio> first_divisor = core::ParseRatio(options.first_divisor);
  if (!first_divisor || first_divisor->num == 0) {
    return ReportError(InvalidArgument("--first-divisor: '" + options.first_divisor + "' must be a number above 0"));
  }
  Result<std::string> text = formats::ReadFile(options.votes_file);
  if (!text) return ReportError(text.error());
  Result<std::vector<core::ListVotes>> lists = formats::ParseVotesCsv(*text, options.votes_file);
  if (!lists) return ReportError(lists.error());

  std::int64_t base = 0;
  for (const core::ListVotes& list : *lists) base += list.votes;
  if (base == 0) return ReportError(InvalidArgument(options.votes_file + ": every option has zero votes"));
  if (!options.threshold_base.empty()) {
    const std::optional<std::int64_t> total = formats::ParseCount(options.threshold_base);
    if (!total)
      return ReportError(InvalidArgument("--threshold-base: '" + options.threshold_base + "' must be a whole number"));
    if (*total < base) {
      return ReportError(InvalidArgument(
          fmt::format("--threshold-base: {} is less than the {} votes in {}", *total, base, options.votes_file)));
    }
    base = *total;
  }
  std::vector<core::ListVotes> passing;
  std::vector<bool> passed;
  for (const core::ListVotes& list : *lists) {
    passed.push_back(core::PassesThreshold(list.votes, base, *percent));
    if (passed.back()) passing.push_back(list);
  }
  if (passing.empty() || std::all_of(passing.begin(), passing.end(), [](const auto& l) { return l.votes == 0; })) {
    std::cerr << fmt::format("saylau: no option reaches the threshold of {}% of {}; no seats can be allocated\n",
                             core::FormatRatio(*percent), base);
    return kExitCheckFailed;
  }
  const core::TieRule ties = options.tie_break == "unresolved" ? core::TieRule::kUnresolved : core::TieRule::kOrder;
  Result<core::Allocation> allocation = core::Allocate(
      {.method = *method, .seats = options.seats, .first_divisor = *first_divisor, .ties = ties}, passing);
  if (!allocation) return ReportError(InvalidArgument(options.votes_file + ": " + allocation.error().message));

  // Report every option of the file, with zero seats for those under the threshold.
  if (options.format == "json") {
    nlohmann::json out = formats::AllocationToJson(*allocation, *first_divisor);
    nlohmann::json seats = nlohmann::json::object();
    nlohmann::json passed_json = nlohmann::json::object();
    for (std::size_t i = 0; i < lists->size(); ++i) {
      seats[(*lists)[i].id] = allocation->SeatsOf((*lists)[i].id);
      passed_json[(*lists)[i].id] = static_cast<bool>(passed[i]);
    }
    out["seats"] = seats;
    out["threshold"] = {{"percent", core::FormatRatio(*percent)},
                        {"base", base},
                        {"votes_needed", core::VotesNeeded(base, *percent)},
                        {"passed", passed_json}};
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << fmt::format("{} seats by {}; threshold {}% of {} = {} votes\n", options.seats,
                             core::MethodName(*method), core::FormatRatio(*percent), formats::Grouped(base),
                             formats::Grouped(core::VotesNeeded(base, *percent)));
    for (std::size_t i = 0; i < lists->size(); ++i) {
      if (!passed[i]) {
        std::cout << fmt::format("  {} ({} votes, {}%) is under the threshold: 0 seats\n", (*lists)[i].id,
                                 formats::Grouped((*lists)[i].votes), core::PercentText((*lists)[i].votes, base));
      }
    }
    std::cout << formats::AllocationToText(*allocation, *first_divisor);
  }
  return allocation->resolved() ? kExitOk : kExitCheckFailed;
}

}  // namespace

void AddAllocateCommand(CLI::App& app, Runner& run) {
  auto options = std::make_shared<AllocateOptions>();
  CLI::App* command = app.add_subcommand(
      "allocate",
      "Allocate seats from an option,votes CSV under any method, with the full arithmetic.\n"
      "Methods: hare, droop, hagenbach-bischoff, imperiali (largest remainder); dhondt, sainte-lague,\n"
      "modified-sainte-lague, danish, huntington-hill, adams (highest averages).\n"
      "Options under --threshold percent of the base (--threshold-base, else the file's total) get 0 seats.\n"
      "Exit 1 when a tie leaves seats unresolved (--tie-break unresolved) or no option passes.\n"
      "Example: saylau allocate --method hare --seats 69 --threshold 5 --threshold-base 6366441 votes.csv");
  command->add_option("--method", options->method, "Allocation method")->required();
  command->add_option("--seats", options->seats, "Seats to allocate")
      ->required()
      ->check(CLI::Range(1, core::kMaxSeats));
  command->add_option("--threshold", options->threshold, "Threshold in percent of the base (default 0), e.g. 5 or 5.5");
  command->add_option("--threshold-base", options->threshold_base,
                      "Total the threshold is a percentage of (default: the sum of the file's votes)");
  command->add_option("--first-divisor", options->first_divisor,
                      "First divisor for modified-sainte-lague (default 1.4)");
  command
      ->add_option("--tie-break", options->tie_break,
                   "order (the option listed earlier wins, default) or unresolved (report the tie)")
      ->check(CLI::IsMember({"order", "unresolved"}));
  command->add_option("--format", options->format, "Output: table (default) or json")
      ->check(CLI::IsMember({"table", "json"}));
  command->add_option("votes", options->votes_file, "CSV file with the header option,votes")->required();
  command->callback([&run, options] { run = [options] { return RunAllocate(*options); }; });
}

}  // namespace saylau::cli
