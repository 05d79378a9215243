// The npm baselines of bench/allocation_benchmark: the packages `dhondt` and `sainte-lague`
// (installed into a build directory by bench/allocation/run), run by node in the same run on
// the same inputs. Writes the cases (the 2023 Mazhilis list votes, 7 x 69, then seeded random
// inputs with ties and zero votes), runs bench/allocation/npm_allocation.mjs, compares every
// answer with the fast path (a tie reported by saylau must be one the package settles in list
// order, or refuses as ambiguous) and times both sides, interleaved, median of the rounds.
#pragma once

#include <string>

namespace saylau::bench {

struct NpmOptions {
  std::string npm_dir;  // holds node_modules/dhondt and node_modules/sainte-lague
  std::string script;   // npm_allocation.mjs
  int time_ms = 300;    // per side and package, per round
  int rounds = 5;       // alternating: the fast side, then a node process
  int random_cases = 2000;
  bool smoke = false;  // a short run that checks the answers; its timings are not judged
};

// Prints the comparison. Returns 0 when it ran with every answer equal, or was skipped (no
// node, no packages: said so), and 1 when an answer differs or node failed.
int CompareWithNpm(const NpmOptions& options);

}  // namespace saylau::bench
