#include "platform/pdf_sign.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace spbe {
namespace {

Error Unsupported(std::string_view why) {
  return Error::Of(ErrorCode::kInternal, "cannot sign this PDF: " + std::string(why));
}

// The integer after `key` (e.g. "/Root ") in `dict`, and the object number of an indirect reference there.
std::optional<long long> NumberAfter(std::string_view dict, std::string_view key) {
  auto at = dict.find(key);
  if (at == std::string_view::npos) return std::nullopt;
  at += key.size();
  while (at < dict.size() && (dict[at] == ' ' || dict[at] == '\n' || dict[at] == '\r')) ++at;
  long long n = 0;
  auto [end, ec] = std::from_chars(dict.data() + at, dict.data() + dict.size(), n);
  if (ec != std::errc() || end == dict.data() + at) return std::nullopt;
  return n;
}

// The dictionary ("<< ... >>", nested ones and strings skipped over) that starts at or after `from`.
std::optional<std::string_view> DictAt(std::string_view pdf, std::size_t from) {
  auto start = pdf.find("<<", from);
  if (start == std::string_view::npos) return std::nullopt;
  int depth = 0;
  for (std::size_t i = start; i + 1 < pdf.size();) {
    if (pdf[i] == '(') {  // a literal string: balanced parentheses, backslash escapes
      int nest = 0;
      for (; i < pdf.size(); ++i) {
        if (pdf[i] == '\\') {
          ++i;
        } else if (pdf[i] == '(') {
          ++nest;
        } else if (pdf[i] == ')' && --nest == 0) {
          break;
        }
      }
      ++i;
    } else if (pdf.compare(i, 2, "<<") == 0) {
      ++depth;
      i += 2;
    } else if (pdf.compare(i, 2, ">>") == 0) {
      i += 2;
      if (--depth == 0) return pdf.substr(start, i - start);
    } else {
      ++i;
    }
  }
  return std::nullopt;
}

// The dictionary of object `n` (generation 0) as last defined in the file.
std::optional<std::string_view> ObjectDict(std::string_view pdf, long long n) {
  std::string head = fmt::format("\n{} 0 obj", n);
  auto at = pdf.rfind(head);
  if (at == std::string_view::npos) {
    head = fmt::format("\r{} 0 obj", n);
    at = pdf.rfind(head);
  }
  if (at == std::string_view::npos) return std::nullopt;
  return DictAt(pdf, at + head.size());
}

// A text string as UTF-16BE hex with its byte-order mark: safe for any name or place.
std::string PdfText(std::string_view utf8) {
  std::string out = "<FEFF";
  auto unit = [&](std::uint32_t u) { out += fmt::format("{:04X}", u); };
  for (std::size_t i = 0; i < utf8.size();) {
    auto c = static_cast<unsigned char>(utf8[i]);
    std::uint32_t cp = 0xFFFD;
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    if (len == 1) {
      cp = c < 0x80 ? c : 0xFFFD;
    } else if (i + len <= utf8.size()) {
      cp = c & (0x7F >> len);
      for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    }
    i += len;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      unit(0xD800 + (cp >> 10));
      unit(0xDC00 + (cp & 0x3FF));
    } else {
      unit(cp);
    }
  }
  return out + ">";
}

std::string PdfDate(TimePoint t) {
  auto secs = std::chrono::floor<std::chrono::seconds>(t);
  auto day = std::chrono::floor<std::chrono::days>(secs);
  std::chrono::year_month_day ymd{day};
  std::chrono::hh_mm_ss hms{secs - day};
  return fmt::format("(D:{:04}{:02}{:02}{:02}{:02}{:02}Z)", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), hms.hours().count(),
                     hms.minutes().count(), hms.seconds().count());
}

}  // namespace

