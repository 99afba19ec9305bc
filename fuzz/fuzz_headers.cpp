// Request headers from anyone: cookies, the session token, Accept-Language, X-Forwarded-For behind a proxy, form
// bodies, return paths, and the trusted-proxy setting itself.
#include <cstddef>
#include <cstdint>
#include <string>

#include "http/forms.hpp"
#include "http/message.hpp"
#include "http/middleware.hpp"
#include "platform/cidr.hpp"
#include "platform/i18n.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  spbe::http::Request req;
  // One header per line, "name: value".
  std::size_t start = 0;
  while (start < input.size()) {
    auto nl = input.find('\n', start);
    std::string line = input.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    start = nl == std::string::npos ? input.size() : nl + 1;
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    req.headers.push_back({name, line.substr(colon + 1)});
  }
  (void)req.Cookie("spbe_session");
  (void)req.Cookie("lang");
  (void)req.SessionToken();
  (void)spbe::http::CsrfToken(req);
  auto lang = req.Header("accept-language");
  (void)spbe::i18n::Negotiate(std::nullopt, req.Cookie("lang"), lang);
  auto trusted = spbe::ParseCidrList("10.0.0.0/8, 2001:db8::/32");
  (void)spbe::http::ClientAddressOf("10.0.0.1", req.Header("x-forwarded-for"), *trusted);
  (void)spbe::ParseCidrList(input);
  (void)spbe::InAnyNetwork(*trusted, input);
  (void)spbe::http::SafeReturnPath(input);
  (void)spbe::http::ParseForm(input);
  return 0;
}
