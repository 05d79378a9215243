// FileComparison: the recomputed bytes against the published file, 1 MB of the file at a time.
#include "file_comparison.h"

#include <algorithm>

namespace saylau::bundle {

namespace {
constexpr std::size_t kBlock = 1 << 20;
}  // namespace

FileComparison::FileComparison(const std::filesystem::path& path) : path_(path), in_(path, std::ios::binary) {
  std::error_code error;
  opened_ = static_cast<bool>(in_) && std::filesystem::is_regular_file(path, error);
}

bool FileComparison::Refill() {
  block_.resize(kBlock);
  in_.read(block_.data(), static_cast<std::streamsize>(block_.size()));
  block_.resize(static_cast<std::size_t>(in_.gcount()));
  at_ = 0;
  return !block_.empty();
}

void FileComparison::Differ(std::uint64_t at, std::string_view rest_of_write) {
  differs_ = true;
  difference_ = at;
  const std::size_t end = rest_of_write.find('\n');
  current_line_.append(rest_of_write.substr(0, end));
  line_complete_ = end != std::string_view::npos;
}

bool FileComparison::Write(std::string_view bytes) {
  if (differs_) {
    if (!line_complete_) {
      const std::size_t end = bytes.find('\n');
      current_line_.append(bytes.substr(0, end));
      line_complete_ = end != std::string_view::npos;
    }
    return false;
  }
  chunk_start_ = consumed_;
  while (!bytes.empty()) {
    if (at_ == block_.size() && !Refill()) {
      Differ(consumed_, bytes);  // the file ends here
      return false;
    }
    const std::size_t n = std::min(bytes.size(), block_.size() - at_);
    const std::string_view mine = bytes.substr(0, n);
    const auto [ours, theirs] = std::mismatch(mine.begin(), mine.end(), block_.begin() + static_cast<std::ptrdiff_t>(at_));
    const std::size_t same = static_cast<std::size_t>(ours - mine.begin());
    const std::string_view equal = mine.substr(0, same);
    if (const std::size_t last = equal.rfind('\n'); last != std::string_view::npos) {
      line_ += static_cast<std::uint64_t>(std::count(equal.begin(), equal.end(), '\n'));
      line_start_ = consumed_ + last + 1;
      current_line_.assign(equal.substr(last + 1));
    } else {
      current_line_.append(equal);
    }
    consumed_ += same;
    at_ += same;
    if (same < n) {
      Differ(consumed_, bytes.substr(same));
      return false;
    }
    bytes.remove_prefix(n);
  }
  return true;
}

bool FileComparison::Finish() {
  if (differs_) {
    line_complete_ = true;
    return false;
  }
  if (at_ < block_.size() || Refill()) {  // the file goes on
    differs_ = true;
    difference_ = consumed_;
    line_complete_ = true;
    recomputed_ended_ = current_line_.empty();
    return false;
  }
  return true;
}

std::optional<std::string> FileComparison::PublishedLine() const {
  std::string line = PublishedBytes(line_start_, 1 << 16);  // shown cut to 80 bytes anyway
  if (line.empty()) return std::nullopt;
  line.resize(std::min(line.size(), line.find('\n')));
  return line;
}

std::optional<std::string> FileComparison::RecomputedLine() const {
  if (recomputed_ended_) return std::nullopt;
  return current_line_;
}

std::string FileComparison::PublishedBytes(std::uint64_t at, std::size_t size) const {
  std::ifstream in(path_, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(at));
  std::string bytes(size, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  bytes.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  return bytes;
}

}  // namespace saylau::bundle
