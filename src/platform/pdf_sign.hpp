#pragma once
/// An embedded PDF signature (ISO 32000-1 12.8, PAdES baseline B-B, ETSI EN 319 142-1): an incremental update
/// appended to a finished PDF adds an invisible signature field whose /Contents holds a detached CMS signature over
/// every byte of the file except that /Contents value (/ByteRange). Any PDF reader can then show who signed and
/// whether one byte changed, offline. Works on the classic cross-reference tables libharu writes.

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "platform/clock.hpp"
#include "platform/result.hpp"

namespace spbe {

struct PdfSignature {
  std::string name;      // the signer, as readers show it
  std::string reason;    // "Penetapan Surat Izin ..."
  std::string location;  // "Rantauprapat"
  TimePoint at{};        // the claimed signing time (/M)
};

/// The bytes to sign (the file without the /Contents value) go to `sign`, which returns the CMS DER; at most
/// `reserve` bytes of it fit. kInternal when the PDF's structure is not one this can extend, or `sign` fails.
Result<std::string> SignPdf(std::string_view pdf, const PdfSignature& info,
                            const std::function<Result<std::string>(std::string_view)>& sign,
                            std::size_t reserve = 12 * 1024);

/// The /ByteRange of the last signature in a PDF and its /Contents bytes (the CMS DER), for tests and checks;
/// nothing when it has none.
struct EmbeddedSignature {
  std::string signed_bytes;  // the two ranges joined
  std::string cms;           // /Contents, trailing zero padding removed
};
std::optional<EmbeddedSignature> LastSignature(std::string_view pdf);

}  // namespace spbe
