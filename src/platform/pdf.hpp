#pragma once
/// A PDF written top to bottom on A4 pages (libharu): centred titles, wrapped paragraphs, label/value facts, rules,
/// tables, filled rectangles; a new page when one is full. Fonts are the base-14 Helvetica in Windows-1252, which
/// covers Indonesian and English. Blocking: call it on a worker thread.

#include <memory>
#include <string>
#include <vector>

#include "platform/result.hpp"

namespace spbe {

class PdfWriter {
 public:
  static constexpr float kMargin = 56;

  PdfWriter();
  ~PdfWriter();
  PdfWriter(const PdfWriter&) = delete;
  PdfWriter& operator=(const PdfWriter&) = delete;

  /// Title, author and creation time ("2026-11-23T03:00:00Z") of the document.
  void SetInfo(const std::string& title, const std::string& author, const std::string& created_utc);

  void Centered(const std::string& text, float size, bool bold, float gap = 6);
  /// Wrapped between `left` and the right margin.
  void Paragraph(const std::string& text, float size, bool bold = false, float left = kMargin);
  /// A label on the left, its value (bold) beside it.
  void Fact(const std::string& label, const std::string& value, float label_width = 170);
  void Rule(float gap = 8);
  void Space(float height);
  /// A table with a bold header row; `widths` are the columns' shares of the text width.
  void Table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
             const std::vector<float>& widths, float size = 9);
  /// A filled black rectangle, in page coordinates (origin bottom left).
  void FillRect(float x, float y, float w, float h);

  float y() const;
  void set_y(float y);
  float width() const;

  /// The PDF's bytes; kInternal when libharu failed on the way.
  Result<std::string> Finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace spbe
