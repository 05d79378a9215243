// Who takes part in seat allocation: a percentage threshold over an explicit base, compared
// exactly (votes * 100 >= percent * base). A base is a sum of a tally's ballot roles (e.g.
// `options + against_all`), so a protocol form's lines reach it through the form's bases.
// Pure values and functions.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "saylau/core/ratio.h"
#include "saylau/core/tally.h"

namespace saylau::core {

// The ballot roles of a tally a base may add up (registered voters are not ballots).
enum class BallotRole { kTookPart, kValid, kInvalid, kAgainstAll, kBothMarked, kOptions };

// A threshold or majority base: `role (('+' | '-') role)*` over took_part, valid, invalid,
// against_all, both_marked and options (the votes for the options). Three names are aliases:
// valid-with-against-all = options + against_all (Kazakh elections), took-part = took_part
// (the Kazakh referendum), valid-options-only = options.
// A literal type: the aliases are constants, initialised before any code runs.
class ThresholdBase {
 public:
  struct Term {
    BallotRole role = BallotRole::kOptions;
    bool negative = false;
    friend constexpr bool operator==(const Term&, const Term&) = default;
  };
  static constexpr std::size_t kMaxTerms = 8;
  static const ThresholdBase kValidWithAgainstAll;
  static const ThresholdBase kTookPart;
  static const ThresholdBase kValidOptionsOnly;

  constexpr ThresholdBase() = default;  // no terms: 0
  // REQUIRES: at most kMaxTerms terms.
  constexpr ThresholdBase(std::initializer_list<Term> terms) {
    for (const Term& term : terms) terms_[size_++] = term;
  }
  constexpr bool Add(Term term) {
    if (size_ == kMaxTerms) return false;
    terms_[size_++] = term;
    return true;
  }
  constexpr std::span<const Term> terms() const { return {terms_.data(), size_}; }
  // Two bases are the same sum when they have the same terms in the same order.
  friend constexpr bool operator==(const ThresholdBase& a, const ThresholdBase& b) {
    if (a.size_ != b.size_) return false;
    for (std::size_t i = 0; i < a.size_; ++i) {
      if (!(a.terms_[i] == b.terms_[i])) return false;
    }
    return true;
  }

 private:
  std::array<Term, kMaxTerms> terms_{};
  std::size_t size_ = 0;
};
inline constexpr ThresholdBase ThresholdBase::kValidWithAgainstAll{{BallotRole::kOptions, false},
                                                                  {BallotRole::kAgainstAll, false}};
inline constexpr ThresholdBase ThresholdBase::kTookPart{{BallotRole::kTookPart, false}};
inline constexpr ThresholdBase ThresholdBase::kValidOptionsOnly{{BallotRole::kOptions, false}};
// The alias of `base` when it has one ("valid-with-against-all"), else its sum ("valid + invalid").
std::string ThresholdBaseName(const ThresholdBase& base);
// An alias or an expression over the ballot roles; none when it is neither.
std::optional<ThresholdBase> ThresholdBaseFromName(std::string_view name);

struct Threshold {
  Ratio percent{5, 1};
  ThresholdBase base = ThresholdBase::kValidWithAgainstAll;
};

// The base total of `tally`. Errors: kInvalidArgument when the base needs a role the tally
// lacks (took_part, valid or invalid; both_marked is 0 when absent).
Result<std::int64_t> BaseTotal(const ThresholdBase& base, const Tally& tally);

// True when votes reach `percent` % of `base` (inclusive, exact).
inline bool PassesThreshold(std::int64_t votes, std::int64_t base, const Ratio& percent) {
  return AtLeastPercent(votes, base, percent);
}

// The least vote count that passes: ceil(percent * base / 100).
std::int64_t VotesNeeded(std::int64_t base, const Ratio& percent);

}  // namespace saylau::core
