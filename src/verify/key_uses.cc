// RowIndex (open addressing over row numbers, linear probing) and KeyUses.
#include "key_uses.h"

#include <algorithm>
#include <bit>
#include <stdexcept>

namespace saylau::bundle {

RowIndex::RowIndex(std::size_t rows, TextOf text) : text_(std::move(text)) {
  if (rows >= UINT32_MAX / 2) throw std::length_error("more than two billion rows to index");
  slots_.assign(std::bit_ceil(std::max<std::size_t>(rows * 2, 16)), 0);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t row = 0; row < rows; ++row) {
    const std::string_view key = text_(row);
    std::size_t at = std::hash<std::string_view>{}(key) & mask;
    for (; slots_[at] != 0; at = (at + 1) & mask) {
      if (text_(slots_[at] - 1) == key) break;  // the first row with this text stays
    }
    if (slots_[at] == 0) slots_[at] = static_cast<std::uint32_t>(row + 1);
  }
}

std::optional<std::size_t> RowIndex::Find(std::string_view text) const {
  if (slots_.empty()) return std::nullopt;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = std::hash<std::string_view>{}(text) & mask; slots_[at] != 0; at = (at + 1) & mask) {
    if (text_(slots_[at] - 1) == text) return slots_[at] - 1;
  }
  return std::nullopt;
}

void KeyUses::Index(std::size_t keys, RowIndex::TextOf key_of, std::size_t observers,
                    RowIndex::TextOf observer_key_of) {
  key_of_ = key_of;
  observer_key_of_ = observer_key_of;
  keys_ = RowIndex(keys, std::move(key_of));
  observers_ = RowIndex(observers, std::move(observer_key_of));
  key_first_.assign(keys, 0);
  observer_first_.assign(observers, 0);
  unlisted_.clear();
}

std::optional<std::size_t> KeyUses::Position(std::string_view key, bool observer) const {
  return observer ? observers_.Find(key) : keys_.Find(key);
}

void KeyUses::Record(std::string_view key, bool observer, std::size_t entry) {
  const std::optional<std::size_t> as_key = keys_.Find(key), as_observer = observers_.Find(key);
  if ((as_key && key_first_[*as_key] != 0) || (as_observer && observer_first_[*as_observer] != 0) ||
      unlisted_.contains(key)) {
    return;  // not its first entry
  }
  if (observer && as_observer) {
    observer_first_[*as_observer] = entry + 1;
  } else if (!observer && as_key) {
    key_first_[*as_key] = entry + 1;
  } else {
    unlisted_.emplace(std::string(key), std::pair(entry, observer));
  }
}

void KeyUses::ForEachInOrder(const std::function<void(const Use&)>& visit) const {
  // (first entry, row), the row tagged by its list: 0 keys.json, 1 observers.json, 2 unlisted.
  constexpr int kShift = 62;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> order;
  for (std::size_t row = 0; row < key_first_.size(); ++row) {
    if (key_first_[row] != 0) order.emplace_back(key_first_[row] - 1, row);
  }
  for (std::size_t row = 0; row < observer_first_.size(); ++row) {
    if (observer_first_[row] != 0) order.emplace_back(observer_first_[row] - 1, (1ull << kShift) | row);
  }
  std::vector<const std::pair<const std::string, std::pair<std::size_t, bool>>*> unlisted;
  for (const auto& item : unlisted_) {
    order.emplace_back(item.second.first, (2ull << kShift) | unlisted.size());
    unlisted.push_back(&item);
  }
  std::sort(order.begin(), order.end());
  for (const auto& [entry, tagged] : order) {
    const std::uint64_t list = tagged >> kShift, row = tagged & ((1ull << kShift) - 1);
    if (list == 0) visit({entry, false, row, key_of_(row)});
    if (list == 1) visit({entry, true, row, observer_key_of_(row)});
    if (list == 2) visit({entry, unlisted[row]->second.second, std::nullopt, unlisted[row]->first});
  }
}

}  // namespace saylau::bundle
