#pragma once
/// multipart/form-data bodies (RFC 7578), for file uploads from pages and the API.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"
#include "platform/result.hpp"

namespace spbe::http {

struct Part {
  std::string name;       // the form field
  std::string file_name;  // set for file parts (may be empty for text parts)
  bool is_file = false;
  std::string content_type;  // as the client said; never trusted for what a file is
  std::string body;
};

/// The parts of a multipart/form-data request, or kBadRequest saying what is malformed.
Result<std::vector<Part>> ParseMultipart(const Request& req);

/// The first part named `name`, if any.
const Part* FindPart(const std::vector<Part>& parts, std::string_view name);

}  // namespace spbe::http
