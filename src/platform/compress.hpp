#pragma once

#include <string>
#include <string_view>

namespace spbe {

/// gzip (RFC 1952) of `data` at the given zlib level.
std::string Gzip(std::string_view data, int level = 6);

/// Inflates gzip data; throws std::runtime_error on corrupt input.
std::string Gunzip(std::string_view data);

}  // namespace spbe
