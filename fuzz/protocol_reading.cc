#include "protocol_reading.h"

#include <cstdlib>
#include <variant>

#include "saylau/formats/submission_json.h"
#include "saylau/formats/submission_reader.h"
#include "small_election.h"

namespace saylau::fuzz {

void ReadAndJudge(std::string_view text, const std::string& file_name) {
  static const core::ElectionNight night(SmallElection());
  Result<std::unique_ptr<formats::SubmissionReader>> reader = formats::OpenSubmissions(text, file_name);
  if (!reader) return;
  formats::Submission submission;
  for (int count = 0; count < 10000; ++count) {
    Result<bool> got = (*reader)->Next(submission);
    if (!got || !*got) return;
    if ((*reader)->position() > (*reader)->size()) std::abort();
    if (const auto* protocol = std::get_if<core::ProtocolSubmission>(&submission)) {
      (void)night.JudgeProtocol(*protocol);
      // What is stored decodes again to the same text (a rebuild replays it).
      const std::string stored = formats::EncodeProtocol(*protocol);
      Result<core::ProtocolSubmission> back = formats::DecodeProtocol(stored);
      if (!back || formats::EncodeProtocol(*back) != stored) std::abort();
    } else {
      const auto& report = std::get<core::TurnoutSubmission>(submission);
      (void)night.JudgeTurnout(report);
      const std::string stored = formats::EncodeTurnout(report);
      Result<core::TurnoutSubmission> back = formats::DecodeTurnout(stored);
      if (!back || formats::EncodeTurnout(*back) != stored) std::abort();
    }
  }
}

}  // namespace saylau::fuzz
