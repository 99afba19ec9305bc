#include "testing/browser_session.hpp"

#include "http/forms.hpp"

namespace spbe::testing {

std::string FormBody(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string body;
  for (const auto& [k, v] : fields) {
    if (!body.empty()) body += '&';
    body += http::UrlEncode(k) + "=" + http::UrlEncode(v);
  }
  return body;
}

void BrowserSession::Keep(const HttpResponse& r) {
  for (const auto& [name, value] : r.headers) {
    if (name != "set-cookie") continue;
    auto eq = value.find('=');
    auto semi = value.find(';');
    if (eq == std::string::npos) continue;
    std::string key = value.substr(0, eq);
    std::string val = value.substr(eq + 1, semi == std::string::npos ? std::string::npos : semi - eq - 1);
    bool expired = value.find("Max-Age=0") != std::string::npos;
    if (expired || val.empty()) {
      cookies_.erase(key);
    } else {
      cookies_[key] = val;
    }
  }
}

std::string BrowserSession::CookieHeader() const {
  std::string h;
  for (const auto& [k, v] : cookies_) h += (h.empty() ? "" : "; ") + k + "=" + v;
  return h;
}

HttpResponse BrowserSession::Send(HttpRequest req) {
  if (!cookies_.empty()) req.headers.push_back({"Cookie", CookieHeader()});
  auto r = testing::Send(port_, req);
  Keep(r);
  return r;
}

HttpResponse BrowserSession::Get(const std::string& target,
                                 const std::vector<std::pair<std::string, std::string>>& extra) {
  return Send({"GET", target, extra, ""});
}

std::string BrowserSession::CsrfToken() {
  if (!cookies_.count(http::kCsrfCookie)) Get("/masuk");
  auto it = cookies_.find(http::kCsrfCookie);
  return it == cookies_.end() ? std::string() : it->second;
}

HttpResponse BrowserSession::PostForm(const std::string& target,
                                      const std::vector<std::pair<std::string, std::string>>& fields,
                                      const std::vector<std::pair<std::string, std::string>>& extra) {
  auto with = fields;
  with.insert(with.begin(), {http::kCsrfField, CsrfToken()});
  auto headers = extra;
  headers.push_back({"Content-Type", "application/x-www-form-urlencoded"});
  return Send({"POST", target, headers, FormBody(with)});
}

HttpResponse BrowserSession::PostMultipart(const std::string& target,
                                           const std::vector<std::pair<std::string, std::string>>& fields,
                                           const std::vector<FilePart>& files,
                                           const std::vector<std::pair<std::string, std::string>>& extra) {
  const std::string b = "browserSessionBoundary7MA4YWxk";
  std::string body;
  auto field = [&](const std::string& name, const std::string& value) {
    body += "--" + b + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  };
  field(http::kCsrfField, CsrfToken());
  for (const auto& [k, v] : fields) field(k, v);
  for (const auto& f : files) {
    body += "--" + b + "\r\nContent-Disposition: form-data; name=\"" + f.field + "\"; filename=\"" + f.file_name +
            "\"\r\nContent-Type: " + f.content_type + "\r\n\r\n" + f.bytes + "\r\n";
  }
  body += "--" + b + "--\r\n";
  auto headers = extra;
  headers.push_back({"Content-Type", "multipart/form-data; boundary=" + b});
  return Send({"POST", target, headers, body});
}

bool BrowserSession::SignIn(const std::string& username, const std::string& password) {
  auto r = PostForm("/masuk", {{"username", username}, {"password", password}});
  return r.status == 303 && cookies_.count("spbe_session");
}

}  // namespace spbe::testing
