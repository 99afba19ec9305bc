#pragma once
/// Files kept by the SHA-256 of their bytes (uploads, issued documents): written to a temporary name, synced,
/// renamed and the directory synced, so a row that points at one is committed only after the bytes are durable.

#include <optional>
#include <string>
#include <string_view>

#include "platform/result.hpp"

namespace spbe {

/// Stores the bytes under `dir` (once; the same bytes again are already there) and gives their SHA-256 (hex).
Result<std::string> StoreBlob(const std::string& dir, std::string_view bytes);
/// The bytes stored under `sha256`, or nullopt.
std::optional<std::string> ReadBlob(const std::string& dir, const std::string& sha256);

}  // namespace spbe
