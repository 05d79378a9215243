#include "connection_limits.h"

namespace saylau::server {

ConnectionLimits::Slot& ConnectionLimits::Slot::operator=(Slot&& other) noexcept {
  if (this != &other) {
    Release();
    limits_ = other.limits_;
    client_ = std::move(other.client_);
    other.limits_ = nullptr;
  }
  return *this;
}

void ConnectionLimits::Slot::Release() noexcept {
  if (limits_ == nullptr) return;
  limits_->Give(client_);
  limits_ = nullptr;
}

ConnectionLimits::Slot ConnectionLimits::TryTake(const std::string& client) {
  std::lock_guard lock(mutex_);
  if (open_ >= total_) return {};
  std::size_t& mine = by_client_[client];
  if (mine >= per_client_) {
    if (mine == 0) by_client_.erase(client);
    return {};
  }
  ++mine;
  ++open_;
  metrics_.ConnectionOpened();
  return Slot(this, client);
}

void ConnectionLimits::Give(const std::string& client) noexcept {
  std::lock_guard lock(mutex_);
  --open_;
  metrics_.ConnectionClosed();
  const auto found = by_client_.find(client);
  if (found != by_client_.end() && --found->second == 0) by_client_.erase(found);
}

std::size_t ConnectionLimits::open() const {
  std::lock_guard lock(mutex_);
  return open_;
}

}  // namespace saylau::server
