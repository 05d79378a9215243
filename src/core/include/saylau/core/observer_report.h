// An accredited observer's report without figures: at a polling station, for a contest and
// round, the observer could not do what the law lets observers do (watch the count, stay in the
// station, receive a copy of the protocol), with the time and an optional note. The documented
// list of reasons and their sources: docs/observer-reports.md. Header-only value types; pure.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace saylau::core {

enum class ObservationReason {
  kCountingNotObserved,    // the count took place, but the observer could not watch it
  kDeniedAccess,           // not let into the polling station
  kRemovedFromStation,     // made to leave the polling station
  kViewObstructed,         // present, but kept too far or with the view blocked
  kCopyOfProtocolRefused,  // refused the copy of the protocol the law gives on request
  kOther,                  // anything else; the note says what
};

// Every reason, in the documented order (counts and pages list them so).
inline constexpr std::array<ObservationReason, 6> kObservationReasons = {
    ObservationReason::kCountingNotObserved,   ObservationReason::kDeniedAccess,
    ObservationReason::kRemovedFromStation,    ObservationReason::kViewObstructed,
    ObservationReason::kCopyOfProtocolRefused, ObservationReason::kOther};

// The written name of a reason ("counting-not-observed", ...).
constexpr std::string_view ObservationReasonName(ObservationReason reason) {
  switch (reason) {
    case ObservationReason::kCountingNotObserved:
      return "counting-not-observed";
    case ObservationReason::kDeniedAccess:
      return "denied-access";
    case ObservationReason::kRemovedFromStation:
      return "removed-from-station";
    case ObservationReason::kViewObstructed:
      return "view-obstructed";
    case ObservationReason::kCopyOfProtocolRefused:
      return "copy-of-protocol-refused";
    case ObservationReason::kOther:
      return "other";
  }
  return "other";
}

inline std::optional<ObservationReason> ObservationReasonFromName(std::string_view name) {
  for (ObservationReason reason : kObservationReasons) {
    if (ObservationReasonName(reason) == name) return reason;
  }
  return std::nullopt;
}

// The note is free text, at most this many bytes of UTF-8 (about a paragraph).
inline constexpr std::size_t kMaxObservationNoteBytes = 1000;

struct ObserverReport {
  std::string contest;
  std::string unit;  // the polling station
  int round = 1;
  ObservationReason reason = ObservationReason::kCountingNotObserved;
  std::string observed_at;  // when, as the observer wrote it: YYYY-MM-DDTHH:MM[:SS] with Z or ±HH:MM
  std::string note;         // optional (required for kOther)
  std::string observer;     // the signer, set at admission
  std::string origin;       // file:line or api:observer#seq, for messages
};

}  // namespace saylau::core
