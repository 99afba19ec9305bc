#include "platform/pdf.hpp"

#include <hpdf.h>

#include <algorithm>
#include <cstdint>

namespace spbe {
namespace {

// libharu reports errors through a callback; each call's status is also checked at the end.
void OnError(HPDF_STATUS, HPDF_STATUS, void* failed) { *static_cast<bool*>(failed) = true; }

// The base-14 fonts speak Windows-1252: Indonesian is Latin, and a few marks (², ×, ·, –) have a place there.
std::string ToCp1252(const std::string& utf8) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    auto c = static_cast<unsigned char>(utf8[i]);
    std::uint32_t cp = '?';
    std::size_t len = 1;
    if (c < 0x80) {
      cp = c;
    } else if ((c >> 5) == 0x6 && i + 1 < utf8.size()) {
      cp = ((c & 0x1Fu) << 6) | (utf8[i + 1] & 0x3Fu);
      len = 2;
    } else if ((c >> 4) == 0xE && i + 2 < utf8.size()) {
      cp = ((c & 0x0Fu) << 12) | ((utf8[i + 1] & 0x3Fu) << 6) | (utf8[i + 2] & 0x3Fu);
      len = 3;
    } else if ((c >> 3) == 0x1E) {
      len = 4;
    }
    i += len;
    if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) {
      out += static_cast<char>(cp);
    } else if (cp == 0x2013) {
      out += '\x96';
    } else if (cp == 0x2014) {
      out += '\x97';
    } else if (cp == 0x2019) {
      out += '\x92';
    } else {
      out += '?';
    }
  }
  return out;
}

}  // namespace

struct PdfWriter::Impl {
  bool failed = false;
  HPDF_Doc doc = nullptr;
  HPDF_Page page = nullptr;
  HPDF_Font regular = nullptr, bold = nullptr;
  float width = 0, height = 0, y = 0;

  void NewPage() {
    page = HPDF_AddPage(doc);
    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    width = HPDF_Page_GetWidth(page);
    height = HPDF_Page_GetHeight(page);
    y = height - 48;
  }
  // Room for `h` more points on this page, else a new one.
  void Need(float h) {
    if (y - h < kMargin) NewPage();
  }
  void Text(float x, float at, const std::string& t, float size, bool b) {
    HPDF_Page_SetFontAndSize(page, b ? bold : regular, size);
    HPDF_Page_BeginText(page);
    HPDF_Page_TextOut(page, x, at, t.c_str());
    HPDF_Page_EndText(page);
  }
  // Lines of `t` that fit `w` points, at `size`.
  std::vector<std::string> Wrap(const std::string& t, float w, float size, bool b) {
    HPDF_Page_SetFontAndSize(page, b ? bold : regular, size);
    std::vector<std::string> lines;
    std::size_t at = 0;
    while (at < t.size()) {
      HPDF_REAL real = 0;
      HPDF_UINT fits = HPDF_Page_MeasureText(page, t.c_str() + at, w, HPDF_TRUE, &real);
      if (fits == 0) fits = HPDF_Page_MeasureText(page, t.c_str() + at, w, HPDF_FALSE, &real);
      if (fits == 0) fits = static_cast<HPDF_UINT>(t.size() - at);
      lines.push_back(t.substr(at, fits));
      at += fits;
      while (at < t.size() && t[at] == ' ') ++at;
    }
    if (lines.empty()) lines.emplace_back();
    return lines;
  }
};

PdfWriter::PdfWriter() : impl_(std::make_unique<Impl>()) {
  impl_->doc = HPDF_New(OnError, &impl_->failed);
  if (!impl_->doc) {
    impl_->failed = true;
    return;
  }
  HPDF_SetCompressionMode(impl_->doc, HPDF_COMP_ALL);
  impl_->regular = HPDF_GetFont(impl_->doc, "Helvetica", "CP1252");
  impl_->bold = HPDF_GetFont(impl_->doc, "Helvetica-Bold", "CP1252");
  impl_->NewPage();
}

PdfWriter::~PdfWriter() {
  if (impl_->doc) HPDF_Free(impl_->doc);
}

void PdfWriter::SetInfo(const std::string& title, const std::string& author, const std::string& created) {
  if (!impl_->doc) return;
  HPDF_SetInfoAttr(impl_->doc, HPDF_INFO_TITLE, ToCp1252(title).c_str());
  HPDF_SetInfoAttr(impl_->doc, HPDF_INFO_AUTHOR, ToCp1252(author).c_str());
  HPDF_SetInfoAttr(impl_->doc, HPDF_INFO_CREATOR, "SPBE Terpadu");
  if (created.size() >= 19) {
    HPDF_Date d{std::stoi(created.substr(0, 4)),
                std::stoi(created.substr(5, 2)),
                std::stoi(created.substr(8, 2)),
                std::stoi(created.substr(11, 2)),
                std::stoi(created.substr(14, 2)),
                std::stoi(created.substr(17, 2)),
                'Z',
                0,
                0};
    HPDF_SetInfoDateAttr(impl_->doc, HPDF_INFO_CREATION_DATE, d);
  }
}

