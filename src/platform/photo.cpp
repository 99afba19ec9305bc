#include "platform/photo.hpp"

#include <cstdint>

namespace spbe {
namespace {

unsigned Byte(std::string_view b, std::size_t i) { return static_cast<unsigned char>(b[i]); }

bool IsJpeg(std::string_view b) { return b.size() >= 4 && Byte(b, 0) == 0xFF && Byte(b, 1) == 0xD8; }

constexpr std::string_view kPngSignature("\x89PNG\r\n\x1a\n", 8);
bool IsPng(std::string_view b) { return b.substr(0, 8) == kPngSignature; }

// Walks a JPEG's segments up to the start of the scan; `keep(marker)` decides each one. nullopt when malformed.
template <typename Keep>
std::optional<std::string> FilterJpeg(std::string_view b, Keep keep, bool* dropped) {
  std::string out(b.substr(0, 2));
  std::size_t i = 2;
  while (i + 4 <= b.size()) {
    if (Byte(b, i) != 0xFF) return std::nullopt;
    unsigned marker = Byte(b, i + 1);
    if (marker == 0xFF) {  // fill byte
      ++i;
      continue;
    }
    if (marker == 0xD9 || marker == 0xDA) {  // end of image, or the scan: the rest is the picture
      out.append(b.substr(i));
      return out;
    }
    if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {  // markers without a length
      out.append(b.substr(i, 2));
      i += 2;
      continue;
    }
    std::size_t length = (Byte(b, i + 2) << 8) | Byte(b, i + 3);
    if (length < 2 || i + 2 + length > b.size()) return std::nullopt;
    if (keep(marker)) {
      out.append(b.substr(i, 2 + length));
    } else if (dropped) {
      *dropped = true;
    }
    i += 2 + length;
  }
  return std::nullopt;
}

bool MetadataMarker(unsigned marker) { return marker == 0xE1 || marker == 0xED; }

bool MetadataChunk(std::string_view type) {
  return type == "eXIf" || type == "tEXt" || type == "zTXt" || type == "iTXt";
}

template <typename Keep>
std::optional<std::string> FilterPng(std::string_view b, Keep keep, bool* dropped) {
  std::string out(b.substr(0, 8));
  std::size_t i = 8;
  while (i + 12 <= b.size()) {
    std::uint64_t length =
        (std::uint64_t{Byte(b, i)} << 24) | (Byte(b, i + 1) << 16) | (Byte(b, i + 2) << 8) | Byte(b, i + 3);
    if (i + 12 + length > b.size()) return std::nullopt;
    std::string_view type = b.substr(i + 4, 4);
    if (keep(type)) {
      out.append(b.substr(i, 12 + length));
    } else if (dropped) {
      *dropped = true;
    }
    i += 12 + length;
    if (type == "IEND") return out;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> StripPhotoMetadata(std::string_view bytes) {
  if (IsJpeg(bytes))
    return FilterJpeg(
        bytes, [](unsigned m) { return !MetadataMarker(m); }, nullptr);
  if (IsPng(bytes))
    return FilterPng(
        bytes, [](std::string_view t) { return !MetadataChunk(t); }, nullptr);
  return std::string(bytes);
}

bool HasPhotoMetadata(std::string_view bytes) {
  bool dropped = false;
  if (IsJpeg(bytes)) {
    FilterJpeg(
        bytes, [](unsigned m) { return !MetadataMarker(m); }, &dropped);
  } else if (IsPng(bytes)) {
    FilterPng(
        bytes, [](std::string_view t) { return !MetadataChunk(t); }, &dropped);
  }
  return dropped;
}

}  // namespace spbe
