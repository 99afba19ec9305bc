#pragma once
/// The HTTP/1.1 server: Beast + Asio with C++20 coroutines. Network threads only parse and write; handlers run on
/// a worker pool unless their route says they never block. Beast stays inside server.cpp (pimpl).

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http/message.hpp"
#include "http/router.hpp"
#include "platform/result.hpp"

namespace spbe::http {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 0;
  int io_threads = 1;
  int workers = 8;
  std::uint64_t body_limit = 10ull << 20;
  int header_timeout_s = 10;
  int idle_timeout_s = 60;
  int drain_timeout_s = 30;
  /// Answers requests that reached no handler or failed before one: 400, 404, 405, 413, 431, 500.
  /// The default is a problem+json response.
  std::function<Response(const Request&, int status)> render_error;
};

struct ServerStats {
  std::uint64_t connections = 0;    // open now
  std::uint64_t worker_queued = 0;  // handler calls waiting for a worker
  std::uint64_t worker_busy = 0;    // handler calls running on workers
  bool draining = false;
};

class Server {
 public:
  Server(ServerOptions options, const Router& router);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds, starts the network threads and the worker pool. Returns the bound port (useful with port 0).
  Result<int> Start();

  /// Drains on SIGTERM or SIGINT: stops accepting, lets in-flight requests finish (up to drain_timeout), then
  /// stops. A second signal stops at once.
  void StopOnSignals();

  /// Starts the graceful drain; safe from any thread.
  void Drain();

  /// Blocks until the server has stopped.
  void Wait();

  ServerStats Stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace spbe::http
