#include "http/multipart.hpp"

#include <algorithm>
#include <cctype>

namespace spbe::http {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// The value of `param` in a header like `form-data; name="x"; filename="y.pdf"` (quotes removed).
std::optional<std::string> Param(std::string_view header, std::string_view param) {
  std::string lower = Lower(header);
  std::string needle = std::string(param) + "=";
  std::size_t at = 0;
  while ((at = lower.find(needle, at)) != std::string::npos) {
    if (at == 0 || lower[at - 1] == ';' || lower[at - 1] == ' ') break;
    at += needle.size();
  }
  if (at == std::string::npos) return std::nullopt;
  std::size_t start = at + needle.size();
  if (start < header.size() && header[start] == '"') {
    std::string value;
    for (std::size_t i = start + 1; i < header.size() && header[i] != '"'; ++i) {
      if (header[i] == '\\' && i + 1 < header.size()) ++i;
      value += header[i];
    }
    return value;
  }
  std::size_t end = header.find(';', start);
  std::string value(header.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
  while (!value.empty() && value.back() == ' ') value.pop_back();
  return value;
}

Error Bad(std::string detail) { return Error::Of(ErrorCode::kBadRequest, std::move(detail)); }

}  // namespace

Result<std::vector<Part>> ParseMultipart(const Request& req) {
  auto type = req.Header("content-type");
  if (!type || Lower(*type).rfind("multipart/form-data", 0) != 0) {
    return Bad("expected Content-Type: multipart/form-data");
  }
  auto boundary = Param(*type, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 70) return Bad("multipart body without a boundary");
  std::string delimiter = "--" + *boundary;
  std::string_view body = req.body;
  std::size_t pos = body.find(delimiter);
  if (pos == std::string_view::npos) return Bad("multipart body without its first boundary");
  std::vector<Part> parts;
  for (;;) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") return parts;  // the closing delimiter
    if (body.substr(pos, 2) != "\r\n") return Bad("malformed multipart boundary line");
    pos += 2;
    std::size_t headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos) return Bad("multipart part without headers");
    Part part;
    std::string_view headers = body.substr(pos, headers_end - pos);
    std::size_t line_start = 0;
    bool has_disposition = false;
    while (line_start <= headers.size()) {
      std::size_t eol = headers.find("\r\n", line_start);
      std::string_view line =
          headers.substr(line_start, eol == std::string_view::npos ? std::string_view::npos : eol - line_start);
      std::size_t colon = line.find(':');
      if (colon != std::string_view::npos) {
        std::string name = Lower(line.substr(0, colon));
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        if (name == "content-disposition") {
          has_disposition = true;
          part.name = Param(value, "name").value_or("");
          if (auto file = Param(value, "filename")) {
            part.is_file = true;
            part.file_name = *file;
          }
        } else if (name == "content-type") {
          part.content_type = std::string(value);
        }
      }
      if (eol == std::string_view::npos) break;
      line_start = eol + 2;
    }
    if (!has_disposition || part.name.empty()) return Bad("multipart part without a name");
    std::size_t data_start = headers_end + 4;
    std::size_t next = body.find("\r\n" + delimiter, data_start);
    if (next == std::string_view::npos) return Bad("multipart body ends inside a part");
    part.body = std::string(body.substr(data_start, next - data_start));
    parts.push_back(std::move(part));
    pos = next + 2;
  }
}

const Part* FindPart(const std::vector<Part>& parts, std::string_view name) {
  for (const auto& p : parts) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

}  // namespace spbe::http
