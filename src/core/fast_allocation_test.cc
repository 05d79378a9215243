// The fast path of seat allocation against the explained one: the 2023 Mazhilis list votes as
// published (data/kz), ties reported with their contenders, hostile input refused, and
// (rapidcheck) equality with Allocate() on random inputs with ties, zero votes and the limits.
#include "saylau/core/fast_allocation.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace saylau::core {
namespace {

const std::vector<Method> kFastMethods = {Method::kHare, Method::kDhondt, Method::kSainteLague,
                                          Method::kModifiedSainteLague, Method::kDanish};

std::vector<ListVotes> ToLists(const std::vector<std::int64_t>& votes) {
  std::vector<ListVotes> lists;
  for (std::size_t i = 0; i < votes.size(); ++i) lists.push_back({"o" + std::to_string(i), votes[i]});
  return lists;
}

// The 2023 Mazhilis party-list votes, in the order of the counts file.
std::vector<std::int64_t> Mazhilis2023Votes() {
  std::ifstream file(std::string(SAYLAU_SOURCE_DIR) + "/data/kz/counts/mazhilis-2023-list-national.csv");
  std::vector<std::int64_t> votes;
  std::string row;
  while (std::getline(file, row)) {
    std::stringstream cells(row);
    std::string contest, unit, line, value;
    std::getline(cells, contest, ',');
    std::getline(cells, unit, ',');
    std::getline(cells, line, ',');
    std::getline(cells, value, ',');
    if (contest != "mazhilis-list" || line == "registered" || line == "took_part" || line == "against_all") continue;
    votes.push_back(std::stoll(value));
  }
  return votes;
}

// Asserts that the fast path's last outcome is Allocate()'s under kUnresolved and, settled in
// order, Allocate()'s under kOrder.
void ExpectSameAsExplained(const FastAllocator& fast, FastStatus status, const FastRule& rule,
                           const std::vector<std::int64_t>& votes) {
  const std::vector<ListVotes> lists = ToLists(votes);
  const AllocationOptions options{.method = rule.method, .seats = rule.seats, .first_divisor = rule.first_divisor};
  AllocationOptions unresolved = options;
  unresolved.ties = TieRule::kUnresolved;
  Result<Allocation> open = Allocate(unresolved, lists);
  Result<Allocation> ordered = Allocate(options, lists);
  RC_ASSERT(open.has_value());
  RC_ASSERT(ordered.has_value());
  const std::vector<int> seats(fast.seats().begin(), fast.seats().end());
  RC_ASSERT(seats == open->seats);
  RC_ASSERT(fast.tied_seats() == open->unresolved_seats);
  RC_ASSERT((status == FastStatus::kTie) == !open->ties.empty());
  std::vector<int> settled = seats;
  if (status == FastStatus::kTie) {
    RC_ASSERT(open->ties.size() == 1u);
    const std::vector<int> tied(fast.tied().begin(), fast.tied().end());
    RC_ASSERT(tied == open->ties[0].contenders);
    RC_ASSERT(fast.tied_seats() == open->ties[0].seats_at_stake);
    RC_ASSERT(fast.tied_seats() < static_cast<int>(tied.size()));
    for (int t = 0; t < fast.tied_seats(); ++t) ++settled[tied[t]];
  } else {
    RC_ASSERT(status == FastStatus::kDecided);
    RC_ASSERT(fast.tied().empty());
  }
  RC_ASSERT(settled == ordered->seats);
}

TEST(FastAllocationTest, Mazhilis2023ListVotesGiveThePublishedSeats) {
  const std::vector<std::int64_t> votes = Mazhilis2023Votes();
  ASSERT_EQ(votes.size(), 7u);
  ASSERT_EQ(votes[0], 3'431'510);
  FastAllocator fast;
  // As held: Hare among the six lists over 5 % (Baytaq, the last, is under it): 40 8 6 6 5 4.
  const std::vector<std::int64_t> passed(votes.begin(), votes.end() - 1);
  ASSERT_EQ(fast.Allocate({.method = Method::kHare, .seats = 69}, passed), FastStatus::kDecided);
  EXPECT_EQ(std::vector<int>(fast.seats().begin(), fast.seats().end()), (std::vector<int>{40, 8, 6, 6, 5, 4}));
  // All seven lists by the divisor methods (the npm packages of the benchmark agree).
  ASSERT_EQ(fast.Allocate({.method = Method::kDhondt, .seats = 69}, votes), FastStatus::kDecided);
  EXPECT_EQ(std::vector<int>(fast.seats().begin(), fast.seats().end()), (std::vector<int>{40, 8, 6, 6, 5, 3, 1}));
  ASSERT_EQ(fast.Allocate({.method = Method::kSainteLague, .seats = 69}, votes), FastStatus::kDecided);
  EXPECT_EQ(std::vector<int>(fast.seats().begin(), fast.seats().end()), (std::vector<int>{38, 8, 6, 6, 5, 4, 2}));
  for (const auto* set : {&votes, &passed}) {
    for (Method method : kFastMethods) {
      for (int seats : {1, 7, 69, 98, 145, 1000}) {
        const FastRule rule{.method = method, .seats = seats};
        const FastStatus status = fast.Allocate(rule, *set);
        ASSERT_EQ(status, FastStatus::kDecided) << MethodName(method) << " " << seats;
        ExpectSameAsExplained(fast, status, rule, *set);
      }
    }
  }
}

TEST(FastAllocationTest, DivisorTieIsReportedWithItsContendersAndLeftOpen) {
  FastAllocator fast;
  // 100 and 100 for 3 seats: one each, then 100/2 = 100/2 for the last seat.
  ASSERT_EQ(fast.Allocate({.method = Method::kDhondt, .seats = 3}, std::vector<std::int64_t>{100, 0, 100}),
            FastStatus::kTie);
  EXPECT_EQ(std::vector<int>(fast.seats().begin(), fast.seats().end()), (std::vector<int>{1, 0, 1}));
  EXPECT_EQ(std::vector<int>(fast.tied().begin(), fast.tied().end()), (std::vector<int>{0, 2}));
  EXPECT_EQ(fast.tied_seats(), 1);
  // Equal claims that fit are all awarded: no tie.
  ASSERT_EQ(fast.Allocate({.method = Method::kDhondt, .seats = 4}, std::vector<std::int64_t>{100, 0, 100}),
            FastStatus::kDecided);
  EXPECT_EQ(std::vector<int>(fast.seats().begin(), fast.seats().end()), (std::vector<int>{2, 0, 2}));
  EXPECT_TRUE(fast.tied().empty());
  EXPECT_EQ(fast.tied_seats(), 0);
}

TEST(FastAllocationTest, HareTieIsReportedWithItsContendersAndLeftOpen) {
  FastAllocator fast;
  // 10 seats over 3 equal lists: 3 each, and three equal remainders for the last seat.
  ASSERT_EQ(fast.Allocate({.method = Method::kHare, .seats = 10}, std::vector<std::int64_t>{7, 7, 7}),
            FastStatus::kTie);
  EXPECT_EQ(std::vector<int>(fast.seats().begin(), fast.seats().end()), (std::vector<int>{3, 3, 3}));
  EXPECT_EQ(std::vector<int>(fast.tied().begin(), fast.tied().end()), (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(fast.tied_seats(), 1);
}

TEST(FastAllocationTest, RefusesWhatAllocateRefuses) {
  FastAllocator fast;
  const std::vector<std::int64_t> fine = {10, 20};
  EXPECT_EQ(fast.Allocate({.method = Method::kDhondt, .seats = 0}, fine), FastStatus::kInvalid);
  EXPECT_TRUE(fast.seats().empty());
  EXPECT_EQ(fast.Allocate({.method = Method::kDhondt, .seats = kMaxSeats + 1}, fine), FastStatus::kInvalid);
  EXPECT_EQ(fast.Allocate({.method = Method::kHare, .seats = 5}, std::vector<std::int64_t>{}), FastStatus::kInvalid);
  EXPECT_EQ(fast.Allocate({.method = Method::kHare, .seats = 5}, std::vector<std::int64_t>{0, 0}),
            FastStatus::kInvalid);
  EXPECT_EQ(fast.Allocate({.method = Method::kSainteLague, .seats = 5}, std::vector<std::int64_t>{10, -1}),
            FastStatus::kInvalid);
  EXPECT_EQ(fast.Allocate({.method = Method::kDanish, .seats = 5}, std::vector<std::int64_t>{kMaxVotes + 1, 1}),
            FastStatus::kInvalid);
  EXPECT_EQ(fast.Allocate({.method = Method::kModifiedSainteLague, .seats = 5, .first_divisor = {0, 1}}, fine),
            FastStatus::kInvalid);
  EXPECT_EQ(fast.Allocate({.method = Method::kModifiedSainteLague, .seats = 5, .first_divisor = {1, 0}}, fine),
            FastStatus::kUnsupported);
  EXPECT_EQ(fast.Allocate({.method = Method::kModifiedSainteLague, .seats = 5, .first_divisor = {3, 1}}, fine),
            FastStatus::kUnsupported);
  for (Method method : AllMethods()) {
    if (HasFastPath(method)) continue;
    EXPECT_EQ(fast.Allocate({.method = method, .seats = 5}, fine), FastStatus::kUnsupported) << MethodName(method);
    EXPECT_TRUE(fast.seats().empty());
  }
  // Each refusal is also Allocate()'s.
  EXPECT_FALSE(Allocate({.method = Method::kDhondt, .seats = 0}, ToLists(fine)).has_value());
  EXPECT_FALSE(Allocate({.method = Method::kHare, .seats = 5}, ToLists({0, 0})).has_value());
  EXPECT_FALSE(Allocate({.method = Method::kDanish, .seats = 5}, ToLists({kMaxVotes + 1, 1})).has_value());
}

TEST(FastAllocationTest, BuffersAreReusedAcrossSizes) {
  FastAllocator fast;
  ASSERT_EQ(fast.Allocate({.method = Method::kDhondt, .seats = 10}, std::vector<std::int64_t>{5, 4, 3, 2, 1, 1, 1}),
            FastStatus::kDecided);
  EXPECT_EQ(std::vector<int>(fast.seats().begin(), fast.seats().end()), (std::vector<int>{4, 3, 2, 1, 0, 0, 0}));
  // 60, then 60/2 = 30/1 for one seat.
  ASSERT_EQ(fast.Allocate({.method = Method::kDhondt, .seats = 2}, std::vector<std::int64_t>{60, 30}),
            FastStatus::kTie);
  EXPECT_EQ(std::vector<int>(fast.seats().begin(), fast.seats().end()), (std::vector<int>{1, 0}));
  EXPECT_EQ(fast.tied().size(), 2u);
  // 60 30 20 15 12 for the first, 30 15 for the second; next 10 = 10 = 10 is not needed.
  ASSERT_EQ(fast.Allocate({.method = Method::kDhondt, .seats = 7}, std::vector<std::int64_t>{60, 30, 10}),
            FastStatus::kDecided);
  EXPECT_EQ(std::vector<int>(fast.seats().begin(), fast.seats().end()), (std::vector<int>{5, 2, 0}));
  EXPECT_TRUE(fast.tied().empty());
  EXPECT_EQ(fast.tied_seats(), 0);
  ASSERT_EQ(fast.Allocate({.method = Method::kDhondt, .seats = 8}, std::vector<std::int64_t>{60, 30, 10}),
            FastStatus::kTie);
  EXPECT_EQ(std::vector<int>(fast.tied().begin(), fast.tied().end()), (std::vector<int>{0, 1, 2}));
}

// Votes from a handful of small values times a common factor (many ties, some zeros), or
// spread widely; 1 to 40 options.
rc::Gen<std::vector<std::int64_t>> TieProneVotes() {
  return rc::gen::oneOf(rc::gen::map(rc::gen::pair(rc::gen::nonEmpty(rc::gen::container<std::vector<std::int64_t>>(
                                                       rc::gen::inRange<std::int64_t>(0, 7))),
                                                   rc::gen::element<std::int64_t>(1, 3, 10, 1000)),
                                     [](const std::pair<std::vector<std::int64_t>, std::int64_t>& drawn) {
                                       std::vector<std::int64_t> votes;
                                       for (std::size_t i = 0; i < drawn.first.size() && i < 40; ++i) {
                                         votes.push_back(drawn.first[i] * drawn.second);
                                       }
                                       if (votes[0] == 0) votes[0] = drawn.second;
                                       return votes;
                                     }),
                        rc::gen::map(rc::gen::nonEmpty(rc::gen::container<std::vector<std::int64_t>>(
                                         rc::gen::inRange<std::int64_t>(0, 3'000'000))),
                                     [](std::vector<std::int64_t> votes) {
                                       if (votes.size() > 40) votes.resize(40);
                                       votes[0] += 1;
                                       return votes;
                                     }));
}

RC_GTEST_PROP(FastAllocationPropertiesTest, EqualsTheExplainedPathWithTiesAndZeros, ()) {
  const std::vector<std::int64_t> votes = *TieProneVotes();
  const int seats = *rc::gen::inRange(1, 300);
  FastAllocator fast;
  for (Method method : kFastMethods) {
    const FastRule rule{.method = method, .seats = seats};
    ExpectSameAsExplained(fast, fast.Allocate(rule, votes), rule, votes);
  }
}

RC_GTEST_PROP(FastAllocationPropertiesTest, ModifiedSainteLagueEqualsTheExplainedPathForFirstDivisorsUnder3, ()) {
  const std::vector<std::int64_t> votes = *TieProneVotes();
  const int seats = *rc::gen::inRange(1, 200);
  const std::int64_t den = *rc::gen::inRange<std::int64_t>(1, 10);
  const Ratio first{*rc::gen::inRange<std::int64_t>(1, 3 * den), den};
  FastAllocator fast;
  const FastRule rule{.method = Method::kModifiedSainteLague, .seats = seats, .first_divisor = first};
  ExpectSameAsExplained(fast, fast.Allocate(rule, votes), rule, votes);
}

RC_GTEST_PROP(FastAllocationPropertiesTest, EqualsTheExplainedPathAtTheLimits, ()) {
  // Votes up to 10^12 and houses up to 10^5: the 64-bit products stay exact.
  const auto votes = *rc::gen::map(rc::gen::nonEmpty(rc::gen::container<std::vector<std::int64_t>>(
                                       rc::gen::inRange<std::int64_t>(0, kMaxVotes + 1))),
                                   [](std::vector<std::int64_t> drawn) {
                                     if (drawn.size() > 12) drawn.resize(12);
                                     if (drawn[0] == 0) drawn[0] = kMaxVotes;
                                     return drawn;
                                   });
  const int seats = *rc::gen::oneOf(rc::gen::inRange(1, 100), rc::gen::inRange(kMaxSeats - 100, kMaxSeats + 1));
  FastAllocator fast;
  for (Method method : kFastMethods) {
    const FastRule rule{.method = method, .seats = seats};
    ExpectSameAsExplained(fast, fast.Allocate(rule, votes), rule, votes);
  }
}

}  // namespace
}  // namespace saylau::core
