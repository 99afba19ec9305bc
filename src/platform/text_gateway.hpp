#pragma once
/// Short messages (SMS, WhatsApp) go through an HTTP gateway run by a provider. The protocol is one JSON POST:
///
///   POST <url>   Authorization: Bearer <token>   Content-Type: application/json
///   {"channel": "sms" | "whatsapp", "to": "+628...", "text": "...", "reference": "outbox-42"}
///
/// 2xx means accepted. The reference is the outbox message's id, so a gateway that sees it twice (a retry after a
/// lost reply) can keep the first. Tests and the demo use spbe-mail-sink, which speaks this protocol on loopback.

#include <memory>
#include <string>

#include "platform/result.hpp"

namespace spbe {

struct TextMessage {
  std::string channel;  // "sms" or "whatsapp"
  std::string to;       // E.164, "+62..."
  std::string text;
  std::string reference;
};

class TextGateway {
 public:
  virtual ~TextGateway() = default;
  /// Accepted by the gateway, or kUnavailable with its status and answer.
  virtual Status Send(const TextMessage& message) = 0;
};

std::unique_ptr<TextGateway> MakeHttpTextGateway(std::string url, std::string token);

/// "+62812..." from the ways Indonesians write a mobile number ("0812...", "62812...", "+62 812-..."); the input
/// unchanged (digits only) when it is not one of them.
std::string ToE164(std::string_view phone);

}  // namespace spbe
