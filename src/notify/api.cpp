#include "notify/api.hpp"

#include <boost/json.hpp>
#include <cstdlib>

#include "http/json.hpp"
#include "http/operation.hpp"
#include "http/problem.hpp"

namespace spbe::notify {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;
using http::Unauthorized;

int PageParam(const Request& req, const char* name) {
  return std::max(1, std::atoi(req.Query(name).value_or("1").c_str()));
}

struct Message {
  std::int64_t id = 0;
  std::string subject;
  std::string body;
  std::string link;
  std::string created_at;
  bool read = false;
  http::contract::Nullable<std::string> read_at;
  static json::object Notes() {
    return {{"link", {{"description", "the portal's path the message is about"}}},
            {"created_at", {{"format", "date-time"}}},
            {"read_at", {{"format", "date-time"}, {"description", "null while unread"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(Message, (), (id, subject, body, link, created_at, read, read_at))

struct Inbox {
  std::vector<Message> items;
  int unread = 0;
  bool more = false;
  static json::object Notes() {
    return {{"unread", {{"description", "how many of all the account's messages are unread"}}},
            {"more", {{"description", "another page follows"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(Inbox, (), (items, unread, more))

struct Marked {
  int marked = 0;
  static json::object Notes() { return {{"marked", {{"description", "how many were unread"}}}}; }
};
BOOST_DESCRIBE_STRUCT(Marked, (), (marked))

http::Handler ListInbox(InboxService& inbox) {
  return [&inbox](Request& req) {
    if (req.actor().account_id == 0) return Unauthorized(req);
    auto page = inbox.List(req.actor(), PageParam(req, "page"), req.lang);
    if (!page.ok()) return http::Problem(req, page.error());
    Inbox out{{}, page->unread, page->more};
    for (const auto& m : page->items) {
      out.items.push_back({m.id, m.subject, m.body, m.link, m.created_at, !m.read_at.empty(),
                           m.read_at.empty() ? http::contract::Nullable<std::string>() : m.read_at});
    }
    return http::Reply(200, out);
  };
}

http::Handler MarkMessageRead(InboxService& inbox) {
  return [&inbox](Request& req) {
    if (req.actor().account_id == 0) return Unauthorized(req);
    auto st = inbox.MarkRead(req.actor(), std::atoll(req.params["id"].c_str()), req.lang);
    if (!st.ok()) return http::Problem(req, st.error());
    Response r;
    r.status = 204;
    return r;
  };
}

http::Handler MarkInboxRead(InboxService& inbox) {
  return [&inbox](Request& req) {
    if (req.actor().account_id == 0) return Unauthorized(req);
    auto n = inbox.MarkAllRead(req.actor(), req.lang);
    if (!n.ok()) return http::Problem(req, n.error());
    return http::Reply(200, Marked{*n});
  };
}

}  // namespace

void RegisterApi(http::Router& router, InboxService& inbox) {
  router.DescribeTag("notify", "The inbox: notices to a signed-in person.");
  router.Add("GET", "/api/v1/inbox", ListInbox(inbox),
             http::Operation("listInbox", "notify", "The signed-in account's messages, newest first")
                 .Describe("Every message sent to the account on any channel is kept here too; 20 a page, with how "
                           "many are unread.")
                 .Query("page", {{"type", "integer"}, {"minimum", 1}}, "Page number, from 1")
                 .Reply<Inbox>(200, "Messages")
                 .Problems({{401, "Not signed in as a person (API keys have no inbox)"}})
                 .Options());

  router.Add("POST", "/api/v1/inbox/{id}/read", MarkMessageRead(inbox),
             http::Operation("markMessageRead", "notify", "Mark one message read")
                 .Describe("Marking a message already read again changes nothing.")
                 .Path("id", http::IntegerSchema(), "The message's id")
                 .ReplyEmpty(204, "Read")
                 .Problems({{401, "Not signed in as a person"}, {404, "Not a message of this account"}})
                 .Options());

  router.Add("POST", "/api/v1/inbox/read", MarkInboxRead(inbox),
             http::Operation("markInboxRead", "notify", "Mark every message of the account read")
                 .Reply<Marked>(200, "How many were unread")
                 .Problems({{401, "Not signed in as a person"}})
                 .Options());
}

}  // namespace spbe::notify
