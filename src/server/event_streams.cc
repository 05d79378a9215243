// Event streams: the header, the queue of events per stream, and closing.
#include "event_streams.h"

#include "net.h"

namespace saylau::server {

void EventHub::Add(const std::shared_ptr<EventStream>& stream) {
  std::lock_guard lock(mutex_);
  streams_.insert(stream);
}

void EventHub::Remove(const std::shared_ptr<EventStream>& stream) {
  std::lock_guard lock(mutex_);
  streams_.erase(stream);
}

void EventHub::Publish(std::string text) {
  if (text.empty()) return;
  std::lock_guard lock(mutex_);
  for (const auto& stream : streams_) stream->Send(text);
}

void EventHub::CloseAll() {
  std::set<std::shared_ptr<EventStream>> streams;
  {
    std::lock_guard lock(mutex_);
    streams = streams_;
  }
  for (const auto& stream : streams) stream->Close();
}

void EventStream::Start(unsigned version) {
  metrics_.StreamOpened();
  auto header = std::make_shared<http::response<http::empty_body>>(http::status::ok, version);
  header->set(http::field::content_type, "text/event-stream");
  header->set(http::field::cache_control, "no-store");
  header->set(http::field::access_control_allow_origin, "*");
  header->chunked(false);
  header->keep_alive(true);
  auto serializer = std::make_shared<http::response_serializer<http::empty_body>>(*header);
  stream_.expires_never();
  hub_.Add(shared_from_this());
  http::async_write_header(stream_, *serializer,
                           [self = shared_from_this(), header, serializer](beast::error_code error, std::size_t) {
                             if (error) return self->Close();
                             self->Send(": connected\n\n");
                             self->WatchForClose();
                           });
}

void EventStream::Send(std::string text) {
  asio::post(stream_.get_executor(), [self = shared_from_this(), text = std::move(text)]() mutable {
    // A client that does not read its stream is dropped rather than queued for without end.
    if (self->pending_.size() >= kMaxPendingEvents) return self->Close();
    self->pending_.push_back(std::move(text));
    if (self->pending_.size() == 1) self->WriteNext();
  });
}

void EventStream::Close() {
  asio::post(stream_.get_executor(), [self = shared_from_this()] {
    if (self->closed_) return;
    self->closed_ = true;
    beast::error_code ignored;
    self->stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    self->stream_.close();
    self->hub_.Remove(self);
    self->metrics_.StreamClosed();
  });
}

void EventStream::WriteNext() {
  if (closed_) return;
  asio::async_write(stream_, asio::buffer(pending_.front()),
                    [self = shared_from_this()](beast::error_code error, std::size_t) {
                      if (error) return self->Close();
                      self->pending_.pop_front();
                      if (!self->pending_.empty()) self->WriteNext();
                    });
}

void EventStream::WatchForClose() {
  stream_.async_read_some(asio::buffer(scratch_), [self = shared_from_this()](beast::error_code error, std::size_t) {
    if (error) return self->Close();
    self->WatchForClose();
  });
}

}  // namespace saylau::server
