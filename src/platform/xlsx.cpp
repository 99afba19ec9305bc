#include "platform/xlsx.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace spbe {
namespace {

// Excel keeps at most 32767 characters in a cell.
constexpr std::size_t kMaxCell = 32767;

// Removes the temporary file whatever happens.
struct TempFile {
  std::string path;
  ~TempFile() {
    if (!path.empty()) std::remove(path.c_str());
  }
};

std::string Clip(const std::string& text) {
  if (text.size() <= kMaxCell) return text;
  std::size_t n = kMaxCell;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xc0) == 0x80) --n;  // not inside a UTF-8 character
  return text.substr(0, n);
}

}  // namespace

Result<std::string> WriteXlsx(const std::vector<XlsxSheet>& sheets) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
  if (ec) return Error::Of(ErrorCode::kInternal, "no temporary directory: " + ec.message());
  std::string pattern = (dir / "spbe-xlsx-XXXXXX").string();
  int fd = mkstemp(pattern.data());
  if (fd < 0) return Error::Of(ErrorCode::kInternal, "cannot make a temporary file for the workbook");
  close(fd);
  TempFile file{pattern};

  lxw_workbook* book = workbook_new(file.path.c_str());
  if (!book) return Error::Of(ErrorCode::kInternal, "libxlsxwriter could not start a workbook");
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  for (const auto& sheet : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(book, sheet.name.c_str());
    if (!ws) {
      workbook_close(book);
      return Error::Of(ErrorCode::kInternal, "libxlsxwriter refused the sheet name " + sheet.name);
    }
    for (std::size_t c = 0; c < sheet.header.size(); ++c) {
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), Clip(sheet.header[c]).c_str(), bold);
    }
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
      auto row = static_cast<lxw_row_t>(r + 1);
      for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) {
        auto col = static_cast<lxw_col_t>(c);
        const XlsxCell& cell = sheet.rows[r][c];
        if (const double* n = std::get_if<double>(&cell)) {
          worksheet_write_number(ws, row, col, *n, nullptr);
        } else {
          const std::string& text = std::get<std::string>(cell);
          // write_string, never write_formula: "=..." typed by someone stays text.
          if (!text.empty()) worksheet_write_string(ws, row, col, Clip(text).c_str(), nullptr);
        }
      }
    }
    if (!sheet.header.empty()) {
      worksheet_freeze_panes(ws, 1, 0);
      worksheet_set_column(ws, 0, static_cast<lxw_col_t>(sheet.header.size() - 1), 18, nullptr);
    }
  }
  lxw_error closed = workbook_close(book);
  if (closed != LXW_NO_ERROR) {
    return Error::Of(ErrorCode::kInternal, std::string("libxlsxwriter: ") + lxw_strerror(closed));
  }
  std::ifstream in(file.path, std::ios::binary);
  if (!in) return Error::Of(ErrorCode::kInternal, "the workbook cannot be read back");
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return bytes;
}

}  // namespace spbe
