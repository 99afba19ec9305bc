#pragma once
/// Sending e-mail: an interface for the outbox worker, and its SMTP implementation (libcurl). Tests and the demo
/// use a real SMTP server on loopback, never an in-process stand-in.

#include <memory>
#include <string>

#include "platform/result.hpp"

namespace spbe {

struct Mail {
  std::string to;
  std::string subject;  // UTF-8
  std::string body;     // UTF-8 plain text
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  /// Delivered to the SMTP server, or kUnavailable with the server's complaint.
  virtual Status Send(const Mail& mail) = 0;
};

/// `url`: smtp://host:port or smtps://host:port; `from`: the sender address.
std::unique_ptr<Mailer> MakeSmtpMailer(std::string url, std::string from);

/// The RFC 5322 message (headers and body) the SMTP mailer sends, exposed for tests.
std::string FormatMessage(const Mail& mail, const std::string& from, const std::string& message_id);

}  // namespace spbe
