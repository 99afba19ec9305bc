#pragma once
// A small blocking HTTP/1.1 client over plain sockets, so tests speak to the server exactly as a remote client
// would, byte for byte.

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace spbe::testing {

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower case
  std::string body;
  std::optional<std::string> Header(const std::string& lower_name) const;
};

struct HttpRequest {
  std::string method = "GET";
  std::string target = "/";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

/// Whether JSON answers of /api/ routes are recorded for tests/api/responses.test.mjs (when SPBE_API_RECORD is set):
/// on by default; off in a process whose server is not the platform's (a test router).
void RecordApiAnswers(bool on);

/// Sends one request on a new connection (Connection: close) and reads the whole answer.
/// Throws std::runtime_error when the connection fails.
HttpResponse Send(int port, const HttpRequest& req);
HttpResponse Get(int port, const std::string& target, std::vector<std::pair<std::string, std::string>> headers = {});
HttpResponse PostJson(int port, const std::string& target, const std::string& json,
                      std::vector<std::pair<std::string, std::string>> headers = {});

/// A raw connection for tests that control bytes and timing (keep-alive, slow clients, drains).
class RawConnection {
 public:
  explicit RawConnection(int port);
  ~RawConnection();
  void Write(const std::string& bytes);
  /// Reads one response (status line, headers, Content-Length body). nullopt when the server closed first.
  std::optional<HttpResponse> ReadResponse(int timeout_ms = 30000);
  /// True when the server has closed the connection (read returns 0) within the timeout.
  bool ClosedByPeer(int timeout_ms = 30000);

 private:
  int fd_ = -1;
  std::string buffer_;
  bool Fill(int timeout_ms);
};

}  // namespace spbe::testing
