// Boost.Beast plumbing: an acceptor, one asynchronous session per connection (keep-alive,
// header and body limits, idle / header / body timeouts), event streams that stay open and
// receive what the Committer publishes, and the caps on open connections (503 beyond them).
// Everything a route does is in api.cc.
#include "saylau/server/server.h"

#include <sys/resource.h>

#include <array>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <limits>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "api.h"
#include "connection_limits.h"
#include "event_streams.h"
#include "failures.h"
#include "net.h"
#include "response_head.h"
#include "saylau/formats/statistics_io.h"
#include "saylau/server/published_estimate.h"

namespace saylau::server {
namespace {

constexpr std::string_view kCannotListen = "cannot listen on ";
constexpr std::uint32_t kHeaderLimit = 16 * 1024;  // bytes: the request line and every header
constexpr auto kLinger = std::chrono::seconds(2);  // reading what a closed client still sends
constexpr std::size_t kMaxRefusing = 256;          // 503 answers to connections beyond the caps at once
constexpr auto kRefusalLinger = std::chrono::seconds(1);
// Descriptors kept for the store, logs and the process itself (never given to connections).
constexpr std::size_t kReservedDescriptors = 128;

// What every session needs from the server.
struct SessionContext {
  Api& api;
  EventHub& hub;
  Metrics& metrics;
  const ServerOptions& options;
};

// One connection: requests read in three timed phases (waiting for the first byte, the
// headers, the body), checked (headers UTF-8, sizes) and handed to the Api.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, ConnectionLimits::Slot slot, const SessionContext& context)
      : stream_(std::move(socket)), slot_(std::move(slot)), context_(context) {}

  void Start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Read(); });
  }

 private:
  void Read() {
    parser_.emplace();
    parser_->body_limit(context_.options.body_limit);
    parser_->header_limit(kHeaderLimit);
    if (buffer_.size() > 0) return ReadHeader();  // pipelined: the next request is here already
    // Idle until the first byte of the next request.
    stream_.expires_after(context_.options.idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096), [self = shared_from_this()](beast::error_code error, std::size_t n) {
      if (error) return self->Close();  // idle too long, or the client went away: nothing to answer
      self->buffer_.commit(n);
      self->ReadHeader();
    });
  }

  void ReadHeader() {
    stream_.expires_after(context_.options.header_timeout);
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code error, std::size_t) { self->OnHeader(error); });
  }

  void OnHeader(beast::error_code error) {
    if (error) return OnReadError(error);
    for (const auto& field : parser_->get()) {
      if (!IsValidUtf8(field.value())) {
        return Refuse(400, "bad-request", "header '" + Printable(field.name_string()) + "' is not valid UTF-8 text");
      }
    }
    if (parser_->is_done()) return OnRead({});  // no body (a GET): nothing more to read
    stream_.expires_after(context_.options.body_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code error, std::size_t) { self->OnRead(error); });
  }

  void OnReadError(beast::error_code error) {
    if (error == http::error::end_of_stream || error == asio::error::eof || error == asio::error::connection_reset ||
        error == asio::error::operation_aborted) {
      return Close();
    }
    if (error == beast::error::timeout) {  // the socket is closed already: a slow client
      context_.metrics.CountHttpError(Metrics::HttpError::kSlowClient);
      return Close();
    }
    if (error == http::error::body_limit) {
      return Refuse(413, "too-large",
                    "the request body is over the limit of " + std::to_string(context_.options.body_limit) + " bytes");
    }
    if (error == http::error::header_limit) {
      return Refuse(431, "headers-too-large",
                    "the request line and headers are over the limit of " + std::to_string(kHeaderLimit) + " bytes");
    }
    Refuse(400, "bad-request", "not an HTTP/1.1 request: " + error.message());
  }

  // Answers an error the client caused and closes the connection.
  void Refuse(unsigned status, std::string_view code, const std::string& message) {
    context_.metrics.CountHttpError(Metrics::HttpError::kBadRequest);
    keep_alive_ = false;
    head_ = false;
    Write(11, ErrorResponse(status, code, message));
  }

  void OnRead(beast::error_code error) {
    if (error) return OnReadError(error);
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
      std::make_shared<EventStream>(std::move(stream_), std::move(slot_), context_.hub, context_.metrics)
          ->Start(version);
      return;
    }
    head_ = in.method == "HEAD";
    // An answer given on this thread before Handle returns (a read from a snapshot) is written
    // right after it; one given later or on another thread (the writer's) is posted to the session.
    handling_on_.store(std::this_thread::get_id());
    context_.api.Handle(in, [self = shared_from_this(), version](HttpResponse response) {
      if (self->handling_on_.load() == std::this_thread::get_id()) {
        self->answered_ = std::move(response);
        return;
      }
      asio::post(self->stream_.get_executor(), [self, version, response = std::move(response)]() mutable {
        self->Write(version, std::move(response));
      });
    });
    handling_on_.store(std::thread::id());
    if (answered_) {
      HttpResponse response = std::move(*answered_);
      answered_.reset();
      Write(version, std::move(response));
    }
  }

  // The head written by hand (response_head.h) into a string the session keeps, and sent with
  // the body in one gathered write: the body (a snapshot's, shared) is not copied.
  void Write(unsigned version, HttpResponse out) {
    out_ = std::move(out);
    const std::string_view body = head_ ? std::string_view() : out_.body_view();
    head_text_.clear();
    AppendResponseHead(head_text_, version, out_, keep_alive_, body.size());
    const std::array<asio::const_buffer, 2> buffers{asio::buffer(head_text_), asio::buffer(body.data(), body.size())};
    stream_.expires_after(context_.options.body_timeout);  // a client that does not read is dropped
    asio::async_write(stream_, buffers, [self = shared_from_this()](beast::error_code error, std::size_t) {
      self->out_.shared_body.reset();  // a newer snapshot may replace it: let the old one go
      self->out_.body.clear();
      if (error || !self->keep_alive_) return self->Close();
      self->Read();
    });
  }

  // Closes gracefully: no more to send, then what the client still sends is read and dropped
  // for a moment (closing with unread bytes would reset the connection and lose the answer).
  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(kLinger);
    Drain();
  }
  void Drain() {
    stream_.async_read_some(asio::buffer(scratch_), [self = shared_from_this()](beast::error_code error, std::size_t) {
      if (error) {
        beast::error_code ignored;
        self->stream_.socket().close(ignored);
        return;
      }
      self->Drain();
    });
  }

  beast::tcp_stream stream_;
  ConnectionLimits::Slot slot_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  const SessionContext& context_;
  char scratch_[4096];
  bool keep_alive_ = true;
  bool head_ = false;
  HttpResponse out_;       // the answer being written
  std::string head_text_;  // its status line and headers
  std::atomic<std::thread::id> handling_on_;  // the thread in Api::Handle for this session, if any
  std::optional<HttpResponse> answered_;      // the answer Handle gave on that thread
};

