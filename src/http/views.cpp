#include "http/views.hpp"

#include <algorithm>

#include <boost/json.hpp>
#include <chrono>

#include "http/forms.hpp"
#include "http/problem.hpp"

namespace spbe::http {
namespace {

boost::json::object Texts(const i18n::Catalog& catalog, std::string_view lang) {
  boost::json::object t;
  for (const auto& [k, v] : catalog.All(lang)) t[k] = v;
  return t;
}

int CurrentYear() {
  auto now = std::chrono::system_clock::now();
  std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(now)};
  return static_cast<int>(ymd.year());
}

}  // namespace

std::shared_ptr<const Templates::Shared> Views::TextsFor(const std::string& lang) const {
  std::lock_guard lock(texts_mu_);
  auto& kept = texts_[lang];
  if (!kept) kept = templates_.Share(boost::json::object{{"t", Texts(catalog_, lang)}});
  return kept;
}

Response Views::Page(const Request& req, int status, std::string_view page, boost::json::object data,
                     std::string_view title_key) const {
  // A page about one thing (a service, a file) is titled by it; others by their catalog key.
  std::string title;
  if (const auto* own = data.if_contains("page_title"); own && own->is_string()) {
    title = std::string(own->get_string());
  } else {
    title = catalog_.Text(req.lang, title_key);
  }
  std::string csrf = CsrfToken(req);
  data["csrf"] = csrf;
  return Layout(req, status, Content(req, page, std::move(data)), title, csrf);
}

std::string Views::Content(const Request& req, std::string_view page, boost::json::object data) const {
  // The texts (`t`) lie beneath every render, prepared once per language rather than copied into each page.
  auto texts = TextsFor(req.lang);
  data["lang"] = req.lang;
  data["site"] = context_.Site();
  return templates_.Render(page, data, texts.get());
}

Response Views::Around(const Request& req, int status, std::string content, const std::string& title) const {
  return Layout(req, status, std::move(content), title, CsrfToken(req));
}

Response Views::Layout(const Request& req, int status, std::string content, const std::string& title,
                       const std::string& csrf) const {
  auto texts = TextsFor(req.lang);
  bool signed_in = !req.actor().anonymous();
  boost::json::object layout;
  layout["lang"] = req.lang;
  layout["title"] = title;
  layout["content"] = std::move(content);
  layout["css"] = assets_.Url("css/app.css");
  layout["logo"] = assets_.Url("img/logo.svg");
  layout["year"] = CurrentYear();
  // The toggle links to the same page in the other language; the choice is then remembered in a cookie.
  bool en = req.lang == "en";
  layout["other_lang"] = en ? "id" : "en";
  // The rest of the query stays (a search, a filter, a page number): only `lang` is replaced.
  std::string query;
  if (auto q = req.target.find('?'); q != std::string::npos && req.method == "GET") {
    std::string_view rest = std::string_view(req.target).substr(q + 1);
    while (!rest.empty()) {
      auto amp = rest.find('&');
      std::string_view pair = rest.substr(0, amp);
      if (!pair.empty() && !pair.starts_with("lang=") && pair != "lang") query.append(pair).append("&");
      rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    }
  }
  layout["other_lang_href"] = req.path + "?" + query + (en ? "lang=id" : "lang=en");
  layout["other_lang_label"] = catalog_.Text(req.lang, "http_other_language");
  layout["path"] = req.path;
  layout["site"] = context_.Site();
  layout["csrf"] = csrf;
  layout["signed_in"] = signed_in;
  int unread = signed_in && req.actor().account_id != 0 ? context_.Unread(req) : 0;
  layout["unread"] = unread;
  layout["has_unread"] = unread > 0;
  bool is_admin = false, is_auditor = false, is_officer = false, is_finance = false, handles_reports = false;
  for (const auto& g : req.actor().grants) {
    is_admin |= g.role == access::Role::kAdminInstansi || g.role == access::Role::kAdminPlatform;
    is_auditor |= g.role == access::Role::kAuditor || g.role == access::Role::kAdminPlatform;
    is_finance |= g.role == access::Role::kBendahara || g.role == access::Role::kAdminPlatform;
    handles_reports |= g.role != access::Role::kBendahara && g.role != access::Role::kEvaluator;
    is_officer |= g.role == access::Role::kLoket || g.role == access::Role::kVerifikator ||
                  g.role == access::Role::kTeknis || g.role == access::Role::kKepala;
  }
  layout["is_applicant"] =
      req.actor().kind == access::AccountKind::kWarga || req.actor().kind == access::AccountKind::kPelakuUsaha;
  layout["is_officer"] = is_officer;
  layout["is_admin"] = is_admin;
  layout["is_auditor"] = is_auditor;
  layout["is_finance"] = is_finance;
  layout["handles_reports"] = handles_reports;
  layout["home_current"] = req.path == "/";
  Response res = Response::Html(status, templates_.Render("layout/page", layout, texts.get()));
  SetCsrfCookie(res, req, csrf);
  return res;
}

Response Views::ErrorPage(const Request& req, int status) const {
  if (req.api) return ProblemForStatus(req, status);
  std::string key = status == 404   ? "error_404"
                    : status == 403 ? "error_403"
                    : status == 405 ? "error_405"
                    : status >= 500 ? "error_500"
                                    : "error_400";
  boost::json::object data;
  data["status"] = status;
  data["heading"] = catalog_.Text(req.lang, key);
  data["detail"] = catalog_.Text(req.lang, key + "_detail");
  data["request_id"] = req.request_id;
  return Page(req, status, "errors/error", std::move(data), key);
}

Response Views::FailurePage(const Request& req, const Error& e) const {
  if (e.code == ErrorCode::kForbidden && !e.detail.empty() && !req.api) {
    // Refused, and why: "applications are filed from a citizen or business account".
    boost::json::object data;
    data["status"] = 403;
    data["heading"] = catalog_.Text(req.lang, "error_403");
    data["detail"] = e.detail;
    data["request_id"] = req.request_id;
    return Page(req, 403, "errors/error", std::move(data), "error_403");
  }
  if (e.code != ErrorCode::kRateLimited) {
    return ErrorPage(req, e.code == ErrorCode::kNotFound                                         ? 404
                          : e.code == ErrorCode::kForbidden                                      ? 403
                          : e.code == ErrorCode::kValidation || e.code == ErrorCode::kBadRequest ? 400
                                                                                                 : 503);
  }
  boost::json::object data;
  data["status"] = 429;
  data["heading"] = catalog_.Text(req.lang, "error_429");
  data["detail"] = e.detail;
  data["request_id"] = req.request_id;
  Response r = Page(req, 429, "errors/error", std::move(data), "error_429");
  r.Set("Retry-After", std::to_string(std::max(1, e.retry_after_s)));
  return r;
}

}  // namespace spbe::http
