// Printing a web page to PDF with headless Chromium, for `saylau report --pdf`: finding the
// browser, running it without a shell (posix_spawn) with its own throwaway profile and no
// network of its own beyond the page, waiting at most a timeout, and checking the file it wrote.
// Blocking; one call at a time per output file.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "saylau/base/result.h"

namespace saylau::cli {

// The Chromium to run: `explicit_path` when given (it must be an executable file), else the first
// of chromium, chromium-browser, google-chrome, google-chrome-stable found on PATH; nullopt when
// there is none.
std::optional<std::string> FindChromium(const std::string& explicit_path);

struct PdfPrint {
  std::string chromium;  // FindChromium's answer
  std::string url;       // the page; it must finish loading without a stream left open
  std::string out;       // the PDF to write (replaced)
  std::chrono::seconds timeout{60};
  int virtual_time_budget_ms = 15'000;  // how long the page may run its scripts, in its own time
};

// Prints `print.url` to `print.out` (A4 from the page's @page rule, no header or footer).
// Errors: kUnavailable when Chromium cannot be started, fails, runs past the timeout (it is
// killed) or writes no PDF (the message ends with the last lines Chromium printed).
Status PrintToPdf(const PdfPrint& print);

// Whether `path` holds a PDF (it starts with "%PDF-"); its page count when it does ("/Type /Page"
// objects, 0 when none is found).
Result<int> CheckPdf(const std::string& path);

}  // namespace saylau::cli