Result<std::string> SignPdf(std::string_view pdf, const PdfSignature& info,
                            const std::function<Result<std::string>(std::string_view)>& sign, std::size_t reserve) {
  // The previous cross-reference table and trailer.
  auto sx = pdf.rfind("startxref");
  auto tr = pdf.rfind("trailer");
  if (sx == std::string_view::npos || tr == std::string_view::npos || tr > sx) {
    return Unsupported("no classic cross-reference table");
  }
  auto prev = NumberAfter(pdf.substr(sx), "startxref");
  auto trailer = DictAt(pdf, tr);
  if (!prev || !trailer) return Unsupported("unreadable trailer");
  auto size = NumberAfter(*trailer, "/Size");
  auto root = NumberAfter(*trailer, "/Root");
  auto info_ref = NumberAfter(*trailer, "/Info");
  if (!size || !root) return Unsupported("trailer without /Size or /Root");
  std::string id;
  if (auto at = trailer->find("/ID"); at != std::string_view::npos) {
    auto end = trailer->find(']', at);
    if (end != std::string_view::npos) id = std::string(trailer->substr(at, end + 1 - at));
  }

  // The catalog and its first page.
  auto catalog = ObjectDict(pdf, *root);
  if (!catalog) return Unsupported("no catalog");
  if (catalog->find("/AcroForm") != std::string_view::npos) return Unsupported("it already has a form");
  auto pages_ref = NumberAfter(*catalog, "/Pages");
  auto pages = pages_ref ? ObjectDict(pdf, *pages_ref) : std::nullopt;
  auto kids_at = pages ? pages->find("/Kids") : std::string_view::npos;
  if (kids_at == std::string_view::npos) return Unsupported("no page tree");
  auto bracket = pages->find('[', kids_at);
  auto page_ref = bracket == std::string_view::npos ? std::nullopt : NumberAfter(pages->substr(bracket), "[");
  auto page = page_ref ? ObjectDict(pdf, *page_ref) : std::nullopt;
  if (!page) return Unsupported("no first page");

  const long long sig = *size, widget = *size + 1;
  std::string page_dict(*page);
  if (auto at = page_dict.find("/Annots"); at != std::string::npos) {
    auto open = page_dict.find('[', at);
    if (open == std::string::npos || page_dict.find_first_not_of(" \r\n", at + 7) != open) {
      return Unsupported("page annotations by reference");
    }
    page_dict.insert(open + 1, fmt::format("{} 0 R ", widget));
  } else {
    page_dict.insert(page_dict.size() - 2, fmt::format(" /Annots [{} 0 R]", widget));
  }
  std::string catalog_dict(*catalog);
  catalog_dict.insert(catalog_dict.size() - 2, fmt::format(" /AcroForm << /Fields [{} 0 R] /SigFlags 3 >>", widget));

  // The update: the signature dictionary with room for /Contents, its field, the page and catalog anew.
  const std::string placeholder = "/ByteRange [0 0000000000 0000000000 0000000000]";
  std::string out(pdf);
  if (out.back() != '\n') out += '\n';
  std::vector<std::pair<long long, std::size_t>> offsets;
  offsets.emplace_back(sig, out.size());
  out += fmt::format("{} 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached {} /Contents <",
                     sig, placeholder);
  std::size_t contents_start = out.size() - 1;  // at '<'
  out.append(reserve * 2, '0');
  out += ">";
  std::size_t contents_end = out.size();  // after '>'
  out += fmt::format(" /M {} /Name {} /Reason {} /Location {} >>\nendobj\n", PdfDate(info.at), PdfText(info.name),
                     PdfText(info.reason), PdfText(info.location));
  offsets.emplace_back(widget, out.size());
  out += fmt::format(
      "{} 0 obj\n<< /Type /Annot /Subtype /Widget /FT /Sig /T {} /V {} 0 R /P {} 0 R /Rect [0 0 0 0] /F 132 >>\n"
      "endobj\n",
      widget, PdfText("Tanda tangan elektronik"), sig, *page_ref);
  offsets.emplace_back(*page_ref, out.size());
  out += fmt::format("{} 0 obj\n{}\nendobj\n", *page_ref, page_dict);
  offsets.emplace_back(*root, out.size());
  out += fmt::format("{} 0 obj\n{}\nendobj\n", *root, catalog_dict);
  std::size_t xref = out.size();
  out += "xref\n";
  std::sort(offsets.begin(), offsets.end());
  for (const auto& [n, at] : offsets) out += fmt::format("{} 1\n{:010} 00000 n\r\n", n, at);
  out += fmt::format("trailer\n<< /Size {} /Root {} 0 R", widget + 1, *root);
  if (info_ref) out += fmt::format(" /Info {} 0 R", *info_ref);
  if (!id.empty()) out += " " + id;
  out += fmt::format(" /Prev {} >>\nstartxref\n{}\n%%EOF\n", *prev, xref);

  // The ranges, written into their fixed-width place, then the signature over them.
  std::string ranges =
      fmt::format("/ByteRange [0 {:010} {:010} {:010}]", contents_start, contents_end, out.size() - contents_end);
  auto at = out.find(placeholder, offsets.front().second);
  for (const auto& [n, off] : offsets) {
    if (n == sig) at = out.find(placeholder, off);
  }
  if (at == std::string::npos || ranges.size() != placeholder.size()) return Unsupported("byte range");
  out.replace(at, ranges.size(), ranges);
  std::string covered = out.substr(0, contents_start) + out.substr(contents_end);
  auto cms = sign(covered);
  if (!cms.ok()) return cms.error();
  if (cms->size() > reserve) return Error::Of(ErrorCode::kInternal, "the signature is larger than its reserved room");
  static const char* hex = "0123456789ABCDEF";
  for (std::size_t i = 0; i < cms->size(); ++i) {
    auto b = static_cast<unsigned char>((*cms)[i]);
    out[contents_start + 1 + 2 * i] = hex[b >> 4];
    out[contents_start + 2 + 2 * i] = hex[b & 15];
  }
  return out;
}

