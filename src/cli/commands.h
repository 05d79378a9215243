// The subcommands of `saylau`, one file each. Each Add* registers its CLI11 subcommand and
// sets `run` to the function that executes it and returns the process exit code.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "saylau/base/result.h"

namespace saylau::cli {

// Exit codes scripts can trust.
inline constexpr int kExitOk = 0;
inline constexpr int kExitCheckFailed = 1;  // a legal check failed or a tie is unresolved
inline constexpr int kExitBadInput = 2;     // the input is malformed; the message names the place
inline constexpr int kExitInternal = 70;    // a bug; please report it

using Runner = std::function<int()>;

void AddCheckCommand(CLI::App& app, Runner& run);
void AddResultsCommand(CLI::App& app, Runner& run);
void AddAllocateCommand(CLI::App& app, Runner& run);
void AddInitCommand(CLI::App& app, Runner& run);
void AddIngestCommand(CLI::App& app, Runner& run);
void AddStatusCommand(CLI::App& app, Runner& run);
void AddExportCommand(CLI::App& app, Runner& run);
void AddCertifyCommand(CLI::App& app, Runner& run);
void AddRecountCommand(CLI::App& app, Runner& run);
void AddRebuildCommand(CLI::App& app, Runner& run);
void AddHistoryCommand(CLI::App& app, Runner& run);
void AddSynthCommand(CLI::App& app, Runner& run);
void AddKeysCommand(CLI::App& app, Runner& run);
void AddServeCommand(CLI::App& app, Runner& run);
void AddSubmitCommand(CLI::App& app, Runner& run);
void AddObserversCommand(CLI::App& app, Runner& run);
void AddPublishCommands(CLI::App& app, Runner& run);
void AddPvtCommand(CLI::App& app, Runner& run);
void AddForensicsCommand(CLI::App& app, Runner& run);
void AddWhatifCommand(CLI::App& app, Runner& run);
void AddImportCommand(CLI::App& app, Runner& run);
void AddImportContestsCommand(CLI::App& app, Runner& run);
void AddReportCommand(CLI::App& app, Runner& run);

// Prints "saylau: <message>" to stderr and returns the exit code for `error`.
int ReportError(const Error& error);

}  // namespace saylau::cli
