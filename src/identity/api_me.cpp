// The signed-in person's own account through the identity API: sign-out, profile, personal data, second factor,
// preferences.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "http/operation.hpp"
#include "http/problem.hpp"
#include "identity/api.hpp"
#include "identity/api_contracts.hpp"

namespace spbe::identity {

using http::Request;
using http::Response;
namespace json = boost::json;

using api_detail::NoContent;
using api_detail::TotpSecret;

namespace {

// ---- Contracts ----

struct LogoutBody {
  std::optional<bool> everywhere;
  static json::object Notes() {
    return {{"everywhere", {{"description", "true: end every session of the account, not only this one"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(LogoutBody, (), (everywhere))

// The preferences as /me shows them and as PUT /me/preferences takes them.
struct Preferences {
  std::string language;
  std::string phone_channel;
  static json::object Notes() {
    return {
        {"language", {{"enum", {"id", "en"}}, {"description", "The language of the account's messages"}}},
        {"phone_channel",
         {{"enum", {"none", "sms", "whatsapp"}}, {"description", "Messages to the phone as well (needs a number)"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(Preferences, (), (language, phone_channel))

struct MeGrant {
  std::int64_t node_id = 0;
  std::string node_name;
  std::string role;
};
BOOST_DESCRIBE_STRUCT(MeGrant, (), (node_id, node_name, role))

struct MeAnswer {
  std::int64_t id = 0;
  std::string kind;
  std::string name;
  std::string email;
  bool email_verified = false;
  std::string nik;
  bool has_phone = false;
  Preferences preferences;
  std::vector<MeGrant> grants;
  std::optional<std::string> nip;
  std::optional<std::string> position;
  static json::object Notes() {
    return {{"kind", {{"enum", {"warga", "pelaku_usaha", "asn"}}}},
            {"nik", {{"description", "Masked (1210********0003); empty when none"}}},
            {"nip", {{"description", "Officers"}}},
            {"position", {{"description", "Officers"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(MeAnswer, (),
                      (id, kind, name, email, email_verified, nik, has_phone, preferences, grants, nip, position))

struct SystemKey {
  std::int64_t id = 0;
  std::int64_t node_id = 0;
  std::vector<std::string> scopes;
};
BOOST_DESCRIBE_STRUCT(SystemKey, (), (id, node_id, scopes))

// Another system calling with an API key: the key is its identity.
struct SystemMe {
  std::string kind;
  SystemKey api_key;
  static json::object Notes() { return {{"kind", {{"enum", {"system"}}}}}; }
};
BOOST_DESCRIBE_STRUCT(SystemMe, (), (kind, api_key))

// The personal data export (IdentityService::ExportMyData), read back into its contract.
struct ExportAccount {
  std::int64_t id = 0;
  std::string kind;
  std::string name;
  std::string email;
  bool email_verified = false;
  std::string status;
  std::string created_at;
  std::optional<std::string> nik;
  std::optional<std::string> phone;
  std::optional<std::string> nip;
  std::optional<std::string> position;
  std::optional<std::string> nib;
  std::optional<std::string> npwp;
  static json::object Notes() { return {{"nik", {{"description", "In clear: it is the person's own"}}}}; }
};
BOOST_DESCRIBE_STRUCT(ExportAccount, (),
                      (id, kind, name, email, email_verified, status, created_at, nik, phone, nip, position, nib, npwp))

struct ExportRole {
  std::string role;
  std::string node;
};
BOOST_DESCRIBE_STRUCT(ExportRole, (), (role, node))

struct ExportSession {
  std::string created_at;
  std::string last_seen_at;
  std::string expires_at;
};
BOOST_DESCRIBE_STRUCT(ExportSession, (), (created_at, last_seen_at, expires_at))

struct ExportMessage {
  std::string channel;
  std::string subject;
  std::string created_at;
  http::contract::Nullable<std::string> sent_at;
  static json::object Notes() {
    return {{"channel", {{"description", "inbox, email, sms, whatsapp"}}},
            {"sent_at", {{"description", "Sent (or, in the inbox, read); null while not yet"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(ExportMessage, (), (channel, subject, created_at, sent_at))

struct ExportEvent {
  std::string at;
  std::string action;
  std::string by;
  std::string from;
  static json::object Notes() {
    return {{"by", {{"description", "The kind of actor"}}}, {"from", {{"description", "The network address"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(ExportEvent, (), (at, action, by, from))

struct ExportAnswer {
  std::string exported_at;
  std::string legal_basis;
  ExportAccount account;
  std::vector<ExportRole> roles;
  std::vector<ExportSession> sessions;
  std::vector<ExportMessage> messages;
  std::vector<ExportEvent> history;
  static json::object Notes() { return {{"exported_at", {{"format", "date-time"}}}}; }
};
BOOST_DESCRIBE_STRUCT(ExportAnswer, (), (exported_at, legal_basis, account, roles, sessions, messages, history))

struct TotpCodeBody {
  std::string code;
  static json::object Notes() { return {{"code", {{"description", "The 6 digits the authenticator app shows"}}}}; }
};
BOOST_DESCRIBE_STRUCT(TotpCodeBody, (), (code))

struct TotpOn {
  std::string totp;
  static json::object Notes() { return {{"totp", {{"enum", {"on"}}}}}; }
};
BOOST_DESCRIBE_STRUCT(TotpOn, (), (totp))

// ---- Handlers ----

http::Handler SignOut(IdentityService& service) {
  return [&service](Request& req) {
    if (req.actor().anonymous()) return http::Unauthorized(req);
    bool everywhere = false;
    if (!req.body.empty()) {
      auto in = http::ReadBody<LogoutBody>(req);
      if (!in.ok()) return http::Problem(req, in.error());
      everywhere = in->everywhere.value_or(false);
    }
    Status st = everywhere ? service.LogoutEverywhere(req.actor().account_id, req.actor())
                           : service.Logout(*req.SessionToken(), req.actor());
    if (!st.ok()) return http::Problem(req, st.error());
    return NoContent();
  };
}

http::Handler ExportMyData(IdentityService& service) {
  return [&service](Request& req) {
    if (req.actor().anonymous()) return http::Unauthorized(req);
    auto data = service.ExportMyData(req.actor());
    if (!data.ok()) return http::Problem(req, data.error());
    boost::system::error_code ec;
    auto parsed = json::parse(*data, ec);
    auto doc = ec ? Result<ExportAnswer>(Error::Of(ErrorCode::kInternal, "unreadable export"))
                  : http::contract::Read<ExportAnswer>(parsed, req.lang);
    if (!doc.ok()) return http::Problem(req, Error::Of(ErrorCode::kInternal, "the export does not fit its contract"));
    Response r = http::Reply(200, *doc);
    r.Set("Content-Disposition", "attachment; filename=\"data-saya-spbe.json\"");
    return r;
  };
}

http::Handler DeleteMyAccount(IdentityService& service) {
  return [&service](Request& req) {
    if (req.actor().anonymous()) return http::Unauthorized(req);
    auto st = service.DeleteMyAccount(req.actor(), req.lang);
    if (!st.ok()) return http::Problem(req, st.error());
    return NoContent();
  };
}

http::Handler StartTotp(IdentityService& service) {
  return [&service](Request& req) {
    if (req.actor().anonymous()) return http::Unauthorized(req);
    auto setup = service.StartTotp(req.actor(), req.lang);
    if (!setup.ok()) return http::Problem(req, setup.error());
    return http::Reply(201, TotpSecret{setup->secret_base32, setup->otpauth_uri});
  };
}

http::Handler ConfirmTotp(IdentityService& service) {
  return [&service](Request& req) {
    if (req.actor().anonymous()) return http::Unauthorized(req);
    auto in = http::ReadBody<TotpCodeBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    auto st = service.ConfirmTotp(req.actor(), in->code, req.lang);
    if (!st.ok()) return http::Problem(req, st.error());
    return http::Reply(200, TotpOn{"on"});
  };
}

http::Handler GetMe(IdentityService& service) {
  return [&service](Request& req) {
    const access::Actor& actor = req.actor();
    if (actor.anonymous()) return http::Unauthorized(req);
    if (actor.api_key_id != 0) {  // another system: its key is its identity
      return http::Reply(200, SystemMe{"system", SystemKey{actor.api_key_id, actor.api_key_node, actor.scopes}});
    }
    auto me = service.Me(actor);
    if (!me.ok()) return http::Problem(req, me.error());
    const Account& a = me->account;
    MeAnswer out{a.id,
                 std::string(access::AccountKindName(a.kind)),
                 a.name,
                 a.email,
                 a.email_verified,
                 me->nik_masked,
                 !a.phone_sealed.empty(),
                 Preferences{a.language, a.phone_channel},
                 {},
                 std::nullopt,
                 std::nullopt};
    for (const auto& g : me->grants) out.grants.push_back({g.node_id, g.node_name, g.role});
    if (!a.nip.empty()) out.nip = a.nip;
    if (!a.position.empty()) out.position = a.position;
    return http::Reply(200, out);
  };
}

http::Handler SetPreferences(IdentityService& service) {
  return [&service](Request& req) {
    if (req.actor().account_id == 0) return http::Unauthorized(req);
    auto in = http::ReadBody<Preferences>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    auto st = service.SetPreferences(req.actor(), in->language, in->phone_channel, req.lang);
    if (!st.ok()) return http::Problem(req, st.error());
    return NoContent();
  };
}

}  // namespace

// The signed-in person's own account.
void RegisterOwnAccountApi(http::Router& router, IdentityService& service) {
  router.Add(
      "POST", "/api/v1/auth/logout", SignOut(service),
      http::Operation("signOut", "auth", "End this session, or every session of the account")
          .Describe("The body may be left out: then only this session ends.")
          .Body<LogoutBody>(LogoutBody{true})
          .BodyOptional()
          .ReplyEmpty(204, "Signed out")
          .Problems({{400, "Body is not JSON"}, {401, "Not signed in"}, {422, "everywhere is not true or false"}})
          .Options());

  router.Add(
      "GET", "/api/v1/me", GetMe(service),
      http::Operation("getMe", "auth", "The signed-in account and its role grants")
          .Describe("Called with an API key, the answer is the key instead (kind `system`).")
          .ReplyContent(
              200, "The account, or the calling system's key", "application/json",
              {{"oneOf", json::array{http::contract::Schema<MeAnswer>(true), http::contract::Schema<SystemMe>(true)}}})
          .Problems({{401, "Not signed in"}})
          .Options());

  router.Add("GET", "/api/v1/me/export", ExportMyData(service),
             http::Operation("exportMyData", "auth",
                             "Download everything the system holds about the signed-in person (UU 27/2022)")
                 .Describe("The account with NIK and phone in clear, roles, sessions, messages sent and the audit "
                           "entries about it, as a JSON file (Content-Disposition: attachment).")
                 .Reply<ExportAnswer>(200, "The data, as a JSON file")
                 .Problems({{401, "Not signed in"}})
                 .Options());

  router.Add("DELETE", "/api/v1/me", DeleteMyAccount(service),
             http::Operation("deleteMyAccount", "auth",
                             "Delete the signed-in citizen's account, when it was never used for a file (UU 27/2022)")
                 .ReplyEmpty(204, "Deleted; the audit trail keeps a record that it was")
                 .Problems({{401, "Not signed in"},
                            {403, "Officer accounts are retired by their admin"},
                            {409, "The account has files and is kept"}})
                 .Options());

  router.Add("POST", "/api/v1/me/totp", StartTotp(service),
             http::Operation("startTotp", "auth", "Start setting up two-step sign-in (TOTP) for the signed-in account")
                 .Describe("It is on once POST /api/v1/me/totp/confirm gets a right code. Not for API keys.")
                 .Reply<TotpSecret>(201, "Secret and otpauth URI for an authenticator app")
                 .Problems({{401, "Not signed in (an API key is not a person)"}, {409, "Already on"}})
                 .Options());

  router.Add("POST", "/api/v1/me/totp/confirm", ConfirmTotp(service),
             http::Operation("confirmTotp", "auth", "Turn two-step sign-in on with a first code from the app")
                 .Body<TotpCodeBody>(TotpCodeBody{"204816"})
                 .Reply<TotpOn>(200, "On", TotpOn{"on"})
                 .Problems({{400, "Body is not JSON"},
                            {401, "Not signed in (an API key is not a person)"},
                            {409, "Set-up not started"},
                            {422, "Wrong code"}})
                 .Options());

  router.Add("PUT", "/api/v1/me/preferences", SetPreferences(service),
             http::Operation("setMyPreferences", "auth",
                             "How the signed-in account is told of its files: language, and SMS or WhatsApp as well")
                 .Body<Preferences>(Preferences{"id", "whatsapp"})
                 .ReplyEmpty(204, "Saved")
                 .Problems({{400, "Body is not JSON"},
                            {401, "Not signed in (an API key is not a person)"},
                            {404, "The account is gone"},
                            {422, "Field errors (a phone channel without a phone number)"}})
                 .Options());
}

}  // namespace spbe::identity
