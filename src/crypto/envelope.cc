// Envelope text (nlohmann::json) and its signature.
#include "saylau/crypto/envelope.h"

#include <nlohmann/json.hpp>

namespace saylau::crypto {

std::string SigningInput(const Envelope& envelope) {
  std::string input = "saylau-submission-v1\n";
  input.reserve(input.size() + envelope.commission.size() + envelope.key.size() + envelope.body.size() + 24);
  input += envelope.commission;
  input += '\n';
  input += envelope.key;
  input += '\n';
  input += std::to_string(envelope.seq);
  input += '\n';
  input += envelope.body;
  return input;
}

Envelope SignEnvelope(const KeyPair& key, std::int64_t seq, std::string body) {
  Envelope envelope{key.commission, ToBase64(key.public_key), seq, std::move(body), ""};
  envelope.signature = ToBase64(Sign(key.secret_key, SigningInput(envelope)));
  return envelope;
}

bool VerifyEnvelope(const Envelope& envelope) {
  const std::optional<std::string> key = FromBase64(envelope.key), signature = FromBase64(envelope.signature);
  return key && signature && Verify(*key, SigningInput(envelope), *signature);
}

std::string EncodeEnvelope(const Envelope& envelope) {
  nlohmann::ordered_json json;
  json["commission"] = envelope.commission;
  json["key"] = envelope.key;
  json["seq"] = envelope.seq;
  json["body"] = envelope.body;
  json["signature"] = envelope.signature;
  return json.dump();
}

Result<Envelope> DecodeEnvelope(std::string_view text) {
  const nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) return InvalidArgument("the request body is not JSON");
  if (!json.is_object()) return InvalidArgument("the request body must be a JSON object (a signed envelope)");
  Envelope envelope;
  for (const char* name : {"commission", "key", "body", "signature"}) {
    const auto at = json.find(name);
    if (at == json.end() || !at->is_string())
      return InvalidArgument(std::string("field '") + name + "': missing or not a string");
  }
  const auto seq = json.find("seq");
  if (seq == json.end() || !seq->is_number_integer() || seq->get<std::int64_t>() < 1) {
    return InvalidArgument("field 'seq': missing or not a whole number >= 1");
  }
  envelope.commission = json["commission"].get<std::string>();
  envelope.key = json["key"].get<std::string>();
  envelope.seq = seq->get<std::int64_t>();
  envelope.body = json["body"].get<std::string>();
  envelope.signature = json["signature"].get<std::string>();
  return envelope;
}

}  // namespace saylau::crypto
