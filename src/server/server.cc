// Boost.Beast plumbing: an acceptor, one asynchronous session per connection (keep-alive,
// request body limit), and event streams that stay open and receive what the Committer
// publishes. Everything a route does is in api.cc.
#include "saylau/server/server.h"

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

#include "api.h"
#include "saylau/formats/statistics_io.h"

namespace saylau::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

class EventStream;

// The open event streams; Publish queues the text on each stream's strand.
class EventHub {
 public:
  void Add(const std::shared_ptr<EventStream>& stream) {
    std::lock_guard lock(mutex_);
    streams_.insert(stream);
  }
  void Remove(const std::shared_ptr<EventStream>& stream) {
    std::lock_guard lock(mutex_);
    streams_.erase(stream);
  }
  void Publish(std::string text);
  void CloseAll();

 private:
  std::mutex mutex_;
  std::set<std::shared_ptr<EventStream>> streams_;
};

class EventStream : public std::enable_shared_from_this<EventStream> {
 public:
  EventStream(beast::tcp_stream stream, EventHub& hub, Metrics& metrics)
      : stream_(std::move(stream)), hub_(hub), metrics_(metrics) {}

  void Start(unsigned version) {
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

  void Send(std::string text) {
    asio::post(stream_.get_executor(), [self = shared_from_this(), text = std::move(text)]() mutable {
      self->pending_.push_back(std::move(text));
      if (self->pending_.size() == 1) self->WriteNext();
    });
  }

  void Close() {
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

 private:
  void WriteNext() {
    if (closed_) return;
    asio::async_write(stream_, asio::buffer(pending_.front()),
                      [self = shared_from_this()](beast::error_code error, std::size_t) {
                        if (error) return self->Close();
                        self->pending_.pop_front();
                        if (!self->pending_.empty()) self->WriteNext();
                      });
  }
  // A client that goes away is noticed when a read returns.
  void WatchForClose() {
    stream_.async_read_some(asio::buffer(scratch_), [self = shared_from_this()](beast::error_code error, std::size_t) {
      if (error) return self->Close();
      self->WatchForClose();
    });
  }

  beast::tcp_stream stream_;
  EventHub& hub_;
  Metrics& metrics_;
  std::deque<std::string> pending_;
  char scratch_[512];
  bool closed_ = false;
};

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

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Api& api, EventHub& hub, Metrics& metrics, std::size_t body_limit)
      : stream_(std::move(socket)), api_(api), hub_(hub), metrics_(metrics), body_limit_(body_limit) {}

  void Start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Read(); });
  }

 private:
  void Read() {
    parser_.emplace();
    parser_->body_limit(body_limit_);
    stream_.expires_after(std::chrono::seconds(60));
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code error, std::size_t) { self->OnRead(error); });
  }

  void OnRead(beast::error_code error) {
    if (error == http::error::end_of_stream || error == beast::error::timeout || error == asio::error::eof) {
      return Close();
    }
    if (error == http::error::body_limit) {
      keep_alive_ = false;
      return Write(11,
                   ErrorResponse(413, "too-large",
                                 "the request body is over the limit of " + std::to_string(body_limit_) + " bytes"));
    }
    if (error) {
      keep_alive_ = false;
      return Write(11, ErrorResponse(400, "bad-request", "not an HTTP/1.1 request: " + error.message()));
    }
    http::request<http::string_body> request = parser_->release();
    keep_alive_ = request.keep_alive();
    HttpRequest in{std::string(request.method_string()),
                   std::string(request.target()),
                   std::string(request[http::field::content_type]),
                   std::move(request.body()),
                   std::string(request[http::field::accept_encoding]),
                   std::string(request[http::field::if_none_match])};
    const unsigned version = request.version();
    if (Api::IsEventStream(in)) {
      std::make_shared<EventStream>(std::move(stream_), hub_, metrics_)->Start(version);
      return;
    }
    head_ = in.method == "HEAD";
    api_.Handle(in, [self = shared_from_this(), version](HttpResponse response) {
      asio::post(self->stream_.get_executor(), [self, version, response = std::move(response)]() mutable {
        self->Write(version, std::move(response));
      });
    });
  }

  void Write(unsigned version, HttpResponse out) {
    auto response = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(out.status), version);
    response->set(http::field::server, "saylau");
    response->set(http::field::content_type, out.content_type);
    response->set(http::field::cache_control, out.cache_control);
    response->set(http::field::access_control_allow_origin, "*");
    if (!out.etag.empty()) {
      response->set(http::field::etag, out.etag);
      response->set(http::field::vary, "Accept-Encoding");
    }
    if (!out.content_encoding.empty()) response->set(http::field::content_encoding, out.content_encoding);
    response->keep_alive(keep_alive_);
    response->body() = head_ ? std::string() : std::move(out.body);
    response->prepare_payload();
    http::async_write(stream_, *response, [self = shared_from_this(), response](beast::error_code error, std::size_t) {
      if (error || !self->keep_alive_) return self->Close();
      self->Read();
    });
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  Api& api_;
  EventHub& hub_;
  Metrics& metrics_;
  std::size_t body_limit_;
  bool keep_alive_ = true;
  bool head_ = false;
};

