// Protocol forms: expressions and checks parse over a form's lines (unknown names refused by
// name), evaluate exactly at the bounds, and a relation that fails shows its numbers.
#include "saylau/core/protocol_form.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace saylau::core {
namespace {

ProtocolForm ThreeLines() {
  ProtocolForm form;
  form.id = "small";
  for (const char* name : {"issued", "found", "cancelled"}) form.lines.push_back({.name = name});
  return form;
}

TEST(ProtocolFormTest, IndexOfFindsLinesInFormOrder) {
  const ProtocolForm form = ThreeLines();
  EXPECT_EQ(form.IndexOf("issued"), 0);
  EXPECT_EQ(form.IndexOf("cancelled"), 2);
  EXPECT_EQ(form.IndexOf("valid"), -1);
  EXPECT_EQ(form.Width(4), 7);
}

TEST(ProtocolFormTest, ExpressionsParseLinesOptionsAndLiterals) {
  const ProtocolForm form = ThreeLines();
  Result<LineExpression> got = ParseLineExpression(" issued+ cancelled -options - 7 ", form);
  ASSERT_TRUE(got.has_value()) << got.error().message;
  ASSERT_EQ(got->terms.size(), 4u);
  EXPECT_EQ(got->terms[0].kind, LineTerm::Kind::kLine);
  EXPECT_EQ(got->terms[0].line, 0);
  EXPECT_FALSE(got->terms[0].negative);
  EXPECT_EQ(got->terms[1].line, 2);
  EXPECT_EQ(got->terms[2].kind, LineTerm::Kind::kOptions);
  EXPECT_TRUE(got->terms[2].negative);
  EXPECT_EQ(got->terms[3].kind, LineTerm::Kind::kLiteral);
  EXPECT_EQ(got->terms[3].literal, 7);
  EXPECT_TRUE(got->terms[3].negative);

  // issued 10, found 4, cancelled 3; options 2 and 5.
  const std::vector<std::int64_t> values = {10, 4, 3, 2, 5};
  EXPECT_TRUE(Evaluate(*got, values, 3) == 10 + 3 - 7 - 7);
}

TEST(ProtocolFormTest, UnknownNamesAndBadSyntaxAreRefusedByName) {
  const ProtocolForm form = ThreeLines();
  Result<LineExpression> unknown = ParseLineExpression("issued + lost", form);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.error().message.find("'lost' is not a line of form 'small'"), std::string::npos)
      << unknown.error().message;
  EXPECT_FALSE(ParseLineExpression("", form).has_value());
  EXPECT_FALSE(ParseLineExpression("issued +", form).has_value());
  EXPECT_FALSE(ParseLineExpression("issued found", form).has_value());
  EXPECT_FALSE(ParseLineExpression("issued * 2", form).has_value());
  EXPECT_FALSE(ParseLineExpression("Issued", form).has_value());
  EXPECT_FALSE(ParseLineExpression("1000000000001", form).has_value()) << "literals are within 10^12";
  EXPECT_TRUE(ParseLineExpression("1000000000000", form).has_value());
}

TEST(ProtocolFormTest, ChecksParseEveryComparisonAndRefuseTwo) {
  const ProtocolForm form = ThreeLines();
  for (const auto& [check, op] : {std::pair{"found <= issued", Comparison::kAtMost},
                                  std::pair{"found>=issued", Comparison::kAtLeast},
                                  std::pair{"found == issued", Comparison::kEqual},
                                  std::pair{"found < issued", Comparison::kLess},
                                  std::pair{"found > issued", Comparison::kGreater}}) {
    Result<FormRelation> got = ParseRelation("r", check, Severity::kReject, form);
    ASSERT_TRUE(got.has_value()) << check << ": " << got.error().message;
    EXPECT_EQ(got->op, op) << check;
    EXPECT_EQ(got->left.terms.size(), 1u);
  }
  EXPECT_FALSE(ParseRelation("r", "found issued", Severity::kReject, form).has_value());
  EXPECT_FALSE(ParseRelation("r", "found <= issued <= cancelled", Severity::kReject, form).has_value());
  Result<FormRelation> unknown = ParseRelation("r", "found <= lost", Severity::kReject, form);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.error().message.find("'lost'"), std::string::npos);
}

TEST(ProtocolFormTest, EvaluationIsExactFarBeyondInt64) {
  // 10^12 in every line and 10,000 options of int64's maximum: far past 2^63, still exact.
  ProtocolForm form = ThreeLines();
  std::vector<std::int64_t> values(3, 1'000'000'000'000);
  for (int i = 0; i < 10'000; ++i) values.push_back(INT64_MAX);
  Result<FormRelation> relation = ParseRelation("r", "issued + found + cancelled + options == 0", Severity::kReject, form);
  ASSERT_TRUE(relation.has_value());
  const Int128 expected = Int128{3'000'000'000'000} + Int128{10'000} * INT64_MAX;
  EXPECT_TRUE(Evaluate(relation->left, values, 3) == expected);
  EXPECT_FALSE(Holds(*relation, values, 3));
  EXPECT_EQ(DescribeViolation(form, *relation, values),
            "issued (1000000000000) + found (1000000000000) + cancelled (1000000000000) + options (" +
                Int128Text(Int128{10'000} * INT64_MAX) + ") ≠ 0");
  EXPECT_EQ(Int128Text(Int128{10'000} * INT64_MAX), "92233720368547758070000");
}

TEST(ProtocolFormTest, AFailedRelationShowsItsNumbers) {
  ProtocolForm form = ThreeLines();
  Result<FormRelation> within = ParseRelation("found-within-issued", "found <= issued", Severity::kReject, form);
  ASSERT_TRUE(within.has_value());
  const std::vector<std::int64_t> values = {751, 752, 0};
  EXPECT_FALSE(Holds(*within, values, 3));
  EXPECT_EQ(DescribeViolation(form, *within, values), "found (752) > issued (751)");
  EXPECT_TRUE(Holds(*within, std::vector<std::int64_t>{752, 752, 0}, 3));

  within->text = "found in the boxes ({found}) > issued ({issued}), {unknown} kept";
  EXPECT_EQ(DescribeViolation(form, *within, values), "found in the boxes (752) > issued (751), {unknown} kept");

  Result<FormRelation> balance =
      ParseRelation("balance", "issued == found + cancelled - 1", Severity::kWarn, form);
  ASSERT_TRUE(balance.has_value());
  EXPECT_EQ(DescribeViolation(form, *balance, values), "issued (751) ≠ found (752) + cancelled (0) - 1");
}

TEST(ProtocolFormTest, LineNamesAreLowercaseIdentifiers) {
  EXPECT_TRUE(IsLineName("issued_early"));
  EXPECT_TRUE(IsLineName("a2"));
  EXPECT_FALSE(IsLineName(""));
  EXPECT_FALSE(IsLineName("2a"));
  EXPECT_FALSE(IsLineName("Issued"));
  EXPECT_FALSE(IsLineName("issued-early"));
}

}  // namespace
}  // namespace saylau::core
