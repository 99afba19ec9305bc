#pragma once
/// Writing CSV (RFC 4180: comma, CRLF, quotes doubled) for every export of the platform. Text is neutralised against
/// formula injection: a cell that begins with = + - @, a tab or a carriage return would be run by a spreadsheet as a
/// formula (=HYPERLINK(...) that leaks data, a DDE call), so it is written with a leading apostrophe, which a
/// spreadsheet shows as text and does not display; a cell with a semicolon (the column separator of Excel in
/// Indonesian settings) is always quoted. Figures the platform computed are written as they are.

#include <string>
#include <string_view>

namespace spbe {

class CsvWriter {
 public:
  /// A cell of text (names, titles: anything someone typed), neutralised and quoted as needed.
  CsvWriter& Text(std::string_view value);
  /// A figure the platform computed ("12", "-3", "87.5", "true"); anything else is written as Text.
  CsvWriter& Figure(std::string_view value);
  CsvWriter& Figure(long long value);
  /// An empty cell.
  CsvWriter& Empty();
  /// Ends the line (CRLF).
  CsvWriter& EndRow();
  /// Text cells, then the end of the line: a header, or a row of text.
  CsvWriter& Row(std::initializer_list<std::string_view> cells);

  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void Separate();
  std::string out_;
  bool row_started_ = false;
};

/// One neutralised, quoted-when-needed cell, as CsvWriter::Text writes it.
std::string CsvTextCell(std::string_view value);

}  // namespace spbe
