#include "http/server.hpp"

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <ctime>
#include <list>
#include <mutex>
#include <thread>

#include "http/problem.hpp"
#include "platform/log.hpp"

namespace spbe::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

namespace {

constexpr std::size_t kHeaderLimit = 16 * 1024;

/// What the drain needs to reach a live session from another thread.
struct SessionHandle {
  net::any_io_executor executor;
  beast::tcp_stream* stream = nullptr;  // touched only on `executor`; null once the session ended
  bool idle = false;                    // waiting for the next request (touched only on `executor`)
};

}  // namespace

struct Server::Impl {
  ServerOptions options;
  const Router& router;
  // One io_context per network thread, each run by its own thread (concurrency hint 1): a connection stays on one
  // thread for life, so no strands and no cross-thread hand-offs on the hot path. contexts[0] also accepts.
  std::vector<std::unique_ptr<net::io_context>> contexts;
  std::vector<net::executor_work_guard<net::io_context::executor_type>> guards;
  std::size_t next_context = 0;
  net::io_context& ioc;
  net::thread_pool workers;
  tcp::acceptor acceptor{ioc};
  net::signal_set signals{ioc};
  std::vector<std::thread> threads;
  std::atomic<bool> draining{false};
  std::atomic<std::uint64_t> connections{0}, queued{0}, busy{0};
  std::mutex sessions_mu;
  std::list<std::shared_ptr<SessionHandle>> sessions;
  int signals_seen = 0;

  static std::vector<std::unique_ptr<net::io_context>> MakeContexts(int n) {
    std::vector<std::unique_ptr<net::io_context>> v;
    for (int i = 0; i < std::max(1, n); ++i) v.push_back(std::make_unique<net::io_context>(1));
    return v;
  }

  Impl(ServerOptions o, const Router& r)
      : options(std::move(o)),
        router(r),
        contexts(MakeContexts(options.io_threads)),
        ioc(*contexts[0]),
        workers(static_cast<std::size_t>(std::max(1, options.workers))) {
    for (auto& c : contexts) guards.push_back(net::make_work_guard(*c));
    if (!options.render_error)
      options.render_error = [](const Request& req, int status) { return ProblemForStatus(req, status); };
  }

  // ---- request handling (no Beast types past this point) ----

  // One link of the chain: what the next middleware needs, small enough for std::function to hold without
  // allocating (one pointer), so passing through eight middlewares costs no allocation.
  struct Link {
    const Impl* self;
    const Handler* terminal;
    std::size_t i;
  };

  Response RunChain(Request& req, const Handler& terminal, std::size_t i) const {
    const auto& mw = router.middleware();
    if (i == mw.size()) return terminal(req);
    Link next{this, &terminal, i + 1};
    return mw[i](req, [link = &next](Request& r) { return link->self->RunChain(r, *link->terminal, link->i); });
  }

  Response Guarded(const Handler& h, Request& req) const {
    try {
      return h(req);
    } catch (const NeedsWorker&) {
      throw;  // not a failure: Dispatch runs the request again on a worker
    } catch (const std::exception& e) {
      log::Error("handler failed", {{"request_id", req.request_id}, {"route", req.route}, {"error", e.what()}});
    } catch (...) {
      log::Error("handler failed", {{"request_id", req.request_id}, {"route", req.route}, {"error", "unknown"}});
    }
    return options.render_error(req, 500);
  }

  Response Process(Request& req, const Router::Match& match, int early_status) const {
    Handler terminal;
    if (early_status != 0) {
      terminal = [&](Request& r) { return options.render_error(r, early_status); };
    } else if (match.route) {
      terminal = [&](Request& r) { return Guarded(match.route->handler, r); };
    } else if (!match.allowed.empty()) {
      terminal = [&](Request& r) {
        Response res = options.render_error(r, 405);
        std::string allow;
        for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
        res.Set("Allow", allow);
        return res;
      };
    } else {
      terminal = [&](Request& r) { return options.render_error(r, 404); };
    }
    try {
      return RunChain(req, terminal, 0);
    } catch (const std::exception& e) {
      log::Error("middleware failed", {{"request_id", req.request_id}, {"error", e.what()}});
      return ProblemForStatus(req, 500);
    }
  }

