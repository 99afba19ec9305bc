#include "documents/render.hpp"

#include <hpdf.h>
#include <qrencode.h>

#include <cstdint>
#include <memory>

namespace spbe::documents {
namespace {

// libharu reports errors through a callback; the status is also returned by each call and checked at the end.
void OnError(HPDF_STATUS, HPDF_STATUS, void* failed) { *static_cast<bool*>(failed) = true; }

struct DocDeleter {
  void operator()(HPDF_Doc d) const { HPDF_Free(d); }
};
struct QrDeleter {
  void operator()(QRcode* q) const { QRcode_free(q); }
};

// The base-14 fonts speak Windows-1252: Indonesian is Latin, and a few marks (², –, ·) have a place there.
std::string ToCp1252(const std::string& utf8) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    auto c = static_cast<unsigned char>(utf8[i]);
    std::uint32_t cp = 0;
    int len = 1;
    if (c < 0x80) {
      cp = c;
    } else if ((c >> 5) == 0x6 && i + 1 < utf8.size()) {
      cp = ((c & 0x1F) << 6) | (utf8[i + 1] & 0x3F);
      len = 2;
    } else if ((c >> 4) == 0xE && i + 2 < utf8.size()) {
      cp = ((c & 0x0F) << 12) | ((utf8[i + 1] & 0x3F) << 6) | (utf8[i + 2] & 0x3F);
      len = 3;
    } else {
      len = (c >> 3) == 0x1E ? 4 : 1;
      cp = '?';
    }
    i += static_cast<std::size_t>(len);
    if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) {
      out += static_cast<char>(cp);
    } else if (cp == 0x2013) {
      out += '\x96';
    } else if (cp == 0x2014) {
      out += '\x97';
    } else if (cp == 0x2019) {
      out += '\x92';
    } else if (cp == 0x00D7) {
      out += '\xD7';
    } else {
      out += '?';
    }
  }
  return out;
}

class Writer {
 public:
  Writer(HPDF_Doc pdf, HPDF_Page page) : page_(page) {
    regular_ = HPDF_GetFont(pdf, "Helvetica", "CP1252");
    bold_ = HPDF_GetFont(pdf, "Helvetica-Bold", "CP1252");
    width_ = HPDF_Page_GetWidth(page);
  }
  void Centered(const std::string& text, float size, bool bold, float gap = 6) {
    std::string t = ToCp1252(text);
    HPDF_Page_SetFontAndSize(page_, bold ? bold_ : regular_, size);
    float w = HPDF_Page_TextWidth(page_, t.c_str());
    y_ -= size;
    HPDF_Page_BeginText(page_);
    HPDF_Page_TextOut(page_, (width_ - w) / 2, y_, t.c_str());
    HPDF_Page_EndText(page_);
    y_ -= gap;
  }
  // A paragraph wrapped between the margins.
  void Paragraph(const std::string& text, float size, bool bold = false, float left = kMargin) {
    std::string t = ToCp1252(text);
    HPDF_Page_SetFontAndSize(page_, bold ? bold_ : regular_, size);
    HPDF_Page_SetTextLeading(page_, size * 1.35f);
    std::size_t at = 0;
    while (at < t.size()) {
      HPDF_REAL real_width = 0;
      HPDF_UINT fits = HPDF_Page_MeasureText(page_, t.c_str() + at, width_ - left - kMargin, HPDF_TRUE, &real_width);
      if (fits == 0) fits = static_cast<HPDF_UINT>(t.size() - at);  // one word longer than the line
      y_ -= size * 1.35f;
      std::string line = t.substr(at, fits);
      HPDF_Page_BeginText(page_);
      HPDF_Page_TextOut(page_, left, y_, line.c_str());
      HPDF_Page_EndText(page_);
      at += fits;
      while (at < t.size() && t[at] == ' ') ++at;
    }
    y_ -= size * 0.5f;
  }
  void Fact(const std::string& label, const std::string& value) {
    float top = y_;
    Paragraph(label, 10, false);
    float after_label = y_;
    y_ = top;
    Paragraph(value, 10, true, kMargin + 170);
    y_ = std::min(after_label, y_);
  }
  void Rule(float gap = 8) {
    y_ -= gap;
    HPDF_Page_SetLineWidth(page_, 1.2f);
    HPDF_Page_MoveTo(page_, kMargin, y_);
    HPDF_Page_LineTo(page_, width_ - kMargin, y_);
    HPDF_Page_Stroke(page_);
    y_ -= gap;
  }
  void Space(float h) { y_ -= h; }
  float y() const { return y_; }
  void set_y(float y) { y_ = y; }
  float width() const { return width_; }

