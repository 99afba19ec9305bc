#pragma once
// The authorization matrix: every route the server answers (API operations and pages, GET and form POST) called as
// every kind of actor, against the real server with the demo deployment. The actors: an anonymous visitor, a citizen
// and a business; every officer role of access.hpp inside the object's subtree and outside it; API keys with every
// scope, with none, and of another agency. Each row says what each actor must get; a row whose actors all get the
// same answer cannot tell allowed from refused and fails, unless the route is open by design (then the anonymous
// visitor must succeed). Every unsafe row is also posted empty and with garbage by every actor: nothing may answer 5xx.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "testing/browser_session.hpp"
#include "testing/demo_server.hpp"
#include "testing/http_client.hpp"

namespace spbe::matrix {

using Headers = std::vector<std::pair<std::string, std::string>>;
using testing::HttpResponse;

/// Who is calling. Groups: "anonymous", "citizen" (warga, usaha), "in" and "out" (officers whose grant does or does
/// not reach DPMPTSP, where most rows' objects live), "key".
struct Actor {
  std::string label;     // "anonymous", "warga", "usaha", "kepala:in", "key:all" ...
  std::string group;     // see above
  std::string role;      // an officer's role name, "" otherwise
  std::string username;  // "" for the anonymous visitor and keys
  Headers api;           // Authorization for API calls (a session token, a key), with Accept-Language
  std::unique_ptr<testing::BrowserSession> browser;  // pages: a signed-in browser (keys and anonymous: none signed in)
};

/// What the rows share: the server, the demo's nodes, a counter for unique names, and sessions of demo accounts the
/// rows' set-up needs (kept, not signed in again for every call).
struct Ctx {
  testing::DemoServer* demo = nullptr;
  int port = 0;
  std::int64_t kab = 0, dpmptsp = 0, dinkes = 0;
  int serial = 0;
  std::map<std::string, Headers> sessions;
  /// A bearer session of a demo account (signed in once).
  const Headers& As(const std::string& username);
  /// The six digits of the newest message the outbox holds for `email`.
  std::string CodeSentTo(const std::string& email);
};

/// Expected status per actor: looked up by label ("kepala:in"), then role ("kepala"), then group ("in", "out",
/// "citizen", "key", "anonymous"), then "officer" (in or out), "signed" (citizen or officer), then "*".
using Expect = std::map<std::string, int>;
int ExpectedFor(const Expect& e, const Actor& a, bool page = false);

struct Row {
  std::string method, path;  // the route as registered: "/api/v1/applications/{tracking_number}"
  std::function<HttpResponse(Ctx&, Actor&)> call;
  Expect expect;
  bool open = false;          // the same answer for everyone by design; the anonymous visitor must succeed
  bool ends_session = false;  // signs the actor out: a new session afterwards
  bool last = false;          // run after every other row (deletes the account)
  std::string target;         // for the empty and garbage posts: the concrete target ("" derives one from path)
  bool bank = false;          // only a bank's signature is allowed: every actor is refused, and a call signed with
                              // the demo bank's key must get past the signature check
  bool page = false;          // a page (set for PageRows): keys are nobody there, and get the anonymous answer
  bool bus = false;           // only a system's bus key is allowed: every actor is refused, and a call with the demo's
                              // bus key must get past the key check
};

std::vector<Row> ApiRows();
std::vector<Row> PageRows();
/// The SPBE evaluation's rows (evaluation_rows.cpp), part of the two above.
std::vector<Row> EvaluationApiRows();
std::vector<Row> EvaluationPageRows();

// ---- helpers the rows share ----
HttpResponse Api(Ctx& c, Actor& a, const std::string& method, const std::string& target, const std::string& body = "",
                 const std::string& content_type = "application/json");
HttpResponse Page(Ctx& c, Actor& a, const std::string& target);
HttpResponse Form(Ctx& c, Actor& a, const std::string& target,
                  const std::vector<std::pair<std::string, std::string>>& fields);

struct Filing {
  std::string tn, code;
  std::int64_t file_id = 0;
};
/// A Persetujuan Bangunan Gedung draft (DPMPTSP) of `user`.
Filing NewPbgDraft(Ctx& c, const std::string& user);
/// ... with its files attached and submitted by warga2: at DPMPTSP's verification step.
Filing NewPbgFiled(Ctx& c);
/// A report (identity shown unless confidential), filed by `user` ("": anonymous), with a PDF; with `accept`, verified
/// by the desk and sent to DPMPTSP; with `answer`, answered there.
Filing NewReport(Ctx& c, const std::string& user, bool confidential, bool accept, bool answer = false);
/// A new DPMPTSP officer (pending activation): its account id and the id of its one grant.
std::pair<std::int64_t, std::int64_t> NewDpmptspOfficer(Ctx& c);
std::string OfficerBody(Ctx& c, const std::string& role);
std::string ServiceDefinition(Ctx& c);
std::string NewServiceBody(Ctx& c);
std::int64_t NewDpmptspService(Ctx& c);
std::string NewBank(Ctx& c);
/// A file of the one-step service "izin-matrix" (DPMPTSP, decided by its head) filed by `user`: at the head's step.
Filing NewOneStepFiled(Ctx& c, const std::string& user = "warga1@demo.id");
/// ... approved: its signed document's id in `code`.
Filing NewApproved(Ctx& c);
HttpResponse Upload(Ctx& c, const std::string& tn, const std::string& field, const Headers& h);

}  // namespace spbe::matrix
