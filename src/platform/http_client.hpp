#pragma once
/// A small blocking HTTP client (libcurl) for outside systems: the SMS/WhatsApp gateway, a bank's callback. Call
/// it from a worker thread, never an I/O thread.

#include <string>
#include <utility>
#include <vector>

#include "platform/result.hpp"

namespace spbe {

struct HttpReply {
  long status = 0;
  std::string body;
};

struct HttpCall {
  std::string method = "POST";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  long timeout_s = 15;
};

/// The server's reply, whatever its status; kUnavailable when no reply came (refused, timed out, bad address).
Result<HttpReply> Fetch(const HttpCall& call);

}  // namespace spbe
