// Every text a person reads lives in locales/ (Bahasa Indonesia and English): a key a template or the code asks for
// exists in both languages, and a key nobody asks for is not kept. Read from the repository's sources.
//
// "Asked for" means: `{{t.key}}` in a template; a literal "key" in src/ (Tr(lang, "key"), views' title keys,
// tables of keys); or a key built from a literal part in src/: a prefix ("status_" + s) or a suffix
// (key + "_detail").
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace spbe {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::set<std::string> Keys(const std::string& lang) {
  auto v = boost::json::parse(Slurp(fs::path(SPBE_SOURCE_DIR) / "locales" / (lang + ".json")));
  std::set<std::string> out;
  for (const auto& kv : v.as_object()) out.emplace(kv.key());
  return out;
}

std::set<std::string> Matches(const fs::path& dir, const std::string& extension, const std::regex& re) {
  std::set<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().extension() != extension) continue;
    std::string text = Slurp(e.path());
    for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it) out.insert((*it)[1].str());
  }
  return out;
}

TEST(LocaleKeys, UsedKeysExistAndPresentKeysAreUsed) {
  const fs::path root(SPBE_SOURCE_DIR);
  auto id = Keys("id"), en = Keys("en");
  EXPECT_EQ(id, en) << "Bahasa Indonesia and English hold the same keys";

  // Asked for by name: a template's {{t.key}} and the code's Tr/Text/Count(lang, "key").
  std::set<std::string> named =
      Matches(root / "templates", ".mustache", std::regex(R"re(\{\{[#^/]?t\.([A-Za-z0-9_]+)\}\})re"));
  auto in_code = Matches(root / "src", ".cpp",
                         std::regex(R"re(\b(?:Tr|Text|Count)\([^,()"]*lang[^,()"]*,\s*"([a-z][a-z0-9_]*)"\s*[,)])re"));
  named.insert(in_code.begin(), in_code.end());
  for (const auto& k : named) EXPECT_TRUE(id.count(k)) << "\"" << k << "\" is asked for but missing from locales/";

  // Any other mention in the code: whole keys, and the literal parts keys are built from.
  std::set<std::string> literals;
  for (const char* ext : {".cpp", ".hpp"}) {
    auto found = Matches(root / "src", ext, std::regex(R"re("([a-z_][a-z0-9_]*)")re"));
    literals.insert(found.begin(), found.end());
  }
  for (const auto& k : id) {
    if (named.count(k) || literals.count(k)) continue;
    bool built = false;
    for (const auto& part : literals) {
      if (part.size() < 3) continue;
      if ((part.back() == '_' && k.rfind(part, 0) == 0) ||
          (part.front() == '_' && k.size() > part.size() &&
           k.compare(k.size() - part.size(), part.size(), part) == 0)) {
        built = true;
        break;
      }
    }
    EXPECT_TRUE(built) << "\"" << k << "\" is in locales/ but nothing asks for it: remove it or use it";
  }
}

}  // namespace
}  // namespace spbe
