#include "http/message.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace spbe::http {

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  // ASCII only, as header names and tokens are (RFC 9110 5.1); no locale lookup per character.
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; };
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::optional<std::string_view> Request::Header(std::string_view lower_name) const {
  for (const auto& [k, v] : headers) {
    if (k == lower_name) return std::string_view(v);
  }
  return std::nullopt;
}

std::optional<std::string> Request::HeaderJoined(std::string_view lower_name) const {
  std::optional<std::string> out;
  for (const auto& [k, v] : headers) {
    if (k != lower_name) continue;
    if (out) {
      *out += ", ";
      *out += v;
    } else {
      out = v;
    }
  }
  return out;
}

std::optional<std::string> Request::Query(std::string_view name) const {
  for (const auto& [k, v] : query) {
    if (k == name) return v;
  }
  return std::nullopt;
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
  auto h = Header("cookie");
  if (!h) return std::nullopt;
  std::string_view s = *h;
  while (!s.empty()) {
    auto semi = s.find(';');
    std::string_view part = s.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    auto eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
    if (semi == std::string_view::npos) break;
    s.remove_prefix(semi + 1);
  }
  return std::nullopt;
}

const access::Actor& Request::actor() const {
  if (!actor_cache) actor_cache = resolve_actor ? resolve_actor(*this) : access::Actor{};
  return *actor_cache;
}

std::optional<std::string> Request::SessionToken() const {
  if (auto auth = Header("authorization"); auth && auth->size() > 7 && IEquals(auth->substr(0, 7), "Bearer ")) {
    return std::string(auth->substr(7));
  }
  return Cookie("spbe_session");
}

namespace {

// RFC 3986 unreserved characters: they mean themselves anywhere in a path or a query.
bool Unreserved(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

// Most targets ("/healthz", "/api/v1/track/2612-7884-4216?code=K7PQ4M2X") hold nothing to decode: a path of
// unreserved characters and slashes, and a query of non-empty name[=value] pairs of them and '='. Read those directly;
// false leaves anything else to Boost.URL.
bool ParsePlainTarget(std::string_view target, std::string& path,
                      std::vector<std::pair<std::string, std::string>>& query) {
  if (target.empty() || target.front() != '/') return false;
  auto mark = target.find('?');
  std::string_view p = target.substr(0, mark);
  for (char c : p) {
    if (c != '/' && !Unreserved(c)) return false;
  }
  std::vector<std::pair<std::string, std::string>> q;
  if (mark != std::string_view::npos) {
    std::string_view rest = target.substr(mark + 1);
    for (;;) {
      auto amp = rest.find('&');
      std::string_view pair = rest.substr(0, amp);
      if (pair.empty()) return false;
      for (char c : pair) {
        if (c != '=' && !Unreserved(c)) return false;
      }
      auto eq = pair.find('=');  // the name ends at the first '='; the value keeps any later one
      q.emplace_back(std::string(pair.substr(0, eq)),
                     std::string(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1)));
      if (amp == std::string_view::npos) break;
      rest.remove_prefix(amp + 1);
    }
  }
  path = std::string(p);
  query = std::move(q);
  return true;
}

}  // namespace

bool Request::ParseTarget() {
  if (ParsePlainTarget(target, path, query)) return true;
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return false;
  path = std::string(parsed->path());  // decoded
  query.clear();
  for (auto p : parsed->params()) query.emplace_back(std::string(p.key), p.has_value ? std::string(p.value) : "");
  return true;
}

HeaderBlock::HeaderBlock(std::vector<std::pair<std::string, std::string>> f) : fields(std::move(f)) {
  for (const auto& [k, v] : fields) text += k + ": " + v + "\r\n";
}

Response& Response::Set(std::string_view name, std::string value) {
  if (preset) {
    for (const auto& [k, v] : preset->fields) {
      if (!IEquals(k, name)) continue;
      headers.insert(headers.end(), preset->fields.begin(), preset->fields.end());
      preset = nullptr;
      break;
    }
  }
  for (auto& [k, v] : headers) {
    if (IEquals(k, name)) {
      v = std::move(value);
      return *this;
    }
  }
  headers.emplace_back(std::string(name), std::move(value));
  return *this;
}

std::optional<std::string_view> Response::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (IEquals(k, name)) return std::string_view(v);
  }
  if (preset) {
    for (const auto& [k, v] : preset->fields) {
      if (IEquals(k, name)) return std::string_view(v);
    }
  }
  return std::nullopt;
}

Response Response::Json(int status, std::string body) { return Text(status, std::move(body), "application/json"); }
Response Response::Html(int status, std::string body) {
  return Text(status, std::move(body), "text/html; charset=utf-8");
}
Response Response::Text(int status, std::string body, std::string content_type) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.headers.reserve(8);  // what the middleware adds on the way out, without growing the vector step by step
  r.Set("Content-Type", std::move(content_type));
  return r;
}
Response Response::Redirect(std::string location, int status) {
  Response r;
  r.status = status;
  r.Set("Location", std::move(location));
  return r;
}

}  // namespace spbe::http
