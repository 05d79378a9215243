// The codes of violations' details (Violation::code, protocol.h): the one list of them, with
// the values each names (Violation::params, in this order; "..." = repeated). The core writes
// a code beside every English detail it writes; the dashboard words each code in Kazakh,
// Russian and English (web/src/detail_text.ts), and web/tests/i18n-keys.test.mjs reads this
// list and fails when a code has no wording in a language. Constants only, safe from any thread.
#pragma once

#include <algorithm>
#include <array>
#include <string_view>

namespace saylau::core {

inline constexpr std::array<std::string_view, 34> kDetailCodes = {
    // A relation of the form (or of a turnout report or a sitting) that does not hold: each
    // term of the left side, then {op: the failed comparison (≠ > < ≥ ≤)}, then the right
    // side's terms. A term is named by its sign and what it counts: "+issued", "-cancelled",
    // "+{options}" (the votes of all options), "+#" (a literal, its value); the value is the
    // term's number.
    "relation",
    "negative",                   // line, value
    "above-bound",                // line, value, max
    "unreadable",                 // line...
    "photo-hash",                 // (none)
    "unknown-lines",              // contest, line...
    "repeated-lines",             // line...
    "off-ballot",                 // round, contest, on..., off...
    "missing-options",            // contest, option...
    "against-all-missing",        // line, contest
    "against-all-off-ballot",     // line, contest
    "missing-lines",              // line...
    "unknown-contest",            // contest, election
    "unknown-unit",               // unit
    "not-counted-at",             // contest, unit, counted_under
    "unknown-round",              // round, contest, max_round
    "not-a-station",              // unit
    "not-a-voting-day",           // round
    "unknown-time",               // time
    "below-earlier",              // line, time, value, other_time, other_value
    "above-later",                // line, time, value, other_time, other_value
    "unknown-sitting-time",       // time, day, days_after
    "electors-not-as-defined",    // electors, contest, defined
    "electors-changed",           // electors, other_electors, other_time
    "not-above",                  // commission
    "already-accepted",           // unit
    "no-reason",                  // commission
    "certified-final",            // round, contest, by, at, unit (by and at may be empty)
    "certified-final-turnout",    // round, contest, by, at, unit
    "no-such-round",              // contest, round, max_round
    "previous-round-open",        // round, contest, previous
    "previous-round-not-runoff",  // round, contest, previous, decision (empty when none)
    "no-quorum",                  // unit, present, electors, time, rule (more-than|at-least), percent, least
    "attendance-differs",         // took_part, time, present
};

// Whether `code` is one of kDetailCodes.
inline bool IsDetailCode(std::string_view code) {
  return std::find(kDetailCodes.begin(), kDetailCodes.end(), code) != kDetailCodes.end();
}

}  // namespace saylau::core