void PdfWriter::Centered(const std::string& text, float size, bool bold, float gap) {
  if (!impl_->doc) return;
  std::string t = ToCp1252(text);
  impl_->Need(size + gap);
  HPDF_Page_SetFontAndSize(impl_->page, bold ? impl_->bold : impl_->regular, size);
  float w = HPDF_Page_TextWidth(impl_->page, t.c_str());
  impl_->y -= size;
  impl_->Text((impl_->width - w) / 2, impl_->y, t, size, bold);
  impl_->y -= gap;
}

void PdfWriter::Paragraph(const std::string& text, float size, bool bold, float left) {
  if (!impl_->doc) return;
  for (const auto& line : impl_->Wrap(ToCp1252(text), impl_->width - left - kMargin, size, bold)) {
    impl_->Need(size * 1.35f);
    impl_->y -= size * 1.35f;
    impl_->Text(left, impl_->y, line, size, bold);
  }
  impl_->y -= size * 0.5f;
}

void PdfWriter::Fact(const std::string& label, const std::string& value, float label_width) {
  if (!impl_->doc) return;
  impl_->Need(20);
  float top = impl_->y;
  Paragraph(label, 10, false);
  float after_label = impl_->y;
  impl_->y = top;
  Paragraph(value, 10, true, kMargin + label_width);
  impl_->y = std::min(after_label, impl_->y);
}

void PdfWriter::Rule(float gap) {
  if (!impl_->doc) return;
  impl_->Need(2 * gap);
  impl_->y -= gap;
  HPDF_Page_SetLineWidth(impl_->page, 1.2f);
  HPDF_Page_MoveTo(impl_->page, kMargin, impl_->y);
  HPDF_Page_LineTo(impl_->page, impl_->width - kMargin, impl_->y);
  HPDF_Page_Stroke(impl_->page);
  impl_->y -= gap;
}

void PdfWriter::Space(float height) { impl_->y -= height; }

void PdfWriter::Table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                      const std::vector<float>& widths, float size) {
  if (!impl_->doc) return;
  float text_width = impl_->width - 2 * kMargin, total = 0;
  for (float w : widths) total += w;
  auto row_out = [&](const std::vector<std::string>& cells, bool bold) {
    std::vector<std::vector<std::string>> wrapped;
    std::size_t lines = 1;
    for (std::size_t c = 0; c < cells.size() && c < widths.size(); ++c) {
      wrapped.push_back(impl_->Wrap(ToCp1252(cells[c]), text_width * widths[c] / total - 6, size, bold));
      lines = std::max(lines, wrapped.back().size());
    }
    float h = static_cast<float>(lines) * size * 1.3f + 4;
    impl_->Need(h);
    float x = kMargin;
    for (std::size_t c = 0; c < wrapped.size(); ++c) {
      for (std::size_t l = 0; l < wrapped[c].size(); ++l) {
        impl_->Text(x, impl_->y - size * 1.3f * static_cast<float>(l + 1), wrapped[c][l], size, bold);
      }
      x += text_width * widths[c] / total;
    }
    impl_->y -= h;
    HPDF_Page_SetLineWidth(impl_->page, bold ? 0.8f : 0.3f);
    HPDF_Page_MoveTo(impl_->page, kMargin, impl_->y + 1);
    HPDF_Page_LineTo(impl_->page, impl_->width - kMargin, impl_->y + 1);
    HPDF_Page_Stroke(impl_->page);
  };
  row_out(header, true);
  for (const auto& r : rows) row_out(r, false);
  impl_->y -= size * 0.5f;
}

void PdfWriter::FillRect(float x, float y, float w, float h) {
  if (!impl_->doc) return;
  HPDF_Page_SetRGBFill(impl_->page, 0, 0, 0);
  HPDF_Page_Rectangle(impl_->page, x, y, w, h);
  HPDF_Page_Fill(impl_->page);
}

float PdfWriter::y() const { return impl_->y; }
void PdfWriter::set_y(float y) { impl_->y = y; }
float PdfWriter::width() const { return impl_->width; }

Result<std::string> PdfWriter::Finish() {
  if (!impl_->doc || impl_->failed) return Error::Of(ErrorCode::kInternal, "libharu failed");
  if (HPDF_SaveToStream(impl_->doc) != HPDF_OK || impl_->failed) {
    return Error::Of(ErrorCode::kInternal, "libharu failed to write");
  }
  HPDF_UINT32 size = HPDF_GetStreamSize(impl_->doc);
  std::string out(size, '\0');
  HPDF_UINT32 read = size;
  HPDF_ReadFromStream(impl_->doc, reinterpret_cast<HPDF_BYTE*>(out.data()), &read);
  out.resize(read);
  if (out.rfind("%PDF-", 0) != 0) return Error::Of(ErrorCode::kInternal, "libharu wrote no PDF");
  return out;
}

}  // namespace spbe
