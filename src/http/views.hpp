#pragma once
/// Server-rendered pages: a template rendered into the shared layout (header, language toggle, footer), in the
/// request's language.

#include <boost/json/object.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "http/message.hpp"
#include "http/static_files.hpp"
#include "platform/i18n.hpp"
#include "platform/result.hpp"
#include "platform/templates.hpp"
#include "platform/working_days.hpp"

namespace spbe::http {

/// What every page shows besides its own data, from the capabilities that know it. Declared here, where it is used;
/// implemented by the composition root (app/wiring.hpp).
class PageContext {
 public:
  virtual ~PageContext() = default;
  /// What every page shows about the site (the government's name, the operator's contact), as an object the layout
  /// and the page template both see under "site". Called once per page.
  virtual boost::json::object Site() const = 0;
  /// How many unread messages a signed-in account has, for the badge beside "Kotak masuk". Called once per page of
  /// a signed-in account.
  virtual int Unread(const Request& req) const = 0;
  /// The zone of the deployment (its root node): times that belong to no one office (the inbox, the audit trail, the
  /// complaint desk) are shown in it.
  virtual TimeZone Zone() const = 0;
};

class Views {
 public:
  Views(const Templates& templates, const i18n::Catalog& catalog, const StaticFiles& assets, const PageContext& context)
      : templates_(templates), catalog_(catalog), assets_(assets), context_(context) {}

  /// Renders `page` (e.g. "portal/home") with `data` inside the layout. `title_key` names the page title in the
  /// catalog. The template sees `t` (all texts in the request's language), `lang`, `site`, and its own data.
  Response Page(const Request& req, int status, std::string_view page, boost::json::object data,
                std::string_view title_key) const;

  /// The same in two halves, for a page whose content many requests share (rendered once, kept by its owner):
  /// Content renders `page` alone (it sees `t`, `lang` and `site`, not the request's CSRF token), Around puts content
  /// in the layout of the request at hand (its navigation, token, language toggle). `title` is the page's title.
  std::string Content(const Request& req, std::string_view page, boost::json::object data) const;
  Response Around(const Request& req, int status, std::string content, const std::string& title) const;

  /// An error page (404, 405, 500 ...) in the request's language, carrying the request id.
  Response ErrorPage(const Request& req, int status) const;
  /// The page for an expected failure that has no form to show it on: 429 with Retry-After and the error's own words
  /// for a brake (kRateLimited), 503 for an unavailable database, else ErrorPage for the error's status.
  Response FailurePage(const Request& req, const Error& e) const;

  const i18n::Catalog& catalog() const { return catalog_; }

  /// The deployment's zone (PageContext::Zone).
  TimeZone zone() const { return context_.Zone(); }

 private:
  /// {"t": every text in `lang`}, made ready for the templates once per language.
  std::shared_ptr<const Templates::Shared> TextsFor(const std::string& lang) const;
  Response Layout(const Request& req, int status, std::string content, const std::string& title,
                  const std::string& csrf) const;

  const Templates& templates_;
  const i18n::Catalog& catalog_;
  const StaticFiles& assets_;
  const PageContext& context_;
  mutable std::mutex texts_mu_;
  mutable std::map<std::string, std::shared_ptr<const Templates::Shared>> texts_;
};

}  // namespace spbe::http
