// A JSON document written piece by piece, byte for byte as nlohmann's dump(indent) would write
// it, without ever holding the whole tree: a small skeleton whose large arrays are placeholders
// filled, element by element, by generators. Publish writes the NIST export through it to a
// file; verify writes the same bytes against the published file (a comparing sink), so that a
// document of any size costs the memory of one element. Not thread-safe; one writer per sink.
#pragma once

#include <cstdint>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace saylau::bundle {

// Where the bytes go. Write returns false once the sink wants no more (a difference found, a
// write failed); the writer then stops generating.
class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual bool Write(std::string_view bytes) = 0;
};

// Buffered bytes to a file. ok() is false when opening or a write failed.
class FileSink : public ByteSink {
 public:
  explicit FileSink(const std::string& path);
  ~FileSink() override;
  bool Write(std::string_view bytes) override;
  bool Close();  // flushes; false when any write failed
  bool ok() const { return ok_; }

 private:
  bool Flush();
  std::ofstream out_;
  std::string buffer_;
  bool ok_ = true;
};

// A skeleton JSON value with lazily generated arrays. Lazy() returns the placeholder to put
// where the array belongs; its generator calls `emit` once per element, in order, and stops
// when emit returns false.
class LazyJson {
 public:
  using Emit = std::function<bool(const nlohmann::json&)>;
  using Generator = std::function<void(const Emit&)>;

  nlohmann::json Lazy(Generator generator);

  // The whole tree, generators expanded (for small documents and the tree-based callers).
  nlohmann::json Expand(nlohmann::json skeleton) const;

  // Writes `skeleton` as dump(indent) would, followed by `trailer`. Returns false when the
  // sink stopped it. pointer() is then the JSON pointer of the value being written (RFC 6901).
  bool Write(const nlohmann::json& skeleton, int indent, ByteSink& sink, std::string_view trailer = "");
  const std::string& pointer() const { return stopped_at_; }
  // The scalar (dumped) being written when the sink stopped; empty when it was structure.
  const std::string& stopped_value() const { return stopped_value_; }

 private:
  bool WriteValue(const nlohmann::json& value, int depth);
  bool Put(std::string_view bytes, bool scalar = false);
  bool Indent(int depth);
  std::string PointerNow() const;

  std::vector<Generator> generators_;
  // While writing.
  ByteSink* sink_ = nullptr;
  int indent_ = 1;
  std::vector<std::string> path_;
  std::string stopped_at_, stopped_value_;
};

}  // namespace saylau::bundle
