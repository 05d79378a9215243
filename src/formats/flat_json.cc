// FlatJson: the linear reader of the canonical submission JSON, and the protocol and turnout
// shapes read through it.
#include "flat_json.h"

#include <charconv>
#include <limits>
#include <string>

#include "saylau/base/text.h"

namespace saylau::formats::internal {
namespace {

// A reader for the flat canonical JSON this file writes: an object of strings, whole numbers,
// one object of whole numbers, a list of strings and a list of {"relation", "detail"} objects.
// Fast (replays read millions, and a protocol may have many lines: linear, never quadratic);
// anything else makes it give up, and the caller falls back to nlohmann::json.
class FlatJson {
 public:
  explicit FlatJson(std::string_view text) : text_(text) {}

  // Calls on_string(key, value), on_number(key, value), on_lines(name, value), on_list(key,
  // item) and on_problem(key, relation, detail); false when the text is not of that shape.
  template <typename Strings, typename Numbers, typename Lines, typename Lists, typename Problems>
  bool Read(Strings on_string, Numbers on_number, Lines on_lines, Lists on_list, Problems on_problem) {
    if (!Expect('{')) return false;
    if (Peek() == '}') return ++at_, AtEnd();
    while (true) {
      std::string key;
      if (!String(key) || !Expect(':')) return false;
      const char next = Peek();
      if (next == '"') {
        std::string value;
        if (!String(value)) return false;
        on_string(key, std::move(value));
      } else if (next == '{') {
        ++at_;
        if (Peek() == '}') {
          ++at_;
        } else {
          while (true) {
            std::string name;
            std::int64_t value;
            if (!String(name) || !Expect(':') || !Number(value)) return false;
            on_lines(std::move(name), value);
            if (Peek() == ',') {
              ++at_;
              continue;
            }
            if (!Expect('}')) return false;
            break;
          }
        }
      } else if (next == '[') {
        ++at_;
        if (Peek() == ']') {
          ++at_;
        } else {
          while (true) {
            if (Peek() == '{') {
              ++at_;
              std::string relation, detail;
              if (!Pair("relation", relation) || !Expect(',') || !Pair("detail", detail) || !Expect('}')) {
                return false;
              }
              on_problem(key, std::move(relation), std::move(detail));
            } else {
              std::string item;
              if (!String(item)) return false;
              on_list(key, std::move(item));
            }
            if (Peek() == ',') {
              ++at_;
              continue;
            }
            if (!Expect(']')) return false;
            break;
          }
        }
      } else {
        std::int64_t value;
        if (!Number(value)) return false;
        on_number(key, value);
      }
      if (Peek() == ',') {
        ++at_;
        continue;
      }
      return Expect('}') && AtEnd();
    }
  }

 private:
  void Skip() {
    while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\n' || text_[at_] == '\r' || text_[at_] == '\t')) ++at_;
  }
  char Peek() {
    Skip();
    return at_ < text_.size() ? text_[at_] : '\0';
  }
  bool Expect(char c) {
    if (Peek() != c) return false;
    ++at_;
    return true;
  }
  bool AtEnd() {
    Skip();
    return at_ == text_.size();
  }
  bool String(std::string& out) {
    if (!Expect('"')) return false;
    while (at_ < text_.size()) {
      const char c = text_[at_++];
      if (c == '"') return true;
      if (c != '\\') {
        // A raw control character (not JSON) or bytes that are not UTF-8: the full parser
        // decides, so the fast path never accepts what it would refuse. Valid UTF-8 (a Cyrillic
        // name) stays on the fast path, which keeps a protocol's lines in their order.
        if (static_cast<unsigned char>(c) < 0x20) return false;
        if (static_cast<unsigned char>(c) >= 0x80) {
          const std::size_t length = Utf8SequenceLength(text_, at_ - 1);
          if (length == 0) return false;
          out.append(text_.substr(at_ - 1, length));
          at_ += length - 1;
          continue;
        }
        out += c;
        continue;
      }
      if (at_ >= text_.size()) return false;
      const char e = text_[at_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        default: return false;  // \uXXXX and the rest: leave to the full parser
      }
    }
    return false;
  }
  // "name": "value", with this name.
  bool Pair(std::string_view name, std::string& value) {
    std::string key;
    return String(key) && key == name && Expect(':') && String(value);
  }
  bool Number(std::int64_t& value) {
    Skip();
    const char* begin = text_.data() + at_;
    const auto [end, error] = std::from_chars(begin, text_.data() + text_.size(), value);
    if (error != std::errc() || end == begin) return false;
    if (end < text_.data() + text_.size() && (*end == '.' || *end == 'e' || *end == 'E')) return false;
    at_ += static_cast<std::size_t>(end - begin);
    return true;
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

}  // namespace

// The protocol shape through FlatJson; nullopt to fall back to the full parser.
std::optional<core::ProtocolSubmission> FastProtocol(std::string_view text) {
  core::ProtocolSubmission protocol;
  bool ok = true, has_contest = false, has_unit = false, has_lines = text.find("\"lines\"") != std::string_view::npos;
  const bool read = FlatJson(text).Read(
      [&](const std::string& key, std::string value) {
        if (key == "contest") protocol.contest = std::move(value), has_contest = true;
        else if (key == "unit") protocol.unit = std::move(value), has_unit = true;
        else if (key == "commission") protocol.commission = std::move(value);
        else if (key == "reason") protocol.reason = std::move(value);
        else if (key == "photo_sha256") protocol.photo = std::move(value);
        else ok = false;
      },
      [&](const std::string& key, std::int64_t value) {
        if (key == "round" && value >= 0 && value <= 1000) protocol.round = static_cast<int>(value);
        else ok = false;
      },
      [&](std::string name, std::int64_t value) { protocol.lines.emplace_back(std::move(name), value); },
      [&](const std::string& key, std::string item) {
        if (key == "unreadable") protocol.unreadable.push_back(std::move(item));
        else ok = false;
      },
      [&](const std::string& key, std::string relation, std::string detail) {
        if (key == "read_problems") protocol.read_problems.push_back({std::move(relation), std::move(detail)});
        else ok = false;
      });
  if (!read || !ok || !has_contest || !has_unit || !has_lines) return std::nullopt;
  return protocol;
}

std::optional<core::TurnoutSubmission> FastTurnout(std::string_view text) {
  core::TurnoutSubmission report;
  bool ok = true, has_unit = false, has_time = false;
  const bool read = FlatJson(text).Read(
      [&](const std::string& key, std::string value) {
        if (key == "unit") report.unit = std::move(value), has_unit = true;
        else if (key == "time") report.time = std::move(value), has_time = true;
        else if (key == "commission") report.commission = std::move(value);
        else if (key == "reason") report.reason = std::move(value);
        else ok = false;
      },
      [&](const std::string& key, std::int64_t value) {
        if (key == "voters") report.voters = value;
        else if (key == "issued") report.issued = value;
        else if (key == "round" && value >= 1 && value <= 1000) report.round = static_cast<int>(value);
        else ok = false;
      },
      [&](std::string, std::int64_t) { ok = false; },
      [&](const std::string& key, std::string item) {
        if (key == "unreadable") report.unreadable.push_back(std::move(item));
        else ok = false;
      },
      [&](const std::string& key, std::string relation, std::string detail) {
        if (key == "read_problems") report.read_problems.push_back({std::move(relation), std::move(detail)});
        else ok = false;
      });
  if (!read || !ok || !has_unit || !has_time) return std::nullopt;
  return report;
}

}  // namespace saylau::formats::internal
