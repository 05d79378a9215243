#include "saylau/formats/diagnostics.h"

#include "saylau/base/text.h"

namespace saylau::formats {

std::string Diagnostic::ToString() const {
  std::string text = file;
  if (line > 0) text += ":" + std::to_string(line);
  text += ": ";
  if (!field.empty()) text += field + ": ";
  // A message quotes what it found: as valid UTF-8 on one line, whatever the input held.
  return EscapeText(text + message);
}

void Diagnostics::Add(std::string file, int line, std::string field, std::string message) {
  items_.push_back({std::move(file), line, std::move(field), std::move(message)});
}

Error Diagnostics::ToError(std::size_t limit) const {
  std::string text;
  for (std::size_t i = 0; i < items_.size() && i < limit; ++i) {
    if (i > 0) text += "\n";
    text += items_[i].ToString();
  }
  if (items_.size() > limit) text += "\n... and " + std::to_string(items_.size() - limit) + " more";
  return InvalidArgument(std::move(text));
}

}  // namespace saylau::formats
