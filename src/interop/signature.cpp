#include "interop/signature.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>

namespace spbe::interop {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// An RFC 8941 sf-string: printable ASCII, with " and \ escaped.
std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

bool Printable(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
}

Result<std::string> ComponentValue(const Message& m, const std::string& name) {
  if (name == "@method") return m.method;
  if (name == "@authority") return Lower(m.authority);
  if (name == "@path") return m.path.empty() ? std::string("/") : m.path;
  if (name == "@query") return m.query.empty() ? std::string("?") : m.query;
  if (name == "@target-uri") return m.scheme + "://" + Lower(m.authority) + (m.path.empty() ? "/" : m.path) + m.query;
  if (!name.empty() && name[0] == '@') return Error::Of(ErrorCode::kBadRequest, "unsupported component " + name);
  for (const auto& [k, v] : m.fields) {
    if (k == name) return std::string(Trim(v));
  }
  return Error::Of(ErrorCode::kBadRequest, "the message has no " + name + " field");
}

Result<std::string> BaseWith(const Message& m, const std::vector<std::string>& components,
                             std::string_view params_text) {
  std::string base;
  for (const auto& c : components) {
    if (c != Lower(c)) return Error::Of(ErrorCode::kBadRequest, "component names are lowercase: " + c);
    if (std::count(components.begin(), components.end(), c) > 1) {
      return Error::Of(ErrorCode::kBadRequest, "component " + c + " is covered twice");
    }
    auto v = ComponentValue(m, c);
    if (!v.ok()) return v.error();
    if (!Printable(*v)) return Error::Of(ErrorCode::kBadRequest, "component " + c + " is not printable ASCII");
    base += Quote(c) + ": " + *v + "\n";
  }
  base += "\"@signature-params\": ";
  base += params_text;
  return base;
}

// A cursor over a structured field value (RFC 8941), for the shapes RFC 9421 uses.
struct Cursor {
  std::string_view s;
  std::size_t i = 0;
  bool End() const { return i >= s.size(); }
  char Peek() const { return End() ? '\0' : s[i]; }
  void Spaces() {
    while (!End() && (s[i] == ' ' || s[i] == '\t')) ++i;
  }
  std::optional<std::string> Key() {
    std::size_t start = i;
    if (End() || !(std::islower(static_cast<unsigned char>(s[i])) || s[i] == '*')) return std::nullopt;
    while (!End() &&
           (std::islower(static_cast<unsigned char>(s[i])) || std::isdigit(static_cast<unsigned char>(s[i])) ||
            s[i] == '_' || s[i] == '-' || s[i] == '.' || s[i] == '*')) {
      ++i;
    }
    return std::string(s.substr(start, i - start));
  }
  std::optional<std::string> String() {
    if (Peek() != '"') return std::nullopt;
    ++i;
    std::string out;
    while (!End()) {
      char c = s[i++];
      if (c == '\\') {
        if (End() || (s[i] != '"' && s[i] != '\\')) return std::nullopt;
        out += s[i++];
      } else if (c == '"') {
        return out;
      } else if (c < 0x20 || c >= 0x7f) {
        return std::nullopt;
      } else {
        out += c;
      }
    }
    return std::nullopt;
  }
  std::optional<std::int64_t> Integer() {
    std::size_t start = i;
    if (Peek() == '-') ++i;
    std::size_t digits = i;
    while (!End() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == digits || i - digits > 15) return std::nullopt;
    return std::stoll(std::string(s.substr(start, i - start)));
  }
  // Skips one bare item of any other kind (token, byte sequence, boolean, decimal) without interpreting it.
  bool SkipItem() {
    if (Peek() == '"') return String().has_value();
    std::size_t start = i;
    while (!End() && s[i] != ';' && s[i] != ',' && s[i] != ' ' && s[i] != ')' && s[i] != '(') ++i;
    return i > start;
  }
};

// The dictionary member `label` of a field: the raw text of its value (everything after "label=" up to the member's
// end).
std::optional<std::string_view> Member(std::string_view field, std::string_view label) {
  Cursor c{field};
  while (true) {
    c.Spaces();
    auto key = c.Key();
    if (!key) return std::nullopt;
    if (c.Peek() != '=') return std::nullopt;
    ++c.i;
    std::size_t start = c.i;
    int depth = 0;
    bool quoted = false;
    while (!c.End()) {
      char ch = field[c.i];
      if (quoted) {
        if (ch == '\\') ++c.i;
        if (ch == '"') quoted = false;
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == '(') {
        ++depth;
      } else if (ch == ')') {
        --depth;
      } else if (ch == ',' && depth == 0) {
        break;
      }
      ++c.i;
    }
    std::string_view value = Trim(field.substr(start, c.i - start));
    if (*key == label) return value;
    if (c.End()) return std::nullopt;
    ++c.i;  // the comma
  }
}

}  // namespace

std::string ContentDigest(std::string_view body) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(body.data()), body.size());
  return "sha-256=:" + crypto::Base64Encode(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest)) +
         ":";
}

bool ContentDigestMatches(std::string_view field, std::string_view body) {
  auto member = Member(field, "sha-256");
  if (!member) return false;
  std::string expected = ContentDigest(body).substr(std::string_view("sha-256=").size());
  return *member == expected;
}