  net::awaitable<Response> Dispatch(Request& req, int early_status) {
    Router::Match match;
    // Even a refused request is answered in its own terms (API problem or page) when its target can be read.
    if (!req.ParseTarget() && early_status == 0) early_status = 400;
    if (early_status == 0) match = router.Find(req.method, req.path);
    req.route = match.route ? match.route->pattern : "(unmatched)";
    req.api = match.route ? match.route->api : IsApiPath(req.path);
    req.client_authenticated = match.route && match.route->options.client_authenticated;
    req.params = std::move(match.params);  // Process reads the route and what is allowed, not these
    if (early_status != 0 || !match.route || match.route->options.on_io_thread) {
      NetworkThreadScope on_network;
      co_return Process(req, match, early_status);
    }
    if (match.route->options.io_first) {
      try {
        NetworkThreadScope on_network;
        co_return Process(req, match, 0);
      } catch (const NeedsWorker&) {
        // Needs blocking work after all: the whole chain again on a worker, as for any other route.
      }
    }
    // Blocking work goes to the worker pool; the coroutine resumes on this connection's thread afterwards.
    ++queued;
    Response res = co_await net::co_spawn(
        workers.get_executor(),
        [&]() -> net::awaitable<Response> {
          --queued;
          ++busy;
          Response r = Process(req, match, 0);
          --busy;
          co_return r;
        },
        net::use_awaitable);
    co_return res;
  }

  // ---- Beast session ----

