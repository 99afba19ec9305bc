#pragma once
/// Writing spreadsheets (Office Open XML, .xlsx) with libxlsxwriter: one workbook of named sheets, each a bold header
/// row and rows of text and numbers (numbers stay numbers, so a spreadsheet sums them). Text is written as text, never
/// as a formula.

#include <string>
#include <variant>
#include <vector>

#include "platform/result.hpp"

namespace spbe {

using XlsxCell = std::variant<std::string, double>;

struct XlsxSheet {
  std::string name;  // at most 31 characters, none of []:*?/\ (libxlsxwriter refuses others)
  std::vector<std::string> header;
  std::vector<std::vector<XlsxCell>> rows;
};

/// The workbook's bytes. libxlsxwriter writes a file: it is made in the system's temporary directory, read back and
/// removed. kInternal when the library refuses (a bad sheet name, no disk space).
Result<std::string> WriteXlsx(const std::vector<XlsxSheet>& sheets);

}  // namespace spbe
