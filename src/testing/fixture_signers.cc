// Fixed-seed commission keys for the fixture election and the signed bodies they send.
#include "saylau/testing/fixture_signers.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace saylau::testing {

std::string ProtocolBody(const core::ProtocolSubmission& protocol) {
  nlohmann::json lines = nlohmann::json::object();
  for (const auto& [name, value] : protocol.lines) lines[name] = value;
  nlohmann::json body = {
      {"contest", protocol.contest}, {"unit", protocol.unit}, {"round", protocol.round}, {"lines", lines}};
  if (!protocol.reason.empty()) body["reason"] = protocol.reason;
  return body.dump();
}

std::string TurnoutBody(const core::TurnoutSubmission& report) {
  nlohmann::json body = {
      {"unit", report.unit}, {"time", report.time}, {"voters", report.voters}, {"issued", report.issued}};
  if (!report.reason.empty()) body["reason"] = report.reason;
  return body.dump();
}

crypto::KeyPair FixtureKey(const std::string& commission) {
  std::string seed = "saylau-fixture:" + commission;
  seed.resize(32, '.');  // longer names are cut: the fixture's unit ids are short
  return crypto::KeyPairFromSeed(commission, seed);
}

crypto::Envelope FixtureSigners::Sign(const std::string& commission, std::string body) {
  return SignAt(commission, last_seq(commission) + 1, std::move(body));
}

crypto::Envelope FixtureSigners::SignAt(const std::string& commission, std::int64_t seq, std::string body) {
  std::int64_t& last = seq_[commission];
  last = std::max(last, seq);
  return crypto::SignEnvelope(FixtureKey(commission), seq, std::move(body));
}

std::int64_t FixtureSigners::last_seq(const std::string& commission) const {
  const auto found = seq_.find(commission);
  return found == seq_.end() ? 0 : found->second;
}

}  // namespace saylau::testing
