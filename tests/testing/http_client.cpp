#include "testing/http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fcntl.h>

#include <atomic>
#include <boost/json.hpp>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace spbe::testing {
namespace {

// With SPBE_API_RECORD set to a directory, every JSON answer of an /api/ route is appended there (one line per answer,
// one file per process) for tests/api/responses.test.mjs, which validates each against the OpenAPI document's schema
// for its operation and status.
std::atomic<bool> recording{true};

void Record(const HttpRequest& req, const HttpResponse& r) {
  static const char* dir = std::getenv("SPBE_API_RECORD");
  if (!recording || !dir || *dir == 0 || req.target.rfind("/api/", 0) != 0) return;
  auto type = r.Header("content-type").value_or("");
  if (type.find("json") == std::string::npos) return;
  std::string line = boost::json::serialize(boost::json::object{{"method", req.method},
                                                                {"target", req.target},
                                                                {"status", r.status},
                                                                {"content_type", type},
                                                                {"body", r.body}}) +
                     "\n";
  std::string file = std::string(dir) + "/" + std::to_string(::getpid()) + ".jsonl";
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return;
  auto written = ::write(fd, line.data(), line.size());  // one write per line: lines of threads do not interleave
  (void)written;
  ::close(fd);
}

}  // namespace

void RecordApiAnswers(bool on) { recording = on; }

std::optional<std::string> HttpResponse::Header(const std::string& lower_name) const {
  for (const auto& [k, v] : headers) {
    if (k == lower_name) return v;
  }
  return std::nullopt;
}

RawConnection::RawConnection(int port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) throw std::runtime_error("socket failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    fd_ = -1;
    throw std::runtime_error(std::string("connect failed: ") + std::strerror(errno));
  }
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) ::close(fd_);
}

void RawConnection::Write(const std::string& bytes) {
  std::size_t off = 0;
  while (off < bytes.size()) {
    ssize_t n = ::send(fd_, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
    if (n <= 0) throw std::runtime_error("send failed");
    off += static_cast<std::size_t>(n);
  }
}

bool RawConnection::Fill(int timeout_ms) {
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, timeout_ms) <= 0) return false;
  char buf[16384];
  ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
  if (n <= 0) return false;
  buffer_.append(buf, static_cast<std::size_t>(n));
  return true;
}

bool RawConnection::ClosedByPeer(int timeout_ms) {
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, timeout_ms) <= 0) return false;
  char buf[1024];
  ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
  if (n > 0) buffer_.append(buf, static_cast<std::size_t>(n));
  return n <= 0;
}

std::optional<HttpResponse> RawConnection::ReadResponse(int timeout_ms) {
  std::size_t header_end;
  while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!Fill(timeout_ms)) return std::nullopt;
  }
  HttpResponse r;
  std::string head = buffer_.substr(0, header_end);
  std::size_t line_end = head.find("\r\n");
  std::string status_line = head.substr(0, line_end);
  r.status = std::stoi(status_line.substr(9, 3));
  std::size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
  std::optional<std::size_t> length;
  while (pos < head.size()) {
    std::size_t e = head.find("\r\n", pos);
    if (e == std::string::npos) e = head.size();
    std::string line = head.substr(pos, e - pos);
    auto colon = line.find(':');
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    if (name == "content-length") length = std::stoul(value);
    r.headers.emplace_back(name, value);
    pos = e + 2;
  }
  buffer_.erase(0, header_end + 4);
  if (length) {
    while (buffer_.size() < *length) {
      if (!Fill(timeout_ms)) return std::nullopt;
    }
    r.body = buffer_.substr(0, *length);
    buffer_.erase(0, *length);
  } else {
    while (Fill(timeout_ms)) {
    }
    r.body = std::move(buffer_);
    buffer_.clear();
  }
  return r;
}

HttpResponse Send(int port, const HttpRequest& req) {
  RawConnection c(port);
  // As a browser writes it: the host and the port it connected to.
  std::string out = req.method + " " + req.target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                    "\r\nConnection: close\r\n";
  for (const auto& [k, v] : req.headers) out += k + ": " + v + "\r\n";
  if (!req.body.empty() || req.method == "POST") out += "Content-Length: " + std::to_string(req.body.size()) + "\r\n";
  out += "\r\n" + req.body;
  c.Write(out);
  auto r = c.ReadResponse(30000);
  if (!r) throw std::runtime_error("no response to " + req.method + " " + req.target);
  Record(req, *r);
  return *r;
}

HttpResponse Get(int port, const std::string& target, std::vector<std::pair<std::string, std::string>> headers) {
  return Send(port, {"GET", target, std::move(headers), ""});
}

HttpResponse PostJson(int port, const std::string& target, const std::string& json,
                      std::vector<std::pair<std::string, std::string>> headers) {
  headers.emplace_back("Content-Type", "application/json");
  return Send(port, {"POST", target, std::move(headers), json});
}

}  // namespace spbe::testing
