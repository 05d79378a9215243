// The server's open connections, counted in all and per client address, so that no flood of
// connections can take every descriptor: a connection beyond either cap is answered 503 and
// closed. A Slot is held for as long as its connection is open (event streams included) and
// frees its place when destroyed; /metrics shows how many are open. Thread-safe.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

#include "metrics.h"

namespace saylau::server {

class ConnectionLimits {
 public:
  ConnectionLimits(std::size_t total, std::size_t per_client, Metrics& metrics)
      : total_(total), per_client_(per_client), metrics_(metrics) {}
  ConnectionLimits(const ConnectionLimits&) = delete;
  ConnectionLimits& operator=(const ConnectionLimits&) = delete;

  class Slot {
   public:
    Slot() = default;
    Slot(Slot&& other) noexcept : limits_(other.limits_), client_(std::move(other.client_)) { other.limits_ = nullptr; }
    Slot& operator=(Slot&& other) noexcept;
    ~Slot() { Release(); }
    explicit operator bool() const { return limits_ != nullptr; }

   private:
    friend class ConnectionLimits;
    Slot(ConnectionLimits* limits, std::string client) : limits_(limits), client_(std::move(client)) {}
    void Release() noexcept;
    ConnectionLimits* limits_ = nullptr;
    std::string client_;
  };

  // A slot for a new connection from `client` (its address), or an empty one when the server
  // or that client has its cap of connections open.
  Slot TryTake(const std::string& client);
  std::size_t open() const;
  std::size_t total_cap() const { return total_; }
  std::size_t per_client_cap() const { return per_client_; }

 private:
  void Give(const std::string& client) noexcept;

  const std::size_t total_;
  const std::size_t per_client_;
  Metrics& metrics_;
  mutable std::mutex mutex_;
  std::size_t open_ = 0;
  std::unordered_map<std::string, std::size_t> by_client_;
};

}  // namespace saylau::server
