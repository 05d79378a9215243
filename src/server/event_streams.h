// Server-sent event streams (GET /api/v1/events): each open stream receives, in order, the
// events the Committer publishes after each commit; a client that does not read is dropped
// after kMaxPendingEvents queued events. Internal to the server. EventHub is thread-safe;
// an EventStream runs on its connection's strand.
#pragma once

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <deque>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "connection_limits.h"
#include "metrics.h"
#include "net.h"

namespace saylau::server {

inline constexpr std::size_t kMaxPendingEvents = 10'000;  // event batches queued for one stream

class EventStream;

// The open event streams; Publish queues the text on each stream's strand.
class EventHub {
 public:
  void Add(const std::shared_ptr<EventStream>& stream);
  void Remove(const std::shared_ptr<EventStream>& stream);
  void Publish(std::string text);
  void CloseAll();

 private:
  std::mutex mutex_;
  std::set<std::shared_ptr<EventStream>> streams_;
};

class EventStream : public std::enable_shared_from_this<EventStream> {
 public:
  EventStream(beast::tcp_stream stream, ConnectionLimits::Slot slot, EventHub& hub, Metrics& metrics)
      : stream_(std::move(stream)), slot_(std::move(slot)), hub_(hub), metrics_(metrics) {}

  // Answers the request's header (HTTP `version`) and keeps the connection for events.
  void Start(unsigned version);
  void Send(std::string text);
  void Close();

 private:
  void WriteNext();
  // A client that goes away is noticed when a read returns.
  void WatchForClose();

  beast::tcp_stream stream_;
  ConnectionLimits::Slot slot_;  // an open stream counts toward the caps
  EventHub& hub_;
  Metrics& metrics_;
  std::deque<std::string> pending_;
  char scratch_[512];
  bool closed_ = false;
};

}  // namespace saylau::server
