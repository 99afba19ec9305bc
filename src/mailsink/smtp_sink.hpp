#pragma once
/// A small SMTP server for loopback: it accepts every message and keeps the last ones in memory. It is the "mail
/// relay" of the demo (`spbe-mail-sink`) and of the tests, so the outbox worker always talks real SMTP over TCP.
/// It can be told to refuse the next messages with a temporary error, to exercise the sender's retries.

#include <atomic>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace spbe::mailsink {

struct ReceivedMail {
  long long id = 0;
  std::string from;
  std::vector<std::string> to;
  std::string raw;      // the DATA as sent, dot-unstuffed
  std::string subject;  // decoded (RFC 2047 "B" encoding understood)
  std::string body;     // decoded (base64 or plain)
  std::string received_at;
};

/// Subject and body of an RFC 5322 message as the platform's mailer writes it.
void DecodeMessage(ReceivedMail& mail);

class SmtpSink {
 public:
  /// Listens on 127.0.0.1:`port` (0 picks a free port). Throws if it cannot listen.
  explicit SmtpSink(int port = 0, std::size_t keep = 1000);
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

  /// Newest first; only those addressed to `to` when it is not empty.
  std::vector<ReceivedMail> Messages(const std::string& to = "") const;
  /// Answers the next `n` messages with "451 try again later".
  void RefuseNext(int n) { refuse_next_ = n; }
  std::size_t Count() const;

 private:
  void AcceptLoop();
  void Serve(int fd);

  int port_ = 0;
  int listen_fd_ = -1;
  std::size_t keep_;
  std::atomic<bool> stop_{false};
  std::atomic<int> refuse_next_{0};
  mutable std::mutex mu_;
  std::deque<ReceivedMail> mail_;
  long long next_id_ = 1;
  struct Connection {
    std::thread thread;
    std::shared_ptr<std::atomic<bool>> done;
  };
  std::vector<Connection> connections_;  // finished ones are joined by the next accept
  std::thread acceptor_;
};

}  // namespace spbe::mailsink
