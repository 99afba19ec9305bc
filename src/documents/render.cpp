#include "documents/render.hpp"

#include <qrencode.h>

#include <algorithm>
#include <memory>

#include "platform/pdf.hpp"

namespace spbe::documents {
namespace {

struct QrDeleter {
  void operator()(QRcode* q) const { QRcode_free(q); }
};

}  // namespace

Result<std::string> RenderPdf(const Content& c) {
  PdfWriter w;
  w.SetInfo(c.title + " " + c.number, c.agency, c.issued_at);
  w.Centered(c.government, 13, true, 4);
  w.Centered(c.agency, 12, true, 2);
  w.Rule();
  w.Space(10);
  w.Centered(c.title, 15, true, 4);
  w.Centered("Nomor: " + c.number, 10, false, 14);

  w.Fact("Diberikan kepada", c.recipient);
  w.Fact("Permohonan", c.application);
  for (const auto& [label, value] : c.facts) w.Fact(label, value);
  w.Space(6);
  w.Paragraph(c.decision, 11);
  w.Space(10);

  // The signature block on the right; the QR code on the left, beside it.
  float block_top = w.y();
  float right = w.width() / 2 + 20;
  w.Paragraph(c.place_date, 10, false, right);
  w.Paragraph(c.signer_position, 10, false, right);
  w.Space(6);
  w.Paragraph("Ditandatangani secara elektronik", 9, false, right);
  w.Space(6);
  w.Paragraph(c.signer_name, 11, true, right);
  if (!c.signer_nip.empty()) w.Paragraph("NIP " + c.signer_nip, 10, false, right);

  std::unique_ptr<QRcode, QrDeleter> qr(QRcode_encodeString(c.verify_url.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!qr) return Error::Of(ErrorCode::kInternal, "libqrencode could not encode the address");
  const float size = 110, quiet = 4;
  float cell = size / static_cast<float>(qr->width + 2 * quiet);
  float x0 = PdfWriter::kMargin, y0 = block_top - size;
  for (int y = 0; y < qr->width; ++y) {
    for (int x = 0; x < qr->width; ++x) {
      if (qr->data[y * qr->width + x] & 1) {
        w.FillRect(x0 + (x + quiet) * cell, y0 + size - (y + quiet + 1) * cell, cell, cell);
      }
    }
  }
  w.set_y(std::min(w.y(), y0) - 4);
  w.Paragraph("Periksa keaslian dokumen ini: pindai kode QR atau buka " + c.verify_url, 8);
  w.Paragraph(
      "Dokumen ini ditandatangani secara elektronik oleh instansi penerbit (PP 71/2019). Tanda tangan tertanam di "
      "berkas ini dan dapat diperiksa di pembaca PDF; berkas yang diubah walau satu bita tidak lagi sah.",
      8);
  return w.Finish();
}

}  // namespace spbe::documents
