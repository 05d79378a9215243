// LazyJson and FileSink: nlohmann's dump(indent) layout written piece by piece (objects in key
// order, "{}" and "[]" when empty, scalars as dump() writes them).
#include "saylau/bundle/json_stream.h"

namespace saylau::bundle {

using nlohmann::json;

namespace {

// A placeholder is a binary value whose subtype is the generator's index.
bool IsPlaceholder(const json& value) { return value.is_binary() && value.get_binary().has_subtype(); }

std::string Escaped(const std::string& token) {
  std::string out;
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

FileSink::FileSink(const std::string& path) : out_(path, std::ios::binary) {
  ok_ = static_cast<bool>(out_);
  buffer_.reserve(1 << 20);
}

FileSink::~FileSink() { (void)Close(); }

bool FileSink::Flush() {
  if (!buffer_.empty() && ok_) {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    ok_ = static_cast<bool>(out_);
  }
  buffer_.clear();
  return ok_;
}

bool FileSink::Write(std::string_view bytes) {
  if (!ok_) return false;
  buffer_.append(bytes);
  return buffer_.size() < (1 << 20) || Flush();
}

bool FileSink::Close() {
  if (!out_.is_open()) return ok_;
  Flush();
  out_.close();
  ok_ = ok_ && static_cast<bool>(out_);
  return ok_;
}

json LazyJson::Lazy(Generator generator) {
  generators_.push_back(std::move(generator));
  return json::binary({}, generators_.size() - 1);
}

json LazyJson::Expand(json skeleton) const {
  if (IsPlaceholder(skeleton)) {
    json array = json::array();
    generators_.at(skeleton.get_binary().subtype())([&](const json& element) {
      array.push_back(element);
      return true;
    });
    return array;
  }
  if (skeleton.is_structured()) {
    for (json& value : skeleton) value = Expand(std::move(value));
  }
  return skeleton;
}

bool LazyJson::Write(const json& skeleton, int indent, ByteSink& sink, std::string_view trailer) {
  sink_ = &sink;
  indent_ = indent;
  path_.clear();
  stopped_at_.clear();
  stopped_value_.clear();
  return WriteValue(skeleton, 0) && Put(trailer);
}

std::string LazyJson::PointerNow() const {
  std::string pointer;
  for (const std::string& token : path_) pointer += "/" + Escaped(token);
  return pointer;
}

bool LazyJson::Put(std::string_view bytes, bool scalar) {
  if (bytes.empty() || sink_->Write(bytes)) return true;
  stopped_at_ = PointerNow();
  if (scalar) stopped_value_ = std::string(bytes);
  return false;
}

bool LazyJson::Indent(int depth) {
  static const std::string kSpaces(256, ' ');
  std::size_t left = static_cast<std::size_t>(depth) * static_cast<std::size_t>(indent_);
  while (left > 0) {
    const std::size_t now = std::min(left, kSpaces.size());
    if (!Put(std::string_view(kSpaces).substr(0, now))) return false;
    left -= now;
  }
  return true;
}

bool LazyJson::WriteValue(const json& value, int depth) {
  if (IsPlaceholder(value)) {
    std::size_t count = 0;
    bool ok = true;
    path_.emplace_back();
    generators_.at(value.get_binary().subtype())([&](const json& element) {
      path_.back() = std::to_string(count);
      ok = Put(count == 0 ? "[\n" : ",\n") && Indent(depth + 1) && WriteValue(element, depth + 1);
      ++count;
      return ok;
    });
    path_.pop_back();
    if (!ok) return false;
    if (count == 0) return Put("[]");
    return Put("\n") && Indent(depth) && Put("]");
  }
  if (value.is_object()) {
    if (value.empty()) return Put("{}");
    if (!Put("{\n")) return false;
    bool first = true;
    for (const auto& [key, member] : value.items()) {
      path_.push_back(key);
      if (!((first || Put(",\n")) && Indent(depth + 1) && Put(json(key).dump()) && Put(": "))) {
        // Stopped before the member's value: it is what differs (one added or renamed).
        stopped_value_ = IsPlaceholder(member) ? "[]" : member.dump();
        return false;
      }
      const bool ok = WriteValue(member, depth + 1);
      path_.pop_back();
      if (!ok) return false;
      first = false;
    }
    return Put("\n") && Indent(depth) && Put("}");
  }
  if (value.is_array()) {
    if (value.empty()) return Put("[]");
    if (!Put("[\n")) return false;
    for (std::size_t i = 0; i < value.size(); ++i) {
      path_.push_back(std::to_string(i));
      const bool ok = (i == 0 || Put(",\n")) && Indent(depth + 1) && WriteValue(value[i], depth + 1);
      path_.pop_back();
      if (!ok) return false;
    }
    return Put("\n") && Indent(depth) && Put("]");
  }
  return Put(value.dump(), true);
}

}  // namespace saylau::bundle
