// CompactVector: a vector in one pointer (8 bytes, against std::vector's 24), for the lists of a
// unit that are usually empty (a station's extra columns, its districts of the maps): an empty one
// allocates nothing, a filled one keeps a std::vector on the heap. Iterates, indexes and grows like
// a std::vector (its iterators are pointers). A value type: copies are deep.
// Not synchronised: like std::vector, share a const one across threads, write from one.
#pragma once

#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

namespace saylau::core {

template <typename T>
class CompactVector {
 public:
  using value_type = T;
  using iterator = T*;
  using const_iterator = const T*;

  CompactVector() = default;
  CompactVector(std::vector<T> items)  // NOLINT: implicit, as a std::vector is assigned
      : items_(items.empty() ? nullptr : std::make_unique<std::vector<T>>(std::move(items))) {}
  CompactVector(const CompactVector& other)
      : items_(other.items_ ? std::make_unique<std::vector<T>>(*other.items_) : nullptr) {}
  CompactVector(CompactVector&&) noexcept = default;
  CompactVector& operator=(const CompactVector& other) {
    if (this != &other) items_ = other.items_ ? std::make_unique<std::vector<T>>(*other.items_) : nullptr;
    return *this;
  }
  CompactVector& operator=(CompactVector&&) noexcept = default;
  ~CompactVector() = default;

  bool empty() const { return !items_ || items_->empty(); }
  std::size_t size() const { return items_ ? items_->size() : 0; }
  T* begin() { return items_ ? items_->data() : nullptr; }
  T* end() { return items_ ? items_->data() + items_->size() : nullptr; }
  const T* begin() const { return items_ ? items_->data() : nullptr; }
  const T* end() const { return items_ ? items_->data() + items_->size() : nullptr; }
  T& operator[](std::size_t at) { return (*items_)[at]; }
  const T& operator[](std::size_t at) const { return (*items_)[at]; }
  T& front() { return items_->front(); }
  const T& front() const { return items_->front(); }
  T& back() { return items_->back(); }
  const T& back() const { return items_->back(); }

  template <typename... Args>
  T& emplace_back(Args&&... args) {
    return Items().emplace_back(std::forward<Args>(args)...);
  }
  void push_back(T item) { Items().push_back(std::move(item)); }
  void clear() { items_.reset(); }
  // A copy as a std::vector (for callers that keep their own).
  std::vector<T> ToVector() const { return items_ ? *items_ : std::vector<T>(); }

  friend bool operator==(const CompactVector& a, const CompactVector& b) {
    if (a.empty() || b.empty()) return a.empty() == b.empty();
    return *a.items_ == *b.items_;
  }

 private:
  std::vector<T>& Items() {
    if (!items_) items_ = std::make_unique<std::vector<T>>();
    return *items_;
  }

  std::unique_ptr<std::vector<T>> items_;  // null when empty (never allocated for nothing)
};

}  // namespace saylau::core
