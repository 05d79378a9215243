// Fuzz target: the bodies of certifications, observers' copies and witnesses' countersignatures.
// Each input is signed (as far as the service knows: the signature is taken as valid, which
// only the fuzzer can do) by the CEC and by an accredited observer and handed to
// ResultsService::CertifySigned and ObserveSigned on a fresh small election with counted
// protocols; whatever was stored must replay to the same totals. The same bytes go through the
// stored decoders (formats::DecodeStageChange, ledger::DecodeTreeHead, DecodeLogEntry), which
// must give back what they decoded when encoded again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "saylau/formats/submission_json.h"
#include "saylau/ledger/log_entry.h"
#include "saylau/ledger/tree_head.h"
#include "small_election.h"

namespace {

using namespace saylau;

void Require(bool condition) {
  if (!condition) std::abort();
}

service::SignedSubmission SignedBy(const crypto::KeyPair& key, std::string_view body) {
  crypto::Envelope envelope{key.commission, crypto::ToBase64(key.public_key), 1, std::string(body), "c2ln"};
  return {std::move(envelope), true};
}

void CheckService(std::string_view body) {
  std::unique_ptr<service::ResultsService> service = fuzz::OpenSmallService(/*with_protocols=*/true);
  const std::string at = "2023-03-20T00:00:00Z";
  Result<service::Acknowledgement> certified = service->CertifySigned(SignedBy(fuzz::CecKey(), body), at);
  (void)certified;
  const service::SignedSubmission observed = SignedBy(fuzz::ObserverKey(), body);
  Result<std::vector<service::Acknowledgement>> acks = service->ObserveSigned(std::span(&observed, 1), at);
  (void)acks;
  (void)service->ObserverFlags();
  Result<service::RebuildReport> rebuilt = service->Rebuild(/*rewrite=*/false);
  Require(rebuilt && rebuilt->differences.empty() && rebuilt->verdict_disagreements == 0);
}

void CheckDecoders(std::string_view text) {
  if (Result<core::StageChange> change = formats::DecodeStageChange(text)) {
    const std::string stored = formats::EncodeStageChange(*change);
    Result<core::StageChange> back = formats::DecodeStageChange(stored);
    Require(back && formats::EncodeStageChange(*back) == stored);
  }
  if (Result<ledger::TreeHead> head = ledger::DecodeTreeHead(text)) {
    (void)ledger::VerifyTreeHead(*head);
    Result<ledger::TreeHead> back = ledger::DecodeTreeHead(ledger::EncodeTreeHead(*head));
    Require(back && *back == *head);
  }
  if (Result<ledger::LogEntry> entry = ledger::DecodeLogEntry(text)) {
    Result<ledger::LogEntry> back = ledger::DecodeLogEntry(ledger::EncodeLogEntry(*entry));
    Require(back && *back == *entry);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckDecoders(text);
  CheckService(text);
  return 0;
}
