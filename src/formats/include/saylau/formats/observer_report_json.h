// Observers' reports without figures (core/observer_report.h) as JSON and in files: the body of
// a signed report ({"contest","unit"[,"round"],"observation","observed_at"[,"note"]}), its
// canonical stored text, and a file of them (CSV with those columns, or JSON Lines) for
// `saylau submit --observer`. Everything a report must be is checked here, naming the field (and
// file:line): a known reason, the time, a note of at most kMaxObservationNoteBytes of UTF-8
// (required for "other"), and no figures. Format: docs/observer-reports.md. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "saylau/base/result.h"
#include "saylau/core/observer_report.h"

namespace saylau::formats {

// A JSON object with an "observation" field is a report: it is read and checked whole.
// nullopt when the text is a JSON object without "observation" (a copy of figures, a witness).
// Errors: kInvalidArgument naming the field (an unknown reason, a note too long or not UTF-8, a
// bad time, figures beside the reason, a field a report does not have).
Result<std::optional<core::ObserverReport>> ParseObserverReportJson(std::string_view text, const std::string& origin);

// The checks shared by every way in: reason given, time, note, round. Errors: kInvalidArgument.
Status CheckObserverReport(const core::ObserverReport& report);

// The canonical text (keys sorted), with "commission" set to the observer when known; what is
// stored and what ParseObserverReportJson reads back.
std::string EncodeObserverReport(const core::ObserverReport& report);

// Whether a file holds observers' reports: a CSV header with an "observation" column, or JSON
// Lines whose first object has "observation".
bool IsObserverReportsFile(std::string_view text, const std::string& file_name);

// Every report of a file, in order, each with its origin file:line. The file is read whole:
// Errors: kInvalidArgument "file:line: ..." at the first bad row (nothing is returned).
Result<std::vector<core::ObserverReport>> ReadObserverReports(std::string_view text, const std::string& file_name);

}  // namespace saylau::formats
