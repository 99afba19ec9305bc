#include "identity/api.hpp"

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "http/operation.hpp"
#include "http/problem.hpp"
#include "identity/api_contracts.hpp"

namespace spbe::identity {

using http::Request;
using http::Response;
namespace json = boost::json;

using api_detail::TotpSecret;

namespace {

// ---- Contracts ----

struct RegisterBody {
  std::optional<std::string> kind;
  std::optional<std::string> name;
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::optional<std::string> password;
  std::optional<std::string> nik;
  std::optional<std::string> nib;
  std::optional<std::string> npwp;
  static json::object Notes() {
    return {{"kind", {{"enum", {"warga", "pelaku_usaha"}}, {"default", "warga"}}},
            {"name", {{"description", "Full name (2 to 200 characters)"}, {"maxLength", 200}}},
            {"email", {{"format", "email"}, {"description", "Where the verification code is sent"}}},
            {"phone", {{"description", "A mobile number, e.g. 0812 3456 7890"}}},
            {"password", {{"minLength", 10}}},
            {"nik", {{"pattern", "^[0-9]{16}$"}, {"description", "Nomor Induk Kependudukan (16 digits)"}}},
            {"nib", {{"description", "Nomor Induk Berusaha (13 digits): businesses"}}},
            {"npwp", {{"description", "Tax number (16 digits, or 15 in the old format): businesses"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(RegisterBody, (), (kind, name, email, phone, password, nik, nib, npwp))

struct Pending {
  std::string status;
  static json::object Notes() { return {{"status", {{"enum", {"pending"}}}}}; }
};
BOOST_DESCRIBE_STRUCT(Pending, (), (status))

struct CodeBody {
  std::string email;
  std::string code;
  static json::object Notes() { return {{"email", {{"format", "email"}}}, {"code", {{"pattern", "^[0-9]{6}$"}}}}; }
};
BOOST_DESCRIBE_STRUCT(CodeBody, (), (email, code))

struct Active {
  std::string status;
  static json::object Notes() { return {{"status", {{"enum", {"active"}}}}}; }
};
BOOST_DESCRIBE_STRUCT(Active, (), (status))

struct LoginBody {
  std::string username;
  std::string password;
  std::optional<std::string> totp;
  std::optional<std::string> device;
  static json::object Notes() {
    return {{"username", {{"description", "E-mail address, NIK (16 digits) or NIP (18 digits)"}}},
            {"totp", {{"description", "The 6-digit code of the authenticator app, when the account has one"}}},
            {"device", {{"description", "The device token an earlier sign-in of this account returned"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(LoginBody, (), (username, password, totp, device))

struct SignedInAnswer {
  std::string token;
  std::string expires_at;
  std::optional<std::string> device;
  static json::object Notes() {
    return {{"token", {{"description", "Send it as Authorization: Bearer <token>"}}},
            {"expires_at", {{"format", "date-time"}}},
            {"device", {{"description", "New device token: keep it and send it with the next sign-ins"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(SignedInAnswer, (), (token, expires_at, device))

struct PasswordCodeBody {
  std::string email;
  std::string code;
  std::string password;
  static json::object Notes() {
    return {{"email", {{"format", "email"}}}, {"code", {{"pattern", "^[0-9]{6}$"}}}, {"password", {{"minLength", 10}}}};
  }
};
BOOST_DESCRIBE_STRUCT(PasswordCodeBody, (), (email, code, password))

struct Activated {
  std::string status;
  std::optional<TotpSecret> totp;
  static json::object Notes() {
    return {{"status", {{"enum", {"active"}}}},
            {"totp",
             {{"description",
               "Roles that need two-step sign-in: the secret, shown once, to load into an "
               "authenticator app before signing in"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(Activated, (), (status, totp))

struct EmailBody {
  std::string email;
  static json::object Notes() { return {{"email", {{"format", "email"}}}}; }
};
BOOST_DESCRIBE_STRUCT(EmailBody, (), (email))

struct ResetRequested {
  std::string status;
  static json::object Notes() { return {{"status", {{"enum", {"sent_if_registered"}}}}}; }
};
BOOST_DESCRIBE_STRUCT(ResetRequested, (), (status))

struct PasswordChanged {
  std::string status;
  static json::object Notes() { return {{"status", {{"enum", {"password_changed"}}}}}; }
};
BOOST_DESCRIBE_STRUCT(PasswordChanged, (), (status))

// ---- Handlers ----

http::Handler RegisterAccount(IdentityService& service) {
  return [&service](Request& req) {
    auto in = http::ReadBody<RegisterBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    std::string kind = in->kind.value_or("");
    Registration r{kind.empty() ? "warga" : kind, in->name.value_or(""), in->email.value_or(""), in->phone.value_or(""),
                   in->password.value_or(""),     in->nik.value_or(""),  in->nib.value_or(""),   in->npwp.value_or("")};
    auto res = service.Register(r, req.lang, req.actor());
    if (!res.ok()) return http::Problem(req, res.error());
    // No account id: a taken address gets the same answer as a free one (the mailbox is told).
    return http::Reply(201, Pending{res->status});
  };
}

http::Handler VerifyEmail(IdentityService& service) {
  return [&service](Request& req) {
    auto in = http::ReadBody<CodeBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    auto st = service.VerifyEmail(in->email, in->code, req.lang, req.actor());
    if (!st.ok()) return http::Problem(req, st.error());
    return http::Reply(200, Active{"active"});
  };
}

http::Handler SignIn(IdentityService& service) {
  return [&service](Request& req) {
    auto in = http::ReadBody<LoginBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    auto res = service.Login(in->username, in->password, req.lang, req.actor(), in->totp.value_or(""),
                             in->device.value_or(""));
    if (!res.ok()) return http::Problem(req, res.error());
    SignedInAnswer out{res->token, res->expires_at, std::nullopt};
    // An app keeps this and sends it as "device" next time: it is then never braked by strangers' guesses.
    if (!res->device.empty()) out.device = res->device;
    return http::Reply(200, out);
  };
}

http::Handler ActivateOfficer(IdentityService& service) {
  return [&service](Request& req) {
    auto in = http::ReadBody<PasswordCodeBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    auto st = service.Activate(in->email, in->code, in->password, req.lang, req.actor());
    if (!st.ok()) return http::Problem(req, st.error());
    Activated out{"active", std::nullopt};
    // Shown once: the officer loads it into an authenticator app before signing in.
    if (st->enabled) out.totp = TotpSecret{st->secret_base32, st->otpauth_uri};
    return http::Reply(200, out);
  };
}

http::Handler RequestPasswordReset(IdentityService& service) {
  return [&service](Request& req) {
    auto in = http::ReadBody<EmailBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    auto st = service.RequestPasswordReset(in->email, req.lang, req.actor());
    if (!st.ok()) return http::Problem(req, st.error());
    return http::Reply(202, ResetRequested{"sent_if_registered"});
  };
}

http::Handler ResetPassword(IdentityService& service) {
  return [&service](Request& req) {
    auto in = http::ReadBody<PasswordCodeBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    auto st = service.ResetPassword(in->email, in->code, in->password, req.lang, req.actor());
    if (!st.ok()) return http::Problem(req, st.error());
    return http::Reply(200, PasswordChanged{"password_changed"});
  };
}

// The public routes of accounts: registration, verification, sign-in, activation, password reset.
void RegisterAccountRoutes(http::Router& router, IdentityService& service) {
  router.Add("POST", "/api/v1/auth/register", RegisterAccount(service),
             http::Operation("registerAccount", "auth", "Register a citizen (warga) or business (pelaku_usaha) account")
                 .Describe("A verification code is sent by e-mail; the account signs in once POST "
                           "/api/v1/auth/verify-email took it. The answer is the same when the address, NIK or phone "
                           "is already registered (that mailbox is told instead), so nobody learns who has an "
                           "account. Field errors name the field (businesses also give nib and npwp). Registrations "
                           "from one address and codes asked for one e-mail are limited.")
                 .Public()
                 .Body<RegisterBody>(RegisterBody{"warga", "Siti Rahmawati", "siti.rahma@mail.example", "081234567890",
                                                  "kopi-sidikalang-enak-sekali", "1210015505900004", std::nullopt,
                                                  std::nullopt})
                 .Reply<Pending>(201, "A verification code was sent by e-mail", Pending{"pending"})
                 .Problems({{400, "Body is not JSON"},
                            {422, "Field errors name the field"},
                            {429, "Too many registrations; Retry-After says when to try again"}})
                 .Options());

  router.Add("POST", "/api/v1/auth/verify-email", VerifyEmail(service),
             http::Operation("verifyEmail", "auth", "Verify the e-mail address with the code sent to it")
                 .Describe("Only the latest code counts, for 30 minutes and five tries.")
                 .Public()
                 .Body<CodeBody>(CodeBody{"siti.rahma@mail.example", "482913"})
                 .Reply<Active>(200, "Verified; the account can sign in", Active{"active"})
                 .Problems({{400, "Body is not JSON"},
                            {422, "Wrong or expired code, or not an e-mail address"},
                            {429, "Too many codes tried from this address"}})
                 .Options());

  router.Add(
      "POST", "/api/v1/auth/login", SignIn(service),
      http::Operation("signIn", "auth", "Sign in with e-mail, NIK or NIP and password")
          .Describe("The token is sent as `Authorization: Bearer <token>`. A wrong username and a wrong password get "
                    "the same answer. Accounts with two-step sign-in also send `totp`. Failed attempts are braked per "
                    "account and address; a device token from an earlier sign-in keeps its owner clear of the brakes "
                    "strangers trip.")
          .Public()
          .Body<LoginBody>(
              LoginBody{"siti.rahma@mail.example", "kopi-sidikalang-enak-sekali", std::nullopt, std::nullopt})
          .Reply<SignedInAnswer>(200, "Signed in")
          .Problems({{400, "Body is not JSON"},
                     {401, "Wrong username or password, or the authenticator code is missing or wrong (field totp)"},
                     {403, "E-mail not verified yet, or account disabled"},
                     {422, "username or password missing"},
                     {429, "Too many attempts; Retry-After says when to try again"}})
          .Options());

  router.Add("POST", "/api/v1/auth/activate", ActivateOfficer(service),
             http::Operation("activateOfficer", "auth",
                             "An officer activates the account with the e-mailed code and chooses a password")
                 .Describe("Officers whose roles need two-step sign-in (kepala, admin_instansi, admin_platform) get "
                           "the authenticator secret in the answer, once.")
                 .Public()
                 .Body<PasswordCodeBody>(
                     PasswordCodeBody{"petugas.loket@dpmptsp.example.go.id", "730215", "kopi-sidikalang-enak-sekali"})
                 .Reply<Activated>(200, "Active")
                 .Problems({{400, "Body is not JSON"},
                            {422, "Wrong code or weak password"},
                            {429, "Too many codes tried from this address"}})
                 .Options());

  router.Add(
      "POST", "/api/v1/auth/password-reset", RequestPasswordReset(service),
      http::Operation("requestPasswordReset", "auth", "Ask for a password reset code by e-mail")
          .Describe("The answer is the same whether the address has an account or not. Codes asked for one address "
                    "and from one network address are limited.")
          .Public()
          .Body<EmailBody>(EmailBody{"siti.rahma@mail.example"})
          .Reply<ResetRequested>(202, "If the address has an account, a code is on its way",
                                 ResetRequested{"sent_if_registered"})
          .Problems({{400, "Body is not JSON"},
                     {422, "Not an e-mail address"},
                     {429, "Too many codes asked for; Retry-After says when to try again"}})
          .Options());

  router.Add(
      "POST", "/api/v1/auth/password-reset/confirm", ResetPassword(service),
      http::Operation("resetPassword", "auth", "Set a new password with the reset code")
          .Describe("Every session of the account ends.")
          .Public()
          .Body<PasswordCodeBody>(PasswordCodeBody{"siti.rahma@mail.example", "615204", "kata-sandi-baru-yang-panjang"})
          .Reply<PasswordChanged>(200, "Password changed", PasswordChanged{"password_changed"})
          .Problems({{400, "Body is not JSON"},
                     {422, "Wrong code or weak password"},
                     {429, "Too many codes tried from this address"}})
          .Options());
}

}  // namespace

http::Middleware Authentication(IdentityService& service) {
  return [&service](Request& req, const http::Next& next) {
    req.resolve_actor = [&service](const Request& r) {
      access::Actor actor;
      if (auto token = r.SessionToken()) {
        // An API key is another system's credential: taken from the Authorization header of an API call only,
        // never from a cookie and never on a page.
        bool key = token->rfind("spbe_", 0) == 0;
        if (!key || (r.api && r.Header("authorization"))) {
          actor = service.Authenticate(*token).value_or(access::Actor{});
        }
      }
      actor.address = r.remote_address;
      return actor;
    };
    return next(req);
  };
}

void RegisterApi(http::Router& router, IdentityService& service, std::string public_url) {
  router.DescribeTag("auth", "Accounts: registration, e-mail verification, sign-in, password reset, one's own data.");
  router.DescribeTag("officers",
                     "Civil servants (ASN), their roles on the government tree, and the API keys of other systems.");
  RegisterAccountRoutes(router, service);
  RegisterOwnAccountApi(router, service);
  RegisterOfficersApi(router, service, std::move(public_url));
}

}  // namespace spbe::identity
