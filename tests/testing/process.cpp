#include "testing/process.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <stdexcept>

namespace spbe::testing {
namespace {

int Spawn(const std::vector<std::string>& args, int* out_fd, std::string bin = SPBE_BINARY) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  int pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::dup2(fds[1], 1);
    ::dup2(fds[1], 2);
    ::close(fds[0]);
    ::close(fds[1]);
    std::vector<char*> argv;
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(bin.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  *out_fd = fds[0];
  return pid;
}

// Reads a child's output until it ends, so a chatty child never blocks on a full pipe.
std::thread Drain(int fd) {
  return std::thread([fd] {
    char sink[8192];
    while (::read(fd, sink, sizeof sink) > 0) {
    }
  });
}

}  // namespace

ChildServer::ChildServer(std::vector<std::string> args) {
  args.insert(args.begin(), "serve");
  pid_ = Spawn(args, &out_fd_);
  std::string buffer;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{out_fd_, POLLIN, 0};
    if (::poll(&p, 1, 200) <= 0) continue;
    char buf[4096];
    ssize_t n = ::read(out_fd_, buf, sizeof buf);
    if (n <= 0) break;
    buffer.append(buf, static_cast<std::size_t>(n));
    std::size_t nl;
    while ((nl = buffer.find('\n')) != std::string::npos) {
      std::string line = buffer.substr(0, nl);
      buffer.erase(0, nl + 1);
      boost::system::error_code ec;
      auto v = boost::json::parse(line, ec);
      if (!ec && v.is_object() && v.as_object().contains("msg") && v.at("msg") == "listening") {
        port_ = static_cast<int>(v.at("port").as_int64());
        output_ = buffer;
        drain_ = std::thread([this] {
          char chunk[8192];
          ssize_t got;
          while ((got = ::read(out_fd_, chunk, sizeof chunk)) > 0) {
            std::lock_guard lock(output_mu_);
            if (output_.size() < (64u << 20)) output_.append(chunk, static_cast<std::size_t>(got));
          }
        });
        return;
      }
    }
  }
  Signal(SIGKILL);
  throw std::runtime_error("spbe serve did not start: " + buffer);
}

ChildServer::~ChildServer() {
  if (pid_ > 0) Signal(SIGKILL);
  if (drain_.joinable()) drain_.join();  // ends at EOF, once the child is gone
  if (out_fd_ >= 0) ::close(out_fd_);
}

std::string ChildServer::Output() const {
  std::lock_guard lock(output_mu_);
  return output_;
}

int ChildServer::Signal(int sig) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, sig);
  // Keep draining its output so a chatty child never blocks on a full pipe while exiting.
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return status;
}

AgencySim::AgencySim(int bus_port) {
  pid_ = Spawn({"--port", "0", "--bus", "http://127.0.0.1:" + std::to_string(bus_port)}, &out_fd_, SPBE_AGENCY_SIM);
  std::string buffer;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline && port_ == 0) {
    pollfd p{out_fd_, POLLIN, 0};
    if (::poll(&p, 1, 200) <= 0) continue;
    char buf[4096];
    ssize_t n = ::read(out_fd_, buf, sizeof buf);
    if (n <= 0) break;
    buffer.append(buf, static_cast<std::size_t>(n));
    auto at = buffer.find("http://127.0.0.1:");
    if (at != std::string::npos && buffer.find('/', at + 17) != std::string::npos) {
      port_ = std::atoi(buffer.c_str() + at + 17);
    }
  }
  if (port_ == 0) {
    Stop();
    throw std::runtime_error("spbe-agency-sim did not start: " + buffer);
  }
  drain_ = Drain(out_fd_);
}

AgencySim::~AgencySim() {
  Stop();
  if (drain_.joinable()) drain_.join();
  if (out_fd_ >= 0) ::close(out_fd_);
}

void AgencySim::Stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

int RunSpbe(const std::vector<std::string>& args, std::string* output) {
  int fd;
  int pid = Spawn(args, &fd);
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (output) *output = out;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace spbe::testing