// A connection beyond the caps: answered 503 and closed, without reading its request.
class Refusal : public std::enable_shared_from_this<Refusal> {
 public:
  Refusal(tcp::socket socket, std::atomic<std::size_t>& refusing, std::string text)
      : stream_(std::move(socket)), refusing_(refusing), text_(std::move(text)) {}
  ~Refusal() { --refusing_; }

  void Start() {
    stream_.expires_after(kRefusalLinger);
    asio::async_write(stream_, asio::buffer(text_), [self = shared_from_this()](beast::error_code error, std::size_t) {
      if (error) return;
      beast::error_code ignored;
      self->stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
      self->Drain();
    });
  }

 private:
  void Drain() {
    stream_.async_read_some(asio::buffer(scratch_), [self = shared_from_this()](beast::error_code error, std::size_t) {
      if (!error) self->Drain();
    });
  }

  beast::tcp_stream stream_;
  std::atomic<std::size_t>& refusing_;
  std::string text_;
  char scratch_[4096];
};

// The whole 503 answer to a connection beyond the caps.
std::string RefusalText(const std::string& message) {
  const HttpResponse error = ErrorResponse(503, "too-many-connections", message);
  return "HTTP/1.1 503 Service Unavailable\r\nServer: saylau\r\nContent-Type: application/json\r\n"
         "Retry-After: 1\r\nConnection: close\r\nContent-Length: " +
         std::to_string(error.body.size()) + "\r\n\r\n" + error.body;
}

// The connections the descriptor limit allows after the reserve: raises the soft limit to the
// hard one first.
std::size_t DescriptorBudget() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024 - kReservedDescriptors - kMaxRefusing;
  if (limit.rlim_cur != RLIM_INFINITY && (limit.rlim_max == RLIM_INFINITY || limit.rlim_cur < limit.rlim_max)) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max == RLIM_INFINITY ? std::max<rlim_t>(limit.rlim_cur, 1 << 20) : limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  if (limit.rlim_cur == RLIM_INFINITY) return std::numeric_limits<std::size_t>::max();
  const auto descriptors = static_cast<std::size_t>(limit.rlim_cur);
  const std::size_t kept = kReservedDescriptors + kMaxRefusing;
  return descriptors > kept + 16 ? descriptors - kept : 16;
}

