#include "mailsink/smtp_sink.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sodium.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <ctime>
#include <stdexcept>

namespace spbe::mailsink {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string FromBase64(std::string_view in) {
  std::string out(in.size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), in.data(), in.size(), " \r\n\t", &len,
                        nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return std::string(in);
  out.resize(len);
  return out;
}

// "=?UTF-8?B?...?=" words, as the mailer writes non-ASCII subjects.
std::string DecodeWords(const std::string& s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t start = s.find("=?", i);
    if (start == std::string::npos) break;
    std::size_t q1 = s.find('?', start + 2);
    std::size_t q2 = q1 == std::string::npos ? q1 : s.find('?', q1 + 1);
    std::size_t end = q2 == std::string::npos ? q2 : s.find("?=", q2 + 1);
    if (end == std::string::npos) break;
    out += s.substr(i, start - i);
    std::string enc = Lower(s.substr(q1 + 1, q2 - q1 - 1));
    std::string text = s.substr(q2 + 1, end - q2 - 1);
    out += enc == "b" ? FromBase64(text) : text;
    i = end + 2;
  }
  return out + s.substr(std::min(i, s.size()));
}

std::string NowText() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Reads one CRLF-terminated line (without the CRLF); false when the peer went away or the sink stops.
bool ReadLine(int fd, std::string& buffer, std::string& line, const std::atomic<bool>& stop) {
  for (;;) {
    std::size_t eol = buffer.find("\r\n");
    if (eol != std::string::npos) {
      line = buffer.substr(0, eol);
      buffer.erase(0, eol + 2);
      return true;
    }
    if (buffer.size() > (32u << 20)) return false;
    pollfd p{fd, POLLIN, 0};
    int r = ::poll(&p, 1, 200);
    if (stop) return false;
    if (r <= 0) continue;
    char chunk[8192];
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
}

void Reply(int fd, std::string_view text) {
  std::string line = std::string(text) + "\r\n";
  (void)::send(fd, line.data(), line.size(), MSG_NOSIGNAL);
}

std::string Address(const std::string& arg) {
  auto a = arg.find('<'), b = arg.find('>');
  if (a == std::string::npos || b == std::string::npos || b < a) return arg;
  return arg.substr(a + 1, b - a - 1);
}

}  // namespace

void DecodeMessage(ReceivedMail& mail) {
  std::size_t split = mail.raw.find("\r\n\r\n");
  std::string headers = mail.raw.substr(0, split);
  std::string body = split == std::string::npos ? "" : mail.raw.substr(split + 4);
  bool base64 = false;
  std::size_t pos = 0;
  while (pos < headers.size()) {
    std::size_t eol = headers.find("\r\n", pos);
    std::string line = headers.substr(pos, eol == std::string::npos ? std::string::npos : eol - pos);
    pos = eol == std::string::npos ? headers.size() : eol + 2;
    std::string lower = Lower(line);
    if (lower.rfind("subject:", 0) == 0) mail.subject = DecodeWords(line.substr(line.find_first_not_of(' ', 8)));
    if (lower.rfind("content-transfer-encoding:", 0) == 0 && lower.find("base64") != std::string::npos) base64 = true;
  }
  mail.body = base64 ? FromBase64(body) : body;
}

SmtpSink::SmtpSink(int port, std::size_t keep) : keep_(keep) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium did not initialise");
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 64) != 0) {
    int err = errno;
    ::close(listen_fd_);
    throw std::runtime_error("the mail sink cannot listen on 127.0.0.1:" + std::to_string(port) + ": " +
                             std::strerror(err));
  }
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { AcceptLoop(); });
}

SmtpSink::~SmtpSink() {
  stop_ = true;
  if (acceptor_.joinable()) acceptor_.join();
  std::vector<Connection> connections;
  {
    std::lock_guard lock(mu_);
    connections.swap(connections_);
  }
  for (auto& c : connections) c.thread.join();
  ::close(listen_fd_);
}

void SmtpSink::AcceptLoop() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    std::lock_guard lock(mu_);
    std::erase_if(connections_, [](Connection& c) {
      if (!*c.done) return false;
      c.thread.join();
      return true;
    });
    auto done = std::make_shared<std::atomic<bool>>(false);
    connections_.push_back({std::thread([this, fd, done] {
                              Serve(fd);
                              ::close(fd);
                              *done = true;
                            }),
                            done});
  }
}

void SmtpSink::Serve(int fd) {
  std::string buffer, line;
  ReceivedMail current;
  Reply(fd, "220 spbe-mail-sink ESMTP ready");
  while (ReadLine(fd, buffer, line, stop_)) {
    std::string verb = Lower(line.substr(0, line.find(' ')));
    std::string arg = line.find(' ') == std::string::npos ? "" : line.substr(line.find(' ') + 1);
    if (verb == "ehlo") {
      Reply(fd, "250-spbe-mail-sink");
      Reply(fd, "250 8BITMIME");
    } else if (verb == "helo" || verb == "noop") {
      Reply(fd, "250 ok");
    } else if (verb == "mail") {
      int n = refuse_next_.load();
      while (n > 0 && !refuse_next_.compare_exchange_weak(n, n - 1)) {
      }
      if (n > 0) {
        Reply(fd, "451 4.3.0 try again later");
        continue;
      }
      current = {};
      current.from = Address(arg);
      Reply(fd, "250 ok");
    } else if (verb == "rcpt") {
      current.to.push_back(Address(arg));
      Reply(fd, "250 ok");
    } else if (verb == "data") {
      if (current.to.empty()) {
        Reply(fd, "503 5.5.1 no recipients");
        continue;
      }
      Reply(fd, "354 end with <CRLF>.<CRLF>");
      std::string data;
      bool complete = false;
      while (ReadLine(fd, buffer, line, stop_)) {
        if (line == ".") {
          complete = true;
          break;
        }
        if (!line.empty() && line[0] == '.') line.erase(0, 1);  // dot-stuffing
        data += line + "\r\n";
      }
      if (!complete) return;
      current.raw = std::move(data);
      current.received_at = NowText();
      DecodeMessage(current);
      {
        std::lock_guard lock(mu_);
        current.id = next_id_++;
        mail_.push_front(std::move(current));
        if (mail_.size() > keep_) mail_.pop_back();
      }
      current = {};
      Reply(fd, "250 ok: queued");
    } else if (verb == "rset") {
      current = {};
      Reply(fd, "250 ok");
    } else if (verb == "quit") {
      Reply(fd, "221 bye");
      return;
    } else {
      Reply(fd, "502 5.5.2 command not implemented");
    }
  }
}

std::vector<ReceivedMail> SmtpSink::Messages(const std::string& to) const {
  std::lock_guard lock(mu_);
  std::vector<ReceivedMail> out;
  for (const auto& m : mail_) {
    if (to.empty() || std::find(m.to.begin(), m.to.end(), to) != m.to.end()) out.push_back(m);
  }
  return out;
}

std::size_t SmtpSink::Count() const {
  std::lock_guard lock(mu_);
  return mail_.size();
}

}  // namespace spbe::mailsink
