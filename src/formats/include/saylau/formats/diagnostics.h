// Errors found while reading an input file, each naming the file, the line and the field.
// A reader collects every error it can find rather than stopping at the first, so a user
// fixes a definition in one pass.
#pragma once

#include <string>
#include <vector>

#include "saylau/base/result.h"

namespace saylau::formats {

struct Diagnostic {
  std::string file;
  int line = 0;  // 1-based; 0 when the file as a whole is at fault
  std::string field;
  std::string message;
  std::string ToString() const;  // "file:line: field: message"
};

class Diagnostics {
 public:
  void Add(std::string file, int line, std::string field, std::string message);
  bool empty() const { return items_.empty(); }
  const std::vector<Diagnostic>& items() const { return items_; }
  // One error with every diagnostic, one per line, at most `limit` of them.
  Error ToError(std::size_t limit = 50) const;

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace saylau::formats
