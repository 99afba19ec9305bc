#pragma once
// Runs the real spbe binary as a child process, for tests that must kill it or restart it.

#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace spbe::testing {

class ChildServer {
 public:
  /// Starts `spbe serve` with the arguments and waits for its "listening" log line. Throws when it does not come.
  explicit ChildServer(std::vector<std::string> args);
  ~ChildServer();  // SIGKILLs a child still running
  int port() const { return port_; }
  int pid() const { return pid_; }
  /// Sends the signal and waits for the process to end; returns its wait status.
  int Signal(int sig);
  /// What the child wrote to stdout and stderr after its "listening" line, so far (the first 64 MiB).
  std::string Output() const;

 private:
  int pid_ = -1;
  int port_ = 0;
  int out_fd_ = -1;
  mutable std::mutex output_mu_;
  std::string output_;
  std::thread drain_;  // reads the child's output so it never blocks on a full pipe
};

/// spbe-agency-sim on a free port, checking requests against the keys of the bus at `bus_port`.
class AgencySim {
 public:
  explicit AgencySim(int bus_port);
  ~AgencySim();
  AgencySim(const AgencySim&) = delete;
  AgencySim& operator=(const AgencySim&) = delete;
  int port() const { return port_; }
  /// Kills it: the provider is down.
  void Stop();

 private:
  int pid_ = -1;
  int port_ = 0;
  int out_fd_ = -1;
  std::thread drain_;
};

/// Runs the spbe binary to completion; returns the exit code and fills `output` with stdout+stderr.
int RunSpbe(const std::vector<std::string>& args, std::string* output = nullptr);

}  // namespace spbe::testing
