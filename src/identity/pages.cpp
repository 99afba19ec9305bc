#include "identity/pages.hpp"

#include <boost/json.hpp>

#include "http/forms.hpp"
#include "platform/clock.hpp"

namespace spbe::identity {

using http::Request;
using http::Response;

namespace {

// Where to go after signing in: a path on this site only ("/..." but never "//host" or "/\\host").
using http::SafeReturnPath;
using http::UrlEncode;

constexpr const char* kSessionCookie = "spbe_session";
// A browser that signed in before: the sign-in brakes a stranger could trip never lock its owner out.
constexpr const char* kDeviceCookie = "spbe_device";

struct FieldSpec {
  const char* name;
  const char* type;
  const char* label_key;
  const char* hint_key;  // may be null
  const char* autocomplete;
  const char* inputmode;
  bool optional;
};

constexpr FieldSpec kRegisterFields[] = {
    {"name", "text", "field_name", nullptr, "name", nullptr, false},
    {"email", "email", "field_email", "hint_email", "email", nullptr, false},
    {"phone", "tel", "field_phone", "hint_phone", "tel", "tel", true},
    {"nik", "text", "field_nik", "hint_nik", "off", "numeric", false},
    {"nib", "text", "field_nib", "hint_nib", "off", "numeric", true},
    {"npwp", "text", "field_npwp", "hint_npwp", "off", "numeric", true},
    {"password", "password", "field_password", "hint_password", "new-password", nullptr, false},
};

constexpr FieldSpec kVerifyFields[] = {
    {"email", "email", "field_email", nullptr, "email", nullptr, false},
    {"code", "text", "field_code", "hint_code", "one-time-code", "numeric", false},
};

constexpr FieldSpec kActivateFields[] = {
    {"email", "email", "field_email", nullptr, "email", nullptr, false},
    {"code", "text", "field_code", "hint_code", "one-time-code", "numeric", false},
    {"password", "password", "field_new_password", "hint_password", "new-password", nullptr, false},
};

constexpr FieldSpec kForgotFields[] = {
    {"email", "email", "field_email", nullptr, "email", nullptr, false},
};

// The form's fields with their labels, the values sent back (never a password) and each field's error.
template <std::size_t N>
boost::json::object FormData(const http::Views& views, const Request& req, const FieldSpec (&specs)[N],
                             const std::map<std::string, std::string>& values, const Error* error) {
  std::map<std::string, std::string> errors;
  boost::json::array error_list;
  if (error) {
    for (const auto& f : error->fields) {
      if (!errors.count(f.field)) errors[f.field] = f.message;
    }
  }
  // The summary names each field and follows the form's order; an error about no field of the form goes last.
  for (const auto& s : specs) {
    if (auto it = errors.find(s.name); it != errors.end()) {
      error_list.push_back(
          {{"field", s.name}, {"message", views.catalog().Text(req.lang, s.label_key) + ": " + it->second}});
    }
  }
  if (error) {
    for (const auto& f : error->fields) {
      bool known =
          std::any_of(std::begin(specs), std::end(specs), [&](const FieldSpec& s) { return f.field == s.name; });
      if (!known) error_list.push_back({{"field", f.field}, {"message", f.message}});
    }
  }
  boost::json::array fields;
  for (const auto& s : specs) {
    boost::json::object f{{"name", s.name},
                          {"type", s.type},
                          {"label", views.catalog().Text(req.lang, s.label_key)},
                          {"optional", s.optional}};
    if (s.hint_key) f["hint"] = views.catalog().Text(req.lang, s.hint_key);
    if (s.autocomplete) f["autocomplete"] = s.autocomplete;
    if (s.inputmode) f["inputmode"] = s.inputmode;
    if (std::string(s.type) != "password") {
      if (auto it = values.find(s.name); it != values.end()) f["value"] = it->second;
    }
    if (auto it = errors.find(s.name); it != errors.end()) f["error"] = it->second;
    fields.push_back(std::move(f));
  }
  return {{"fields", std::move(fields)}, {"has_errors", !error_list.empty()}, {"error_list", std::move(error_list)}};
}

http::Handler SignUpForm(const http::Views& views) {
  return [&views](Request& req) {
    auto data = FormData(views, req, kRegisterFields, {}, nullptr);
    data["back"] = SafeReturnPath(req.Query("kembali").value_or(""));
    data["back_encoded"] = UrlEncode(data["back"].as_string());
    return views.Page(req, 200, "identity/register", std::move(data), "register_title");
  };
}

http::Handler SignUp(const http::Views& views, IdentityService& service) {
  return [&views, &service](Request& req) {
    auto form = http::ParseForm(req.body);
    Registration r{http::FormField(form, "kind").empty() ? "warga" : http::FormField(form, "kind"),
                   http::FormField(form, "name"),
                   http::FormField(form, "email"),
                   http::FormField(form, "phone"),
                   http::FormField(form, "password"),
                   http::FormField(form, "nik"),
                   http::FormField(form, "nib"),
                   http::FormField(form, "npwp")};
    auto res = service.Register(r, req.lang, req.actor());
    if (!res.ok()) {
      if (res.error().code != ErrorCode::kValidation) return views.FailurePage(req, res.error());
      auto data = FormData(views, req, kRegisterFields, form, &res.error());
      data["values"] = boost::json::object{{"business", r.kind == "pelaku_usaha"}};
      data["back"] = SafeReturnPath(http::FormField(form, "kembali"));
      data["back_encoded"] = UrlEncode(data["back"].as_string());
      return views.Page(req, 422, "identity/register", std::move(data), "register_title");
    }
    std::string back = SafeReturnPath(http::FormField(form, "kembali"));
    return Response::Redirect("/verifikasi?email=" + UrlEncode(r.email) +
                              (back.empty() ? "" : "&kembali=" + UrlEncode(back)));
  };
}

// The e-mail code page: the way back to the form the visitor wanted rides along in `kembali`.
auto VerifyPage(const http::Views& views) {
  return [&views](const Request& req, int status, boost::json::object data, std::string back) {
    data["back"] = std::move(back);
    return views.Page(req, status, "identity/verify", std::move(data), "email_code_title");
  };
}

http::Handler EmailCodeForm(const http::Views& views) {
  auto verify_page = VerifyPage(views);
  return [&views, verify_page](Request& req) {
    std::map<std::string, std::string> values;
    if (auto email = req.Query("email")) values["email"] = *email;
    return verify_page(req, 200, FormData(views, req, kVerifyFields, values, nullptr),
                       SafeReturnPath(req.Query("kembali").value_or("")));
  };
}

http::Handler VerifyEmail(const http::Views& views, IdentityService& service) {
  auto verify_page = VerifyPage(views);
  return [&views, &service, verify_page](Request& req) {
    auto form = http::ParseForm(req.body);
    std::string back = SafeReturnPath(http::FormField(form, "kembali"));
    auto st = service.VerifyEmail(http::FormField(form, "email"), http::FormField(form, "code"), req.lang, req.actor());
    if (!st.ok()) {
      if (st.error().code != ErrorCode::kValidation) return views.FailurePage(req, st.error());
      return verify_page(req, 422, FormData(views, req, kVerifyFields, form, &st.error()), back);
    }
    return Response::Redirect("/masuk?terverifikasi=1&nama=" + UrlEncode(http::FormField(form, "email")) +
                              (back.empty() ? "" : "&kembali=" + UrlEncode(back)));
  };
}

// Registration and the e-mail code that verifies it.
void AddRegistrationPages(http::Router& router, const http::Views& views, IdentityService& service) {
  router.Add("GET", "/daftar", SignUpForm(views));
  router.Add("POST", "/daftar", SignUp(views, service));
  router.Add("GET", "/verifikasi", EmailCodeForm(views));
  router.Add("POST", "/verifikasi", VerifyEmail(views, service));
}

// The sign-in page says why it is asked for when a page sent the visitor here (`kembali`), and keeps that way
// back through registration too.
auto LoginPage(const http::Views& views) {
  return [&views](const Request& req, int status, boost::json::object data, const std::string& back) {
    if (!back.empty()) {
      data["back"] = back;
      data["back_encoded"] = UrlEncode(back);
      bool applying = back.starts_with("/layanan/") && back.find("/ajukan") != std::string::npos;
      data["why"] = views.catalog().Text(req.lang, applying ? "login_why_apply" : "login_why");
    }
    return views.Page(req, status, "identity/login", std::move(data), "login_title");
  };
}

http::Handler SignInForm(const http::Views& views) {
  auto login_page = LoginPage(views);
  return [login_page](Request& req) {
    boost::json::object data{{"verified", req.Query("terverifikasi").has_value()},
                             {"signed_out", req.Query("keluar").has_value()},
                             {"username", req.Query("nama").value_or("").substr(0, 254)}};
    return login_page(req, 200, std::move(data), SafeReturnPath(req.Query("kembali").value_or("")));
  };
}

http::Handler SignIn(const http::Views& views, IdentityService& service, bool secure_cookies) {
  auto login_page = LoginPage(views);
  return [&views, &service, login_page, secure_cookies](Request& req) {
    auto form = http::ParseForm(req.body);
    auto res = service.Login(http::FormField(form, "username"), http::FormField(form, "password"), req.lang,
                             req.actor(), http::FormField(form, "totp"), req.Cookie(kDeviceCookie).value_or(""));
    if (!res.ok()) {
      if (res.error().code == ErrorCode::kUnavailable) return views.ErrorPage(req, 503);
      bool braked = res.error().code == ErrorCode::kRateLimited;
      boost::json::object data{{"error", res.error().detail},
                               {"username", http::FormField(form, "username").substr(0, 254)}};
      Response page = login_page(req,
                                 braked                                         ? 429
                                 : res.error().code == ErrorCode::kUnauthorized ? 401
                                                                                : 403,
                                 std::move(data), SafeReturnPath(http::FormField(form, "kembali")));
      if (braked) page.Set("Retry-After", std::to_string(std::max(1, res.error().retry_after_s)));
      return page;
    }
    long max_age = 0;
    if (auto expires = ParseUtc(res->expires_at)) {
      max_age = static_cast<long>(
          std::chrono::duration_cast<std::chrono::seconds>(*expires - std::chrono::system_clock::now()).count());
    }
    std::string back = SafeReturnPath(http::FormField(form, "kembali"));
    Response r = Response::Redirect(!back.empty() ? back : res->home.empty() ? "/profil" : res->home);
    r.headers.emplace_back("Set-Cookie", http::SessionCookie(kSessionCookie, res->token, secure_cookies, max_age));
    if (!res->device.empty()) {
      r.headers.emplace_back("Set-Cookie",
                             http::SessionCookie(kDeviceCookie, res->device, secure_cookies, 400L * 24 * 3600));
    }
    return r;
  };
}

http::Handler SignOut(IdentityService& service, bool secure_cookies) {
  return [&service, secure_cookies](Request& req) {
    auto form = http::ParseForm(req.body);
    if (auto token = req.SessionToken(); token && !req.actor().anonymous()) {
      if (http::FormField(form, "everywhere") == "1") {
        (void)service.LogoutEverywhere(req.actor().account_id, req.actor());
      } else {
        (void)service.Logout(*token, req.actor());
      }
    }
    Response r = Response::Redirect("/masuk?keluar=1");
    r.headers.emplace_back("Set-Cookie", http::SessionCookie(kSessionCookie, "", secure_cookies, 0));
    return r;
  };
}

// Signing in and out.
void AddSignInPages(http::Router& router, const http::Views& views, IdentityService& service, bool secure_cookies) {
  router.Add("GET", "/masuk", SignInForm(views));
  router.Add("POST", "/masuk", SignIn(views, service, secure_cookies));
  router.Add("POST", "/keluar", SignOut(service, secure_cookies));
}

// A page with a code-and-password form (activation, password reset), in its first state or with errors.
auto CodeForm(const http::Views& views) {
  return [&views](const Request& req, int status, const char* action, const char* heading_key, const char* lead_key,
                  const char* submit_key, boost::json::object form) {
    form["action"] = action;
    form["heading"] = views.catalog().Text(req.lang, heading_key);
    if (!form.contains("lead")) form["lead"] = views.catalog().Text(req.lang, lead_key);
    form["submit"] = views.catalog().Text(req.lang, submit_key);
    return views.Page(req, status, "identity/code_password", std::move(form), heading_key);
  };
}

auto DonePage(const http::Views& views) {
  return [&views](const Request& req, const char* heading_key, const char* message_key, boost::json::object extra) {
    extra["heading"] = views.catalog().Text(req.lang, heading_key);
    extra["message"] = views.catalog().Text(req.lang, message_key);
    return views.Page(req, 200, "identity/done", std::move(extra), heading_key);
  };
}

http::Handler ActivationForm(const http::Views& views) {
  auto code_form = CodeForm(views);
  return [&views, code_form](Request& req) {
    std::map<std::string, std::string> values;
    if (auto e = req.Query("email")) values["email"] = *e;
    if (auto c = req.Query("kode")) values["code"] = *c;
    return code_form(req, 200, "/aktivasi", "activate_title", "activate_lead", "activate_submit",
                     FormData(views, req, kActivateFields, values, nullptr));
  };
}

http::Handler Activate(const http::Views& views, IdentityService& service) {
  auto code_form = CodeForm(views);
  auto done = DonePage(views);
  return [&views, &service, code_form, done](Request& req) {
    auto form = http::ParseForm(req.body);
    auto res = service.Activate(http::FormField(form, "email"), http::FormField(form, "code"),
                                http::FormField(form, "password"), req.lang, req.actor());
    if (!res.ok()) {
      if (res.error().code != ErrorCode::kValidation) return views.FailurePage(req, res.error());
      return code_form(req, 422, "/aktivasi", "activate_title", "activate_lead", "activate_submit",
                       FormData(views, req, kActivateFields, form, &res.error()));
    }
    boost::json::object extra;
    if (res->enabled) extra["totp"] = {{"secret", res->secret_base32}, {"uri", res->otpauth_uri}};
    return done(req, "activate_title", "activated", std::move(extra));
  };
}

http::Handler ForgotPasswordForm(const http::Views& views) {
  auto code_form = CodeForm(views);
  return [&views, code_form](Request& req) {
    return code_form(req, 200, "/lupa-sandi", "forgot_title", "forgot_lead", "forgot_submit",
                     FormData(views, req, kForgotFields, {}, nullptr));
  };
}

http::Handler RequestPasswordReset(const http::Views& views, IdentityService& service) {
  auto code_form = CodeForm(views);
  return [&views, &service, code_form](Request& req) {
    auto form = http::ParseForm(req.body);
    auto st = service.RequestPasswordReset(http::FormField(form, "email"), req.lang, req.actor());
    if (!st.ok()) {
      if (st.error().code != ErrorCode::kValidation) return views.FailurePage(req, st.error());
      return code_form(req, 422, "/lupa-sandi", "forgot_title", "forgot_lead", "forgot_submit",
                       FormData(views, req, kForgotFields, form, &st.error()));
    }
    return Response::Redirect("/atur-ulang-sandi?email=" + UrlEncode(http::FormField(form, "email")) + "&dikirim=1");
  };
}

http::Handler ResetPasswordForm(const http::Views& views) {
  auto code_form = CodeForm(views);
  return [&views, code_form](Request& req) {
    std::map<std::string, std::string> values;
    if (auto e = req.Query("email")) values["email"] = *e;
    auto form = FormData(views, req, kActivateFields, values, nullptr);
    if (req.Query("dikirim")) form["lead"] = views.catalog().Text(req.lang, "forgot_sent");
    auto res = code_form(req, 200, "/atur-ulang-sandi", "reset_title", "reset_lead", "reset_submit", std::move(form));
    return res;
  };
}

http::Handler ResetPassword(const http::Views& views, IdentityService& service) {
  auto code_form = CodeForm(views);
  auto done = DonePage(views);
  return [&views, &service, code_form, done](Request& req) {
    auto form = http::ParseForm(req.body);
    auto st = service.ResetPassword(http::FormField(form, "email"), http::FormField(form, "code"),
                                    http::FormField(form, "password"), req.lang, req.actor());
    if (!st.ok()) {
      if (st.error().code != ErrorCode::kValidation) return views.FailurePage(req, st.error());
      return code_form(req, 422, "/atur-ulang-sandi", "reset_title", "reset_lead", "reset_submit",
                       FormData(views, req, kActivateFields, form, &st.error()));
    }
    return done(req, "reset_title", "reset_done", {});
  };
}

// Choosing a password with a code: officer activation and password reset.
void AddCodePasswordPages(http::Router& router, const http::Views& views, IdentityService& service) {
  router.Add("GET", "/aktivasi", ActivationForm(views));
  router.Add("POST", "/aktivasi", Activate(views, service));
  router.Add("GET", "/lupa-sandi", ForgotPasswordForm(views));
  router.Add("POST", "/lupa-sandi", RequestPasswordReset(views, service));
  router.Add("GET", "/atur-ulang-sandi", ResetPasswordForm(views));
  router.Add("POST", "/atur-ulang-sandi", ResetPassword(views, service));
}

// The profile, with the notification settings; `extra` carries the outcome of saving them.
auto ProfilePage(const http::Views& views, IdentityService& service) {
  return [&views, &service](const Request& req, int status, boost::json::object extra) -> Response {
    auto me = service.Me(req.actor());
    if (!me.ok()) return Response::Redirect("/masuk");
    const auto& t = views.catalog();
    boost::json::array grants, channels, languages;
    for (const auto& g : me->grants)
      grants.push_back({{"role", t.Text(req.lang, "role_" + g.role)}, {"node_name", g.node_name}});
    bool has_phone = !me->account.phone_sealed.empty();
    for (const char* c : {"none", "sms", "whatsapp"}) {
      channels.push_back({{"value", c},
                          {"label", t.Text(req.lang, std::string("prefs_phone_") + c)},
                          {"checked", me->account.phone_channel == c},
                          {"disabled", !has_phone && std::string_view(c) != "none"}});
    }
    for (const auto& [code, label] : {std::pair{"id", "Bahasa Indonesia"}, std::pair{"en", "English"}}) {
      languages.push_back({{"value", code}, {"label", label}, {"selected", me->account.language == code}});
    }
    boost::json::object data{
        {"name", me->account.name},
        {"kind_label", t.Text(req.lang, "account_kind_" + std::string(access::AccountKindName(me->account.kind)))},
        {"email", me->account.email},
        {"nik", me->nik_masked},
        {"nip", me->account.nip},
        {"position", me->account.position},
        {"has_grants", !grants.empty()},
        {"grants", std::move(grants)},
        {"channels", std::move(channels)},
        {"languages", std::move(languages)},
        {"no_phone", !has_phone}};
    for (auto& [k, v] : extra) data[k] = v;
    return views.Page(req, status, "identity/profile", std::move(data), "profile_title");
  };
}

http::Handler Profile(const http::Views& views, IdentityService& service) {
  auto profile = ProfilePage(views, service);
  return [profile, &views](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk");
    boost::json::object extra;
    if (req.Query("ok")) extra["notice"] = views.catalog().Text(req.lang, "prefs_saved");
    return profile(req, 200, std::move(extra));
  };
}

http::Handler SaveNotificationSettings(const http::Views& views, IdentityService& service) {
  auto profile = ProfilePage(views, service);
  return [profile, &service](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk");
    auto form = http::ParseForm(req.body);
    auto st = service.SetPreferences(req.actor(), form["language"], form["phone_channel"], req.lang);
    if (st.ok()) return Response::Redirect("/profil?ok=1");
    if (st.error().code != ErrorCode::kValidation) return profile(req, 503, {});
    std::string message;
    for (const auto& f : st.error().fields) message += (message.empty() ? "" : "; ") + f.message;
    return profile(req, 422, {{"prefs_error", message}});
  };
}

// The profile and its notification settings.
void AddProfilePages(http::Router& router, const http::Views& views, IdentityService& service) {
  router.Add("GET", "/profil", Profile(views, service));
  router.Add("POST", "/profil/pemberitahuan", SaveNotificationSettings(views, service));
}

}  // namespace

void RegisterPages(http::Router& router, const http::Views& views, IdentityService& service, bool secure_cookies) {
  AddRegistrationPages(router, views, service);
  AddSignInPages(router, views, service, secure_cookies);
  AddCodePasswordPages(router, views, service);
  AddProfilePages(router, views, service);
}

}  // namespace spbe::identity
