// Signed tree heads: signing input, signature, JSON.
#include "saylau/ledger/tree_head.h"

#include <chrono>
#include <nlohmann/json.hpp>

namespace saylau::ledger {

std::string TreeHeadSigningInput(const TreeHead& head) {
  if (!head.binding) {
    return "saylau-tree-head-v1\n" + std::to_string(head.size) + "\n" + ToHex(head.root) + "\n" +
           std::to_string(head.timestamp);
  }
  const HeadBinding& b = *head.binding;
  return "saylau-tree-head-v2\n" + std::to_string(head.size) + "\n" + ToHex(head.root) + "\n" +
         std::to_string(head.timestamp) + "\n" + ToHex(b.definition) + "\n" + ToHex(b.keys) + "\n" +
         std::to_string(b.keys_count) + "\n" + std::to_string(b.observers_count);
}

TreeHead SignTreeHead(const crypto::KeyPair& log_key, std::uint64_t size, const Hash& root, std::int64_t timestamp,
                      const std::optional<HeadBinding>& binding) {
  TreeHead head{size, root, timestamp, crypto::ToBase64(log_key.public_key), {}, binding};
  head.signature = crypto::ToBase64(crypto::Sign(log_key.secret_key, TreeHeadSigningInput(head)));
  return head;
}

bool VerifyTreeHead(const TreeHead& head) {
  if (head.key.empty() || head.signature.empty()) return false;
  const std::optional<std::string> key = crypto::FromBase64(head.key);
  const std::optional<std::string> signature = crypto::FromBase64(head.signature);
  return key && signature && crypto::Verify(*key, TreeHeadSigningInput(head), *signature);
}

std::string EncodeTreeHead(const TreeHead& head) {
  nlohmann::ordered_json json;
  json["size"] = head.size;
  json["root"] = ToHex(head.root);
  json["timestamp"] = head.timestamp;
  if (head.binding) {
    json["definition"] = ToHex(head.binding->definition);
    json["keys"] = ToHex(head.binding->keys);
    json["keys_count"] = head.binding->keys_count;
    json["observers_count"] = head.binding->observers_count;
  }
  json["key"] = head.key;
  json["signature"] = head.signature;
  return json.dump();
}

Result<TreeHead> DecodeTreeHead(std::string_view text) {
  const nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object()) return InvalidArgument("a tree head is a JSON object");
  TreeHead head;
  if (!json.contains("size") || !json["size"].is_number_unsigned()) {
    return InvalidArgument("field 'size': a whole number");
  }
  head.size = json["size"].get<std::uint64_t>();
  const std::optional<Hash> root =
      json.contains("root") && json["root"].is_string() ? HashFromHex(json["root"].get<std::string>()) : std::nullopt;
  if (!root) return InvalidArgument("field 'root': 64 hex digits");
  head.root = *root;
  if (!json.contains("timestamp") || !json["timestamp"].is_number_integer()) {
    return InvalidArgument("field 'timestamp': milliseconds since the epoch");
  }
  head.timestamp = json["timestamp"].get<std::int64_t>();
  for (const char* name : {"key", "signature"}) {
    if (json.contains(name) && !json[name].is_string())
      return InvalidArgument(std::string("field '") + name + "': text");
  }
  const int bound = json.contains("definition") + json.contains("keys") + json.contains("keys_count") +
                    json.contains("observers_count");
  if (bound != 0) {
    if (bound != 4) return InvalidArgument("fields 'definition', 'keys', 'keys_count', 'observers_count': all or none");
    HeadBinding binding;
    for (const auto& [name, hash] : {std::pair{"definition", &binding.definition}, std::pair{"keys", &binding.keys}}) {
      const std::optional<Hash> value =
          json[name].is_string() ? HashFromHex(json[name].get<std::string>()) : std::nullopt;
      if (!value) return InvalidArgument(std::string("field '") + name + "': 64 hex digits");
      *hash = *value;
    }
    for (const auto& [name, count] :
         {std::pair{"keys_count", &binding.keys_count}, std::pair{"observers_count", &binding.observers_count}}) {
      if (!json[name].is_number_unsigned()) return InvalidArgument(std::string("field '") + name + "': a whole number");
      *count = json[name].get<std::uint64_t>();
    }
    head.binding = binding;
  }
  head.key = json.value("key", "");
  head.signature = json.value("signature", "");
  return head;
}

Result<std::optional<TreeHead>> DecodeWitness(std::string_view body) {
  const nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_object() || !json.contains("witness")) return std::optional<TreeHead>();
  Result<TreeHead> head = DecodeTreeHead(json["witness"].dump());
  if (!head) return head.error();
  return std::optional<TreeHead>(std::move(*head));
}

std::int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace saylau::ledger
