// Search: the Indonesian stemmer, the search terms of a text, and what is stored to search a service version by.
#include <algorithm>
#include <cctype>

#include "catalog/model.hpp"
#include "platform/i18n.hpp"

namespace spbe::catalog {
namespace {

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

}  // namespace

std::string Stem(std::string_view word_in) {
  std::string w;
  for (char c : word_in) w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (w.size() <= 4) return w;
  auto strip_suffix = [&](std::string_view suf) {
    if (w.size() > suf.size() + 3 && w.compare(w.size() - suf.size(), suf.size(), suf) == 0) {
      w.resize(w.size() - suf.size());
      return true;
    }
    return false;
  };
  // Particles and possessives first, then derivational suffixes (Nazief-Adriani order, simplified).
  for (std::string_view s : {"lah", "kah", "tah", "pun"}) {
    if (strip_suffix(s)) break;
  }
  for (std::string_view s : {"nya", "ku", "mu"}) {
    if (strip_suffix(s)) break;
  }
  bool suffix = strip_suffix("kan") || strip_suffix("an") || (w.size() > 5 && strip_suffix("i"));
  (void)suffix;
  auto starts = [&](std::string_view p) { return w.size() > p.size() + 2 && w.compare(0, p.size(), p) == 0; };
  for (int round = 0; round < 2; ++round) {
    if (starts("meng") || starts("peng")) {
      w.erase(0, 4);
    } else if (starts("meny") || starts("peny")) {
      w = "s" + w.substr(4);
    } else if (starts("mem") || starts("pem")) {
      w = (IsVowel(w[3]) ? "p" : "") + w.substr(3);
    } else if (starts("men") || starts("pen")) {
      w = (IsVowel(w[3]) ? "t" : "") + w.substr(3);
    } else if (starts("ber") || starts("ter") || starts("per")) {
      w.erase(0, 3);
    } else if (starts("di") || starts("ke") || starts("se")) {
      w.erase(0, 2);
    } else if (starts("me") || starts("pe") || starts("be")) {
      w.erase(0, 2);
    } else {
      break;
    }
  }
  return w;
}

std::vector<std::string> SearchTerms(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 2) {
      std::string s = Stem(word);
      if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
    }
    word.clear();
  };
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80)) {
      word += c;
    } else {
      flush();
    }
  }
  flush();
  return out;
}

std::string SearchText(const Definition& d, std::string_view agency_name) {
  std::string all = d.name.id + " " + d.name.en + " " + d.summary.id + " " + d.summary.en + " " + d.standard.output.id +
                    " " + d.standard.output.en + " " + std::string(agency_name);
  for (const auto& e : d.life_events) {
    for (const auto& l : LifeEvents()) {
      if (l.key == e) all += " " + i18n::Tr("id", l.label) + " " + i18n::Tr("en", l.label);
    }
  }
  std::string out = " ";
  for (const auto& t : SearchTerms(all)) out += t + " ";
  return out;
}

}  // namespace spbe::catalog
