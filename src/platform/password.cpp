#include "platform/password.hpp"

#include <sodium.h>

#include <algorithm>
#include <set>
#include <stdexcept>

#include "platform/i18n.hpp"
#include "platform/resources.hpp"

namespace spbe::password {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

const std::set<std::string, std::less<>>& CommonPasswords() {
  static const std::set<std::string, std::less<>> words = [] {
    std::set<std::string, std::less<>> w;
    std::string_view text = resources::Find("data/common-passwords.txt").value_or("");
    while (!text.empty()) {
      auto nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
      if (!line.empty() && line.front() != '#') w.insert(Lower(line));
    }
    return w;
  }();
  return words;
}

}  // namespace

std::string Hash(std::string_view password, Params params) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), params.ops, params.mem_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("argon2id: out of memory");
  }
  return out;
}

bool Verify(std::string_view hash, std::string_view password) {
  std::string h(hash);  // libsodium wants a NUL-terminated string
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

bool NeedsRehash(std::string_view hash, Params params) {
  std::string h(hash);
  return crypto_pwhash_str_needs_rehash(h.c_str(), params.ops, params.mem_bytes) != 0;
}

std::optional<std::string> Weakness(std::string_view candidate, std::string_view lang,
                                    std::initializer_list<std::string_view> personal) {
  if (candidate.size() < kMinLength) return i18n::Tr(lang, "platform_password_too_short");
  if (candidate.size() > kMaxLength) return i18n::Tr(lang, "platform_password_too_long");
  std::string lower = Lower(candidate);
  // "Password2024!" is still "password": strip what people append.
  std::string core = lower;
  while (!core.empty() && !std::isalpha(static_cast<unsigned char>(core.back()))) core.pop_back();
  const auto& common = CommonPasswords();
  if (common.count(lower) || (!core.empty() && common.count(core))) {
    return i18n::Tr(lang, "platform_password_common");
  }
  for (std::string_view p : personal) {
    std::string part = Lower(p.substr(0, p.find('@')));
    if (part.size() >= 4 && lower.find(part) != std::string::npos) {
      return i18n::Tr(lang, "platform_password_personal");
    }
  }
  return std::nullopt;
}

}  // namespace spbe::password
