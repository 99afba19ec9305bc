#include "notify/pages.hpp"

#include <boost/json.hpp>
#include <cstdlib>

#include "http/forms.hpp"
#include "platform/local_time.hpp"

namespace spbe::notify {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;

json::object MessageJson(const InboxMessage& m) {
  return {{"id", m.id},
          {"subject", m.subject},
          {"body", m.body},
          {"link", m.link},
          {"created_at", m.created_at},
          {"read", !m.read_at.empty()},
          {"read_at", m.read_at.empty() ? json::value(nullptr) : json::value(m.read_at)}};
}

int PageParam(const Request& req, const char* name) {
  return std::max(1, std::atoi(req.Query(name).value_or("1").c_str()));
}

// The page: messages newest first; opening one marks it read and follows its link.
http::Handler Inbox(const http::Views& views, InboxService& inbox) {
  return [&inbox, &views](Request& req) {
    if (req.actor().account_id == 0) return Response::Redirect("/masuk?kembali=/kotak-masuk");
    int page = PageParam(req, "hal");
    auto list = inbox.List(req.actor(), page, req.lang);
    if (!list.ok()) return views.ErrorPage(req, 503);
    json::array items;
    for (const auto& m : list->items) {
      json::object o = MessageJson(m);
      o["date"] = LocalDateTimeText(m.created_at, views.zone(), req.lang);
      o["unread"] = m.read_at.empty();
      items.push_back(std::move(o));
    }
    json::object data{{"items", items},
                      {"none", items.empty()},
                      {"unread", list->unread},
                      {"has_unread", list->unread > 0},
                      {"next", list->more ? "/kotak-masuk?hal=" + std::to_string(page + 1) : ""},
                      {"prev", page > 1 ? "/kotak-masuk?hal=" + std::to_string(page - 1) : ""}};
    return views.Page(req, 200, "notify/inbox", std::move(data), "inbox_title");
  };
}

http::Handler OpenMessage(const http::Views& views, InboxService& inbox) {
  return [&inbox, &views](Request& req) {
    if (req.actor().account_id == 0) return Response::Redirect("/masuk?kembali=/kotak-masuk");
    auto link = inbox.MarkRead(req.actor(), std::atoll(req.params["id"].c_str()), req.lang);
    if (!link.ok()) return views.ErrorPage(req, 404);
    // Links are paths the platform wrote; anything else (never expected) stays on the inbox.
    std::string local = http::SafeReturnPath(*link);
    return Response::Redirect(local.empty() ? "/kotak-masuk" : local);
  };
}

http::Handler MarkAllRead(InboxService& inbox) {
  return [&inbox](Request& req) {
    if (req.actor().account_id == 0) return Response::Redirect("/masuk?kembali=/kotak-masuk");
    (void)inbox.MarkAllRead(req.actor(), req.lang);
    return Response::Redirect("/kotak-masuk");
  };
}

}  // namespace

void RegisterPages(http::Router& router, const http::Views& views, InboxService& inbox) {
  router.Add("GET", "/kotak-masuk", Inbox(views, inbox));
  router.Add("POST", "/kotak-masuk/{id}/buka", OpenMessage(views, inbox));
  router.Add("POST", "/kotak-masuk/baca-semua", MarkAllRead(inbox));
}

}  // namespace spbe::notify