class BeastServer : public Server {
 public:
  BeastServer(std::unique_ptr<service::ResultsService> service, const ServerOptions& options)
      : options_(options),
        committer_(state_,
                   [this](const std::vector<service::Acknowledgement>& acks) { hub_.Publish(Api::EventsFor(acks)); }),
        api_(state_, committer_, metrics_, web_),
        acceptor_(io_) {
    std::unique_lock lock(state_.mutex);  // the committer's thread polls it already
    state_.service = std::move(service);
    if (!options.pvt_json.empty()) {
      state_.pvt_published = nlohmann::json::parse(options.pvt_json, nullptr, false);
      auto estimate = formats::EstimateFromJson(state_.pvt_published);
      if (estimate) {
        state_.pvt_contest = estimate->first;
        state_.pvt = std::move(estimate->second);
      }
    }
  }

  ~BeastServer() override {
    Stop();
    for (std::thread& thread : threads_) thread.join();
  }

  Status Listen() {
    if (!options_.web_root.empty()) {
      if (Status ok = web_.Load(options_.web_root); !ok) return ok;
    }
    beast::error_code error;
    const asio::ip::address address = asio::ip::make_address(options_.address, error);
    if (error) return InvalidArgument("'" + options_.address + "' is not an IP address");
    const tcp::endpoint endpoint(address, options_.port);
    acceptor_.open(endpoint.protocol(), error);
    if (!error) acceptor_.set_option(asio::socket_base::reuse_address(true), error);
    if (!error) acceptor_.bind(endpoint, error);
    if (!error) acceptor_.listen(asio::socket_base::max_listen_connections, error);
    if (error) {
      return Unavailable("cannot listen on " + options_.address + ":" + std::to_string(options_.port) + ": " +
                         error.message());
    }
    port_ = acceptor_.local_endpoint().port();
    Accept();
    for (int i = 0; i < std::max(1, options_.threads); ++i) threads_.emplace_back([this] { io_.run(); });
    return {};
  }

  unsigned short port() const override { return port_; }
  bool serves_dashboard() const override { return web_.Find("/") != nullptr; }

  void Stop() override {
    {
      std::lock_guard lock(mutex_);
      if (stopped_) return;
      stopped_ = true;
    }
    asio::post(io_, [this] {
      beast::error_code ignored;
      acceptor_.close(ignored);
    });
    hub_.CloseAll();
    io_.stop();
    stopped_signal_.notify_all();
  }

  void Wait() override {
    std::unique_lock lock(mutex_);
    stopped_signal_.wait(lock, [&] { return stopped_; });
  }

 private:
  void Accept() {
    acceptor_.async_accept(asio::make_strand(io_), [this](beast::error_code error, tcp::socket socket) {
      if (error) {
        if (error == asio::error::operation_aborted) return;
      } else {
        std::make_shared<Session>(std::move(socket), api_, hub_, metrics_, options_.body_limit)->Start();
      }
      Accept();
    });
  }

  asio::io_context io_;  // first: destroyed last, after every socket that uses it
  ServerOptions options_;
  LiveState state_;
  Metrics metrics_;
  EventHub hub_;
  StaticFiles web_;
  Committer committer_;
  Api api_;
  tcp::acceptor acceptor_;
  std::vector<std::thread> threads_;
  unsigned short port_ = 0;
  std::mutex mutex_;
  std::condition_variable stopped_signal_;
  bool stopped_ = false;
};

}  // namespace

Result<std::unique_ptr<Server>> Server::Start(std::unique_ptr<service::ResultsService> service,
                                              const ServerOptions& options) {
  auto server = std::make_unique<BeastServer>(std::move(service), options);
  if (Status ok = server->Listen(); !ok) return ok.error();
  return std::unique_ptr<Server>(std::move(server));
}

}  // namespace saylau::server