std::string SerializeParams(const SignatureParams& p) {
  std::string out = "(";
  for (std::size_t i = 0; i < p.components.size(); ++i) out += (i ? " " : "") + Quote(p.components[i]);
  out += ")";
  if (p.created) out += ";created=" + std::to_string(*p.created);
  if (p.expires) out += ";expires=" + std::to_string(*p.expires);
  if (!p.keyid.empty()) out += ";keyid=" + Quote(p.keyid);
  if (!p.alg.empty()) out += ";alg=" + Quote(p.alg);
  if (!p.nonce.empty()) out += ";nonce=" + Quote(p.nonce);
  if (!p.tag.empty()) out += ";tag=" + Quote(p.tag);
  return out;
}

Result<std::string> SignatureBase(const Message& message, const SignatureParams& params) {
  return BaseWith(message, params.components, SerializeParams(params));
}

Result<SignatureFields> Sign(const Message& message, const SignatureParams& params, const crypto::SigningKey& key,
                             std::string_view label) {
  std::string serialized = SerializeParams(params);
  auto base = BaseWith(message, params.components, serialized);
  if (!base.ok()) return base.error();
  SignatureFields out;
  out.input = std::string(label) + "=" + serialized;
  out.signature = std::string(label) + "=:" + crypto::Base64Encode(key.Sign(*base)) + ":";
  return out;
}

Result<ParsedSignature> ParseSignature(std::string_view signature_input, std::string_view signature,
                                       std::string_view label) {
  auto bad = [](std::string what) { return Error::Of(ErrorCode::kUnauthorized, std::move(what)); };
  auto input = Member(signature_input, label);
  if (!input) return bad("Signature-Input has no signature labelled " + std::string(label));
  auto sig = Member(signature, label);
  if (!sig) return bad("Signature has no signature labelled " + std::string(label));
  ParsedSignature out;
  out.label = std::string(label);
  if (sig->size() < 2 || sig->front() != ':' || sig->back() != ':') return bad("Signature is not a byte sequence");
  auto bytes = crypto::Base64Decode(sig->substr(1, sig->size() - 2));
  if (!bytes) return bad("Signature is not base64");
  out.signature = std::move(*bytes);

  Cursor c{*input};
  if (c.Peek() != '(') return bad("Signature-Input is not an inner list");
  ++c.i;
  while (true) {
    c.Spaces();
    if (c.Peek() == ')') {
      ++c.i;
      break;
    }
    auto name = c.String();
    if (!name) return bad("Signature-Input lists something that is not a component name");
    // Component parameters (;sf, ;req ...) are not used by the bus.
    if (c.Peek() == ';') return bad("component parameters are not supported");
    out.params.components.push_back(std::move(*name));
    if (c.Peek() != ' ' && c.Peek() != ')') return bad("Signature-Input's list is malformed");
  }
  while (c.Peek() == ';') {
    ++c.i;
    auto key = c.Key();
    if (!key || c.Peek() != '=') return bad("Signature-Input's parameters are malformed");
    ++c.i;
    if (*key == "created" || *key == "expires") {
      auto v = c.Integer();
      if (!v) return bad("Signature-Input's " + *key + " is not an integer");
      (*key == "created" ? out.params.created : out.params.expires) = *v;
    } else if (*key == "keyid" || *key == "alg" || *key == "nonce" || *key == "tag") {
      auto v = c.String();
      if (!v) return bad("Signature-Input's " + *key + " is not a string");
      (*key == "keyid"   ? out.params.keyid
       : *key == "alg"   ? out.params.alg
       : *key == "nonce" ? out.params.nonce
                         : out.params.tag) = *v;
    } else if (!c.SkipItem()) {
      return bad("Signature-Input's parameters are malformed");
    }
  }
  if (!c.End()) return bad("Signature-Input's parameters are malformed");
  return out;
}

Result<std::string> Verify(const Message& message, std::string_view signature_input, std::string_view signature,
                           std::string_view label, const VerifyPolicy& policy,
                           const std::function<std::optional<std::string>(std::string_view keyid)>& public_key) {
  auto bad = [](std::string what) { return Error::Of(ErrorCode::kUnauthorized, std::move(what)); };
  auto parsed = ParseSignature(signature_input, signature, label);
  if (!parsed.ok()) return parsed.error();
  const auto& p = parsed->params;
  if (!p.alg.empty() && p.alg != "ed25519") return bad("the signature's algorithm is not ed25519");
  if (!p.created) return bad("the signature has no created time");
  if (*p.created > policy.now + policy.max_age || *p.created < policy.now - policy.max_age) {
    return bad("the signature's created time is too far from now");
  }
  if (p.expires && *p.expires < policy.now) return bad("the signature has expired");
  for (const auto& r : policy.required) {
    if (std::find(p.components.begin(), p.components.end(), r) == p.components.end()) {
      return bad("the signature does not cover " + r);
    }
  }
  auto key = public_key(p.keyid);
  if (!key) return bad("unknown key " + p.keyid);
  // The base is rebuilt with the parameters exactly as received: re-serializing could reorder them.
  auto member = Member(signature_input, label);
  auto base = BaseWith(message, p.components, *member);
  if (!base.ok()) return bad(base.error().detail);
  if (!crypto::VerifySignature(*key, *base, parsed->signature)) return bad("the signature does not match");
  return p.keyid;
}

}  // namespace spbe::interop
