// The kinds of file an upload may be, recognised from the bytes (never the file name): their names, MIME types and
// signatures.
#include "catalog/model.hpp"

#include <array>

#include "catalog/model_detail.hpp"

namespace spbe::catalog {
namespace {

using detail::Named;

constexpr std::array<Named<FileKind>, 3> kFileKinds = {
    {{FileKind::kPdf, "pdf"}, {FileKind::kJpeg, "jpeg"}, {FileKind::kPng, "png"}}};

}  // namespace

using detail::NameOf;
using detail::Parse;

std::string_view FileKindName(FileKind k) { return NameOf(kFileKinds, k); }
std::optional<FileKind> ParseFileKind(std::string_view name) { return Parse(kFileKinds, name); }

std::string_view FileKindMime(FileKind k) {
  switch (k) {
    case FileKind::kPdf:
      return "application/pdf";
    case FileKind::kJpeg:
      return "image/jpeg";
    case FileKind::kPng:
      return "image/png";
  }
  return "application/octet-stream";
}

std::optional<FileKind> SniffFileKind(std::string_view b) {
  if (b.size() >= 5 && b.substr(0, 5) == "%PDF-") return FileKind::kPdf;
  if (b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8 &&
      static_cast<unsigned char>(b[2]) == 0xFF)
    return FileKind::kJpeg;
  if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return FileKind::kPng;
  return std::nullopt;
}

}  // namespace spbe::catalog
