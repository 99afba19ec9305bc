#pragma once
/// What a photo says about where it was taken, removed before it is stored (UU 27/2022): a phone's camera writes the
/// GPS position into EXIF, and editors copy it into XMP and IPTC. Pure: bytes in, bytes out.

#include <optional>
#include <string>
#include <string_view>

namespace spbe {

/// The photo without its metadata segments: for JPEG, every APP1 (EXIF, XMP) and APP13 (IPTC) segment; for PNG, the
/// eXIf chunk and the text chunks (tEXt, zTXt, iTXt, where XMP lives). The picture itself is untouched. Bytes that
/// are not a JPEG or PNG come back as they were; a JPEG or PNG whose structure cannot be walked gives nullopt, since
/// what it hides cannot be known.
std::optional<std::string> StripPhotoMetadata(std::string_view bytes);

/// Whether the bytes still carry such metadata (for tests and for telling the reporter what was removed).
bool HasPhotoMetadata(std::string_view bytes);

}  // namespace spbe