  static constexpr float kMargin = 56;

 private:
  HPDF_Page page_;
  HPDF_Font regular_, bold_;
  float width_ = 0, y_ = 800;
};

}  // namespace

Result<std::string> RenderPdf(const Content& c) {
  bool failed = false;
  std::unique_ptr<HPDF_Doc_Rec, DocDeleter> pdf(HPDF_New(OnError, &failed));
  if (!pdf) return Error::Of(ErrorCode::kInternal, "libharu could not start");
  HPDF_Doc doc = pdf.get();
  HPDF_SetCompressionMode(doc, HPDF_COMP_ALL);
  HPDF_SetInfoAttr(doc, HPDF_INFO_TITLE, ToCp1252(c.title + " " + c.number).c_str());
  HPDF_SetInfoAttr(doc, HPDF_INFO_AUTHOR, ToCp1252(c.agency).c_str());
  HPDF_SetInfoAttr(doc, HPDF_INFO_CREATOR, "SPBE Terpadu");
  if (c.issued_at.size() >= 19) {
    HPDF_Date d{std::stoi(c.issued_at.substr(0, 4)),
                std::stoi(c.issued_at.substr(5, 2)),
                std::stoi(c.issued_at.substr(8, 2)),
                std::stoi(c.issued_at.substr(11, 2)),
                std::stoi(c.issued_at.substr(14, 2)),
                std::stoi(c.issued_at.substr(17, 2)),
                'Z',
                0,
                0};
    HPDF_SetInfoDateAttr(doc, HPDF_INFO_CREATION_DATE, d);
  }
  HPDF_Page page = HPDF_AddPage(doc);
  HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
  Writer w(doc, page);
  w.set_y(HPDF_Page_GetHeight(page) - 48);

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

  std::unique_ptr<QRcode, QrDeleter> qr(QRcode_encodeString(c.verify_url.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!qr) return Error::Of(ErrorCode::kInternal, "libqrencode could not encode the address");
  const float size = 110, quiet = 4;
  float cell = size / static_cast<float>(qr->width + 2 * quiet);
  float x0 = Writer::kMargin, y0 = block_top - size;
  HPDF_Page_SetRGBFill(page, 0, 0, 0);
  for (int y = 0; y < qr->width; ++y) {
    for (int x = 0; x < qr->width; ++x) {
      if (qr->data[y * qr->width + x] & 1) {
        HPDF_Page_Rectangle(page, x0 + (x + quiet) * cell, y0 + size - (y + quiet + 1) * cell, cell, cell);
      }
    }
  }
  HPDF_Page_Fill(page);
  w.set_y(std::min(w.y(), y0) - 4);
  w.Paragraph("Periksa keaslian dokumen ini: pindai kode QR atau buka " + c.verify_url, 8);
  w.Paragraph(
      "Dokumen ini ditandatangani secara elektronik oleh instansi penerbit (PP 71/2019). Sidik SHA-256 dan tanda "
      "tangan tersimpan di sistem; berkas yang diubah walau satu bita tidak akan dikenali sebagai terbitan.",
      8);

  if (HPDF_SaveToStream(doc) != HPDF_OK || failed) return Error::Of(ErrorCode::kInternal, "libharu failed to write");
  HPDF_UINT32 size_bytes = HPDF_GetStreamSize(doc);
  std::string out(size_bytes, '\0');
  HPDF_UINT32 read = size_bytes;
  if (HPDF_ReadFromStream(doc, reinterpret_cast<HPDF_BYTE*>(out.data()), &read) != HPDF_OK && read == 0) {
    return Error::Of(ErrorCode::kInternal, "libharu failed to read back");
  }
  out.resize(read);
  return out;
}

}  // namespace spbe::documents