std::optional<EmbeddedSignature> LastSignature(std::string_view pdf) {
  auto at = pdf.rfind("/ByteRange [");
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = pdf.substr(at + 12);
  long long r[4] = {};
  const char* p = rest.data();
  const char* end = rest.data() + rest.size();
  for (auto& v : r) {
    while (p < end && *p == ' ') ++p;
    auto [next, ec] = std::from_chars(p, end, v);
    if (ec != std::errc()) return std::nullopt;
    p = next;
  }
  if (r[0] != 0 || r[1] <= 0 || r[2] <= r[1] || r[3] < 0 || static_cast<std::size_t>(r[2] + r[3]) > pdf.size()) {
    return std::nullopt;
  }
  EmbeddedSignature out;
  out.signed_bytes = std::string(pdf.substr(0, static_cast<std::size_t>(r[1]))) +
                     std::string(pdf.substr(static_cast<std::size_t>(r[2]), static_cast<std::size_t>(r[3])));
  std::string_view hex = pdf.substr(static_cast<std::size_t>(r[1]) + 1, static_cast<std::size_t>(r[2] - r[1]) - 2);
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    unsigned v = 0;
    auto [next, ec] = std::from_chars(hex.data() + i, hex.data() + i + 2, v, 16);
    if (ec != std::errc() || next != hex.data() + i + 2) return std::nullopt;
    out.cms += static_cast<char>(v);
  }
  // The DER's own length tells where it ends in the zero padding.
  const auto* d = reinterpret_cast<const unsigned char*>(out.cms.data());
  if (out.cms.size() < 2 || d[0] != 0x30) return std::nullopt;
  std::size_t total = 0;
  if (d[1] < 0x80) {
    total = 2 + d[1];
  } else {
    std::size_t n = d[1] & 0x7F;
    if (n == 0 || n > 4 || out.cms.size() < 2 + n) return std::nullopt;
    for (std::size_t i = 0; i < n; ++i) total = (total << 8) | d[2 + i];
    total += 2 + n;
  }
  if (total > out.cms.size()) return std::nullopt;
  out.cms.resize(total);
  return out;
}

}  // namespace spbe
