// Commission keys for the fixture election (fixture_election.h) and signed submissions made
// with them, as a commission's client sends them to the results service (docs/api.md).
// Test-only (saylau::testing). Keys come from fixed seeds, so every run signs alike.
// Not thread-safe (each FixtureSigners counts its own sequence numbers).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "saylau/core/protocol.h"
#include "saylau/core/turnout.h"
#include "saylau/crypto/envelope.h"
#include "saylau/crypto/signing.h"

namespace saylau::testing {

// The JSON body a commission signs: {"contest","unit","round","lines":{...}[,"reason"]} for a
// protocol, {"unit","time","voters","issued"[,"reason"]} for a turnout report. The envelope
// names the commission, so the body does not.
std::string ProtocolBody(const core::ProtocolSubmission& protocol);
std::string TurnoutBody(const core::TurnoutSubmission& report);

// The deterministic key pair of commission `commission` (any unit id of the fixture election,
// or a name that is not one, for an unregistered key).
crypto::KeyPair FixtureKey(const std::string& commission);

class FixtureSigners {
 public:
  // Signs `body` with `commission`'s key and its next sequence number (1, 2, 3 ...).
  crypto::Envelope Sign(const std::string& commission, std::string body);
  // Signs with an explicit sequence number; the counter moves to it when it is higher.
  crypto::Envelope SignAt(const std::string& commission, std::int64_t seq, std::string body);
  std::int64_t last_seq(const std::string& commission) const;

 private:
  std::map<std::string, std::int64_t> seq_;
};

}  // namespace saylau::testing
