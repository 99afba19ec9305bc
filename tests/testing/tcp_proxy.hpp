#pragma once
// A loopback TCP proxy that a test can cut and restore, to play a database going away and coming back.

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace spbe::testing {

class TcpProxy {
 public:
  explicit TcpProxy(int target_port);
  ~TcpProxy();
  int port() const { return port_; }
  /// Closes every proxied connection and stops listening: new connections are refused.
  void Cut();
  /// Listens again on the same port.
  void Restore();

 private:
  void Listen();
  void AcceptLoop(int listen_fd);
  void Pump(int a, int b);

  int target_port_;
  int port_ = 0;
  std::atomic<int> listen_fd_{-1};
  std::mutex mu_;
  std::vector<int> open_fds_;
  std::vector<std::thread> threads_;
};

}  // namespace spbe::testing
