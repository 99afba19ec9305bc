#pragma once
// What a PDF reader says of a file's signatures and reads on its pages: poppler's pdfsig and pdftotext (Debian
// poppler-utils, a test dependency), run on the bytes; its report is returned whatever its exit status (non-zero for an
// issuer the machine does not trust).

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

namespace spbe::testing {

// Runs a poppler tool ("pdfsig", "pdftotext ... -") on the bytes and returns what it printed.
inline std::string Poppler(const std::string& tool, const std::string& bytes, const std::string& after = "") {
  static int counter = 0;
  auto path = std::filesystem::temp_directory_path() /
              ("spbe-poppler-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + ".pdf");
  std::ofstream(path, std::ios::binary) << bytes;
  std::string out;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(
      ::popen((tool + " '" + path.string() + "' " + after + " 2>&1").c_str(), "r"), ::pclose);
  if (pipe) {
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe.get())) out.append(buf, n);
  }
  std::filesystem::remove(path);
  return out;
}

inline std::string Pdfsig(const std::string& bytes) { return Poppler("pdfsig", bytes); }
// The text of the pages, as pdftotext reads it (the content streams are compressed).
inline std::string PdfText(const std::string& bytes) { return Poppler("pdftotext", bytes, "-"); }

}  // namespace spbe::testing
