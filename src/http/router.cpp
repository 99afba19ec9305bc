#include "http/router.hpp"

#include <stdexcept>

namespace spbe::http {
namespace {

std::vector<std::string> Split(std::string_view path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    auto j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.emplace_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

thread_local bool network_thread = false;

constexpr std::size_t kPrefixSegments = 3;

bool IsParam(const std::string& segment) { return !segment.empty() && segment.front() == '{'; }

// "a/b/c" for a path or pattern whose first three segments are given; "" when it has fewer.
std::string PrefixKey(const std::vector<std::string>& segments) {
  if (segments.size() < kPrefixSegments) return {};
  std::string key;
  for (std::size_t i = 0; i < kPrefixSegments; ++i) {
    if (i) key += '/';
    key += segments[i];
  }
  return key;
}

// Whether the path can match the pattern, judged by its literal segments and length alone: most routes fail at
// once, before any parameter is copied.
bool MayMatch(const std::vector<std::string>& pattern, const std::vector<std::string>& path) {
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const std::string& p = pattern[i];
    bool is_param = p.size() > 2 && p.front() == '{' && p.back() == '}';
    if (is_param && p[p.size() - 2] == '*') return i < path.size();
    if (i >= path.size()) return false;
    if (!is_param && p != path[i]) return false;
  }
  return pattern.size() == path.size();
}

bool MatchSegments(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
                   std::map<std::string, std::string>& params) {
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const std::string& p = pattern[i];
    bool is_param = p.size() > 2 && p.front() == '{' && p.back() == '}';
    if (is_param && p[p.size() - 2] == '*') {  // {rest*}: the remaining segments, at least one
      if (i >= path.size()) return false;
      std::string rest;
      for (std::size_t j = i; j < path.size(); ++j) rest += (j > i ? "/" : "") + path[j];
      params[p.substr(1, p.size() - 3)] = rest;
      return true;
    }
    if (i >= path.size()) return false;
    if (is_param) {
      params[p.substr(1, p.size() - 2)] = path[i];
    } else if (p != path[i]) {
      return false;
    }
  }
  return pattern.size() == path.size();
}

}  // namespace

bool OnNetworkThread() { return network_thread; }
NetworkThreadScope::NetworkThreadScope() : outer_(network_thread) { network_thread = true; }
NetworkThreadScope::~NetworkThreadScope() { network_thread = outer_; }

void Router::Add(std::string method, std::string pattern, Handler handler, RouteOptions options) {
  for (const auto& r : routes_) {
    if (r.method == method && r.pattern == pattern) throw std::logic_error("duplicate route " + method + " " + pattern);
  }
  Route r{std::move(method), std::move(pattern), std::move(handler), std::move(options)};
  r.api = IsApiPath(r.pattern) && !r.options.page;
  if (r.api && r.options.openapi.empty()) throw std::logic_error("API route without OpenAPI description: " + r.pattern);
  r.segments = Split(r.pattern);
  bool literal_prefix = r.segments.size() >= kPrefixSegments;
  for (std::size_t i = 0; literal_prefix && i < kPrefixSegments; ++i) literal_prefix = !IsParam(r.segments[i]);
  if (literal_prefix) {
    by_prefix_[PrefixKey(r.segments)].push_back(routes_.size());
  } else {
    std::string first = r.segments.empty() ? "" : r.segments.front();
    if (IsParam(first)) first = "{";
    by_first_[first].push_back(routes_.size());
  }
  routes_.push_back(std::move(r));
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  Match m;
  auto segs = Split(path);
  // Literal segments win over parameters: try routes with fewer parameters first.
  const Route* best = nullptr;
  int best_params = 1 << 30;
  std::vector<const Route*> candidates;
  if (auto key = PrefixKey(segs); !key.empty()) {
    if (auto it = by_prefix_.find(key); it != by_prefix_.end()) {
      for (std::size_t i : it->second) candidates.push_back(&routes_[i]);
    }
  }
  std::string_view own = segs.empty() ? std::string_view() : std::string_view(segs.front());
  for (std::string_view first : {own, std::string_view("{")}) {
    if (first == "{" && own == "{" && !candidates.empty()) break;  // already listed
    if (auto it = by_first_.find(first); it != by_first_.end()) {
      for (std::size_t i : it->second) candidates.push_back(&routes_[i]);
    }
  }
  for (const Route* rp : candidates) {
    const Route& r = *rp;
    if (!MayMatch(r.segments, segs)) continue;
    std::map<std::string, std::string> params;
    if (!MatchSegments(r.segments, segs, params)) continue;
    if (r.method != method && !(method == "HEAD" && r.method == "GET")) {
      m.allowed.push_back(r.method);
      continue;
    }
    if (static_cast<int>(params.size()) < best_params) {
      best = &r;
      best_params = static_cast<int>(params.size());
      m.params = std::move(params);
    }
  }
  m.route = best;
  if (best) m.allowed.clear();
  return m;
}

}  // namespace spbe::http
