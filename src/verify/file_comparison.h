// A sink that compares the bytes written to it with a file, a block at a time (internal to
// saylau::verify): a recomputed document is written against the published one without either
// being held whole. It keeps the first byte that differs, its line, and the recomputed line
// holding it, so that the verifier can name the spot. Not thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <streambuf>
#include <string>
#include <string_view>

#include "saylau/bundle/json_stream.h"

namespace saylau::bundle {

class FileComparison : public ByteSink {
 public:
  explicit FileComparison(const std::filesystem::path& path);

  bool opened() const { return opened_; }
  // Compares `bytes` with the file's next bytes; false from the first difference on (the
  // recomputed line holding it is still collected from later writes).
  bool Write(std::string_view bytes) override;
  // After the last write: true when the file ended with the recomputed bytes.
  bool Finish();

  bool differs() const { return differs_; }
  std::uint64_t offset() const { return difference_; }  // of the first byte that differs
  std::uint64_t line() const { return line_; }          // 0-based line of that byte
  // The file's line holding the difference (without its '\n'); nullopt when the file ended before it.
  std::optional<std::string> PublishedLine() const;
  // The recomputed line holding it; nullopt when the recomputed bytes ended before it.
  std::optional<std::string> RecomputedLine() const;
  // Up to `size` bytes of the file from `at` (the start of the write that differed: chunk_start()).
  std::string PublishedBytes(std::uint64_t at, std::size_t size) const;
  std::uint64_t chunk_start() const { return chunk_start_; }

 private:
  bool Refill();
  void Differ(std::uint64_t at, std::string_view rest_of_write);

  std::filesystem::path path_;
  std::ifstream in_;
  bool opened_ = false;
  std::string block_;
  std::size_t at_ = 0;           // in block_
  std::uint64_t consumed_ = 0;   // bytes of the file compared equal so far
  std::uint64_t line_ = 0;       // newlines before consumed_
  std::uint64_t line_start_ = 0; // file offset where the current line starts
  std::string current_line_;     // the recomputed bytes of the current line so far
  std::uint64_t chunk_start_ = 0;
  bool differs_ = false, line_complete_ = false, recomputed_ended_ = false;
  std::uint64_t difference_ = 0;
};

// A std::ostream's buffer that hands its bytes to a sink (for writers that take an ostream).
class SinkBuffer : public std::streambuf {
 public:
  explicit SinkBuffer(ByteSink& sink) : sink_(sink) {}

 protected:
  std::streamsize xsputn(const char* bytes, std::streamsize size) override {
    sink_.Write(std::string_view(bytes, static_cast<std::size_t>(size)));
    return size;  // a sink that stopped still takes the bytes: the writer goes on harmlessly
  }
  int_type overflow(int_type c) override {
    if (c != traits_type::eof()) {
      const char byte = traits_type::to_char_type(c);
      sink_.Write(std::string_view(&byte, 1));
    }
    return traits_type::not_eof(c);
  }

 private:
  ByteSink& sink_;
};

}  // namespace saylau::bundle
