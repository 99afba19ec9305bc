// multipart/form-data bodies from anyone (uploads on pages and the API): the first line of the input is the
// Content-Type header's boundary, the rest the body.
#include <cstddef>
#include <cstdint>
#include <string>

#include "http/multipart.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  auto nl = input.find('\n');
  spbe::http::Request req;
  req.method = "POST";
  std::string boundary = nl == std::string::npos ? "b" : input.substr(0, nl);
  req.headers.push_back({"content-type", "multipart/form-data; boundary=" + boundary});
  req.body = nl == std::string::npos ? input : input.substr(nl + 1);
  auto parts = spbe::http::ParseMultipart(req);
  if (parts.ok()) {
    for (const auto& p : *parts) {
      (void)spbe::http::FindPart(*parts, p.name);
    }
  }
  // A header that is itself nonsense.
  req.headers.back().second = boundary;
  (void)spbe::http::ParseMultipart(req);
  return 0;
}
