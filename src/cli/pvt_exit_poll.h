// saylau pvt exit-poll: an exit poll known only from its published shares (stats/exit_poll.h),
// each share's interval beside the official result of a definition's counts or a database.
#pragma once

#include <CLI/CLI.hpp>

#include "commands.h"

namespace saylau::cli {

// Adds the exit-poll subcommand to `pvt`.
void AddPvtExitPollCommand(CLI::App* pvt, Runner& run);

}  // namespace saylau::cli
