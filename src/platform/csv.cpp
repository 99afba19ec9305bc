#include "platform/csv.hpp"

#include <cctype>

namespace spbe {
namespace {

bool LooksLikeFigure(std::string_view v) {
  if (v.empty()) return false;
  if (v == "true" || v == "false") return true;
  std::size_t i = v.front() == '-' ? 1 : 0;
  if (i == v.size()) return false;
  bool point = false;
  for (; i < v.size(); ++i) {
    if (v[i] == '.' && !point) {
      point = true;
    } else if (!std::isdigit(static_cast<unsigned char>(v[i]))) {
      return false;
    }
  }
  return v.back() != '.';
}

}  // namespace

std::string CsvTextCell(std::string_view value) {
  std::string cell;
  if (!value.empty()) {
    char first = value.front();
    if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') cell = "'";
  }
  cell.append(value);
  // A semicolon too: Excel in Indonesian settings splits columns on it, and "x;=CMD(...)" would open as a formula.
  if (cell.find_first_of(",;\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

void CsvWriter::Separate() {
  if (row_started_) out_ += ',';
  row_started_ = true;
}

CsvWriter& CsvWriter::Text(std::string_view value) {
  Separate();
  out_ += CsvTextCell(value);
  return *this;
}

CsvWriter& CsvWriter::Figure(std::string_view value) {
  if (!LooksLikeFigure(value)) return Text(value);
  Separate();
  out_.append(value);
  return *this;
}

CsvWriter& CsvWriter::Figure(long long value) { return Figure(std::string_view(std::to_string(value))); }

CsvWriter& CsvWriter::Empty() {
  Separate();
  return *this;
}

CsvWriter& CsvWriter::EndRow() {
  out_ += "\r\n";
  row_started_ = false;
  return *this;
}

CsvWriter& CsvWriter::Row(std::initializer_list<std::string_view> cells) {
  for (auto c : cells) Text(c);
  return EndRow();
}

}  // namespace spbe
