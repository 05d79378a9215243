// The names of the refusals, as the API and the verifier report them.
#include "saylau/intake/refusal.h"

namespace saylau::intake {

std::string_view RefusalName(Refusal refusal) {
  switch (refusal) {
    case Refusal::kMalformed:
      return "malformed";
    case Refusal::kBadSignature:
      return "bad-signature";
    case Refusal::kUnknownKey:
      return "unknown-key";
    case Refusal::kUnknownContest:
      return "unknown-contest";
    case Refusal::kUnknownUnit:
      return "unknown-unit";
    case Refusal::kNotAuthorised:
      return "not-authorised";
    case Refusal::kReplay:
      return "replay";
    case Refusal::kOutOfOrder:
      return "out-of-order";
    case Refusal::kNotAllowed:
      return "not-allowed";
    case Refusal::kUnknownHead:
      return "unknown-head";
  }
  return "malformed";
}

}  // namespace saylau::intake