  static Request ToRequest(bhttp::request<bhttp::string_body>& in, const std::string& remote) {
    Request r;
    r.method = std::string(in.method_string());
    r.target = std::string(in.target());
    r.remote_address = remote;
    r.peer_address = remote;
    for (const auto& f : in) {
      std::string name(f.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      r.headers.emplace_back(std::move(name), std::string(f.value()));
    }
    r.body = std::move(in.body());
    return r;
  }

  // RFC 9110 Date, formatted once per second per thread.
  static const std::string& HttpDate() {
    thread_local std::time_t cached_at = 0;
    thread_local std::string text;
    std::time_t now = std::time(nullptr);
    if (now != cached_at) {
      std::tm tm{};
      gmtime_r(&now, &tm);
      char buf[40];
      std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
      text = buf;
      cached_at = now;
    }
    return text;
  }

  /// Headers the server itself writes, never taken from a handler.
  static bool ServerOwned(std::string_view name) {
    switch (name.size()) {
      case 4:
        return beast::iequals(name, "date");
      case 10:
        return beast::iequals(name, "connection");
      case 14:
        return beast::iequals(name, "content-length");
      case 17:
        return beast::iequals(name, "transfer-encoding");
      default:
        return false;
    }
  }

  /// The status line and header block of `res`, written straight into one string: no per-field allocation, and the
  /// body goes out after it from where it already is. Every header is written (several Set-Cookie headers must all
  /// reach the browser); the ones the server itself owns are not taken from the handler, and a value never carries a
  /// line break into the stream.
  static std::string Head(const Response& res, unsigned version, bool keep_alive, std::size_t length) {
    std::string h;
    h.reserve(768);
    h += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
    h += std::to_string(res.status);
    h += ' ';
    auto reason = bhttp::obsolete_reason(static_cast<bhttp::status>(res.status));
    h.append(reason.data(), reason.size());
    h += "\r\nDate: ";
    h += HttpDate();
    h += "\r\n";
    for (const auto& [k, v] : res.headers) {
      if (ServerOwned(k)) continue;
      h += k;
      h += ": ";
      if (v.find_first_of("\r\n") == std::string::npos) {
        h += v;
      } else {
        for (char c : v) h += (c == '\r' || c == '\n') ? ' ' : c;
      }
      h += "\r\n";
    }
    if (res.preset) h += res.preset->text;
    if (!keep_alive) {
      h += "Connection: close\r\n";
    } else if (version == 10) {
      h += "Connection: keep-alive\r\n";
    }
    h += "Content-Length: ";  // a HEAD answer states the length of the GET body it stands for
    h += std::to_string(length);
    h += "\r\n\r\n";
    return h;
  }

  net::awaitable<void> Session(beast::tcp_stream stream) {
    auto handle = std::make_shared<SessionHandle>();
    handle->executor = stream.get_executor();
    handle->stream = &stream;
    {
      std::lock_guard lock(sessions_mu);
      sessions.push_back(handle);
    }
    ++connections;
    std::string remote;
    {
      beast::error_code ec;
      auto ep = stream.socket().remote_endpoint(ec);
      if (!ec) remote = ep.address().to_string();
    }
    beast::flat_buffer buffer;
    beast::error_code ec;
    bool first = true;
    for (;;) {
      if (buffer.size() == 0) {
        if (draining) break;
        // Between requests a connection may idle; once a byte arrives the header timeout applies.
        handle->idle = true;
        stream.expires_after(std::chrono::seconds(first ? options.header_timeout_s : options.idle_timeout_s));
        std::size_t n =
            co_await stream.async_read_some(buffer.prepare(4096), net::redirect_error(net::use_awaitable, ec));
        handle->idle = false;
        if (ec) break;
        buffer.commit(n);
      }
      first = false;
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(kHeaderLimit);
      parser.body_limit(options.body_limit);
      stream.expires_after(std::chrono::seconds(options.header_timeout_s));
      co_await bhttp::async_read_header(stream, buffer, parser, net::redirect_error(net::use_awaitable, ec));
      int early = 0;
      if (ec == bhttp::error::header_limit) {
        early = 431;
      } else if (ec == bhttp::error::body_limit) {  // Content-Length alone already exceeds the limit
        early = 413;
      } else if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
                 ec == net::error::operation_aborted || ec == net::error::connection_reset || ec == net::error::eof) {
        break;
      } else if (ec) {
        early = 400;
      } else {
        stream.expires_after(std::chrono::seconds(options.idle_timeout_s));
        co_await bhttp::async_read(stream, buffer, parser, net::redirect_error(net::use_awaitable, ec));
        if (ec == bhttp::error::body_limit) {
          early = 413;
        } else if (ec) {
          if (ec == beast::error::timeout || ec == net::error::eof || ec == bhttp::error::end_of_stream ||
              ec == net::error::connection_reset)
            break;
          early = 400;
        }
      }
      auto& in = parser.get();
      Request req;
      if (parser.is_header_done() || early == 413) {  // a too-large body is refused after its header was read
        req = ToRequest(in, remote);
        if (early != 0) req.body.clear();  // partial body of a refused request
      } else {
        req.method = "GET";
        req.remote_address = remote;
        req.peer_address = remote;
      }
      Response res = co_await Dispatch(req, early);
      // After a broken or oversized request the stream position is unknown: close instead of guessing.
      bool keep_alive = early == 0 && in.keep_alive() && !draining;
      std::string head = Head(res, in.version() ? in.version() : 11, keep_alive, res.body.size());
      std::array<net::const_buffer, 2> out{net::buffer(head), net::buffer(res.body)};
      if (req.method == "HEAD") out[1] = net::const_buffer();
      stream.expires_after(std::chrono::seconds(options.idle_timeout_s));
      co_await net::async_write(stream, out, net::redirect_error(net::use_awaitable, ec));
      if (ec || !keep_alive) break;
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    handle->stream = nullptr;
    {
      std::lock_guard lock(sessions_mu);
      sessions.remove(handle);
    }
    --connections;
  }

  net::awaitable<void> Listen() {
    for (;;) {
      beast::error_code ec;
      tcp::socket socket = co_await acceptor.async_accept(*contexts[next_context++ % contexts.size()],
                                                          net::redirect_error(net::use_awaitable, ec));
      if (ec) {
        if (!acceptor.is_open() || draining) co_return;
        log::Warn("accept failed", {{"error", ec.message()}});
        continue;
      }
      auto executor = socket.get_executor();
      net::co_spawn(executor, Session(beast::tcp_stream(std::move(socket))), [](std::exception_ptr e) {
        if (!e) return;
        try {
          std::rethrow_exception(e);
        } catch (const std::exception& ex) {
          log::Error("session failed", {{"error", ex.what()}});
        }
      });
    }
  }

  void BeginDrain() {
    if (draining.exchange(true)) return;
    log::Info("draining", {{"connections", connections.load()}});
    beast::error_code ec;
    acceptor.close(ec);
    std::lock_guard lock(sessions_mu);
    for (const auto& h : sessions) {
      net::post(h->executor, [h] {
        // The session may have closed its socket meanwhile: the non-throwing overload, whatever the state.
        beast::error_code ignored;
        if (h->stream && h->idle) h->stream->socket().cancel(ignored);
      });
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.drain_timeout_s);
    net::co_spawn(ioc, WaitDrained(deadline), net::detached);
  }

  net::awaitable<void> WaitDrained(std::chrono::steady_clock::time_point deadline) {
    net::steady_timer t(co_await net::this_coro::executor);
    while (connections.load() > 0 && std::chrono::steady_clock::now() < deadline) {
      t.expires_after(20ms);
      co_await t.async_wait(net::use_awaitable);
    }
    if (connections.load() > 0) log::Warn("drain timed out", {{"connections", connections.load()}});
    StopAll();
  }

  void StopAll() {
    for (auto& c : contexts) c->stop();
  }

  void WaitSignal() {
    signals.async_wait([this](const beast::error_code& ec, int sig) {
      if (ec) return;
      if (++signals_seen > 1) {
        log::Warn("second signal: stopping now", {{"signal", sig}});
        StopAll();
        return;
      }
      log::Info("signal received", {{"signal", sig}});
      BeginDrain();
      WaitSignal();
    });
  }
};

Server::Server(ServerOptions options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

Server::~Server() {
  if (!impl_->threads.empty()) {
    impl_->StopAll();
    Wait();
  }
}

Result<int> Server::Start() {
  auto& i = *impl_;
  beast::error_code ec;
  auto address = net::ip::make_address(i.options.bind, ec);
  if (ec) return Error::Of(ErrorCode::kValidation, "server.bind: '" + i.options.bind + "' is not an IP address");
  tcp::endpoint ep(address, static_cast<unsigned short>(i.options.port));
  i.acceptor.open(ep.protocol(), ec);
  if (!ec) i.acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) i.acceptor.bind(ep, ec);
  if (!ec) i.acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Error::Of(ErrorCode::kUnavailable,
                     "cannot listen on " + i.options.bind + ":" + std::to_string(i.options.port) + ": " + ec.message());
  }
  int port = i.acceptor.local_endpoint().port();
  net::co_spawn(i.ioc, i.Listen(), net::detached);
  for (auto& c : i.contexts) i.threads.emplace_back([ctx = c.get()] { ctx->run(); });
  log::Announce("listening", {{"address", i.options.bind},
                              {"port", port},
                              {"io_threads", i.options.io_threads},
                              {"workers", i.options.workers}});
  return port;
}

void Server::StopOnSignals() {
  impl_->signals.add(SIGINT);
  impl_->signals.add(SIGTERM);
  net::post(impl_->ioc, [this] { impl_->WaitSignal(); });
}

void Server::Drain() {
  net::post(impl_->ioc, [this] { impl_->BeginDrain(); });
}

void Server::Wait() {
  for (auto& t : impl_->threads) {
    if (t.joinable()) t.join();
  }
  impl_->threads.clear();
  impl_->workers.join();
}

ServerStats Server::Stats() const {
  return {impl_->connections.load(), impl_->queued.load(), impl_->busy.load(), impl_->draining.load()};
}

}  // namespace spbe::http