class BeastServer : public Server {
 public:
  BeastServer(std::unique_ptr<service::ResultsService> service, const ServerOptions& options)
      : failures_(metrics_),
        limits_(std::min(options.max_connections, DescriptorBudget()), options.max_connections_per_client, metrics_),
        options_(options),
        committer_(
            state_, [this](const std::vector<service::Acknowledgement>& acks) { hub_.Publish(Api::EventsFor(acks)); },
            [this](const std::string& what) { failures_.Report("the writer thread", what); }),
        api_(state_, committer_, metrics_, failures_, web_, options.desk_reuse, options.desk_build_share,
             options.desk_build_window),
        context_{api_, hub_, metrics_, options_},
        acceptor_(io_),
        accept_pause_(io_) {
    std::unique_lock lock(state_.mutex);  // the committer's thread polls it already
    state_.service = std::move(service);
    if (!options.pvt_json.empty()) {
      state_.pvt_published = nlohmann::json::parse(options.pvt_json, nullptr, false);
      auto estimate = ParsePublishedEstimate(options.pvt_json);
      if (estimate) {
        state_.pvt_contest = estimate->contest;
        state_.pvt = std::move(estimate->estimate);
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
    if (!options_.bundle_dir.empty()) {  // read by the HTTP threads only, which start below
      Result<Downloads> downloads = Downloads::Load(options_.bundle_dir, options_.bundle_file_limit);
      if (!downloads) return downloads.error();
      state_.downloads = std::move(*downloads);
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
      return Unavailable(std::string(kCannotListen) + options_.address + ":" + std::to_string(options_.port) + ": " +
                         error.message());
    }
    port_ = acceptor_.local_endpoint().port();
    Accept();
    for (int i = 0; i < std::max(1, options_.threads); ++i) threads_.emplace_back([this] { RunIo(); });
    return {};
  }

  unsigned short port() const override { return port_; }
  bool serves_dashboard() const override { return web_.Find("/") != nullptr; }
  std::size_t max_connections() const override { return limits_.total_cap(); }

  void Stop() override {
    {
      std::lock_guard lock(mutex_);
      if (stopped_) return;
      stopped_ = true;
    }
    asio::post(io_, [this] {
      beast::error_code ignored;
      acceptor_.close(ignored);
      accept_pause_.cancel();
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
  // An I/O thread: an exception out of a handler is reported and the thread goes on.
  void RunIo() {
    for (;;) {
      try {
        io_.run();
        return;
      } catch (...) {
        failures_.Report("an I/O thread", DescribeException(std::current_exception()));
      }
    }
  }

  void Accept() {
    acceptor_.async_accept(asio::make_strand(io_), [this](beast::error_code error, tcp::socket socket) {
      if (error == asio::error::operation_aborted || !acceptor_.is_open()) return;
      if (error) {
        // Out of descriptors (EMFILE, ENFILE) or another failure: pause instead of spinning.
        accept_pause_.expires_after(std::chrono::milliseconds(100));
        accept_pause_.async_wait([this](beast::error_code waited) {
          if (!waited && acceptor_.is_open()) Accept();
        });
        return;
      }
      Admit(std::move(socket));
      Accept();
    });
  }

  // A new connection: a session when the caps allow it, otherwise 503 and closed.
  void Admit(tcp::socket socket) {
    beast::error_code error;
    const tcp::endpoint peer = socket.remote_endpoint(error);
    if (error) return;  // gone already
    const std::string client = peer.address().to_string();
    ConnectionLimits::Slot slot = limits_.TryTake(client);
    if (!slot) {
      metrics_.CountHttpError(Metrics::HttpError::kOverCapacity);
      if (refusing_.fetch_add(1) >= kMaxRefusing) {
        --refusing_;
        socket.close(error);  // too many at once even to answer: just close
        return;
      }
      const bool whole = limits_.open() >= limits_.total_cap();
      const std::string message =
          whole ? "the server has its " + std::to_string(limits_.total_cap()) + " connections open; try again shortly"
                : "this address has its " + std::to_string(limits_.per_client_cap()) +
                      " connections open; close some or try again shortly";
      std::make_shared<Refusal>(std::move(socket), refusing_, RefusalText(message))->Start();
      return;
    }
    std::make_shared<Session>(std::move(socket), std::move(slot), context_)->Start();
  }

  // Declared first, destroyed last: sessions that io_ still holds give their slots back and
  // unanswered work reports to failures_ while they are destroyed.
  Metrics metrics_;
  FailureLog failures_;
  ConnectionLimits limits_;
  std::atomic<std::size_t> refusing_{0};  // 503 answers being written
  asio::io_context io_;                   // destroyed after everything below that uses it
  ServerOptions options_;
  LiveState state_;
  EventHub hub_;
  StaticFiles web_;
  Committer committer_;
  Api api_;
  SessionContext context_;
  tcp::acceptor acceptor_;
  asio::steady_timer accept_pause_;
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

bool CannotListen(const Error& error) {
  return error.code == ErrorCode::kUnavailable && error.message.starts_with(kCannotListen);
}

}  // namespace saylau::server
