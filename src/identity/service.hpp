#pragma once
/// Accounts and sign-in: citizen and business registration with e-mail verification, sign-in by e-mail, NIK or NIP,
/// sessions, and the actor behind a token.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "access/access.hpp"
#include "identity/model.hpp"
#include "identity/store.hpp"
#include "notify/notifier.hpp"
#include "org/service.hpp"
#include "platform/clock.hpp"
#include "platform/limits.hpp"
#include "platform/password.hpp"
#include "platform/pii.hpp"
#include "storage/cache.hpp"
#include "storage/database.hpp"

namespace spbe::identity {

/// Scopes an API key may carry (what another system may do); checked by the routes that serve systems.
const std::vector<std::string>& KnownScopes();

/// Whether these roles must sign in with a second factor.
bool RolesRequireTotp(const std::vector<GrantRow>& grants);

struct IdentityOptions {
  password::Params password = password::kDefault;
  std::chrono::seconds citizen_idle{7 * 24 * 3600}, citizen_absolute{30 * 24 * 3600};
  std::chrono::seconds officer_idle{2 * 3600}, officer_absolute{12 * 3600};
  std::chrono::seconds code_lifetime{30 * 60};
  int code_attempts = 5;
  // A sign-up whose e-mail was never verified holds its e-mail, NIK and phone this long, then is removed.
  std::chrono::hours unverified_hold{24};
};

class IdentityService {
 public:
  /// `limiter` with `limits` brakes sign-in failures, codes asked for and tried, and registrations.
  IdentityService(storage::Database& db, const IdentityStore& store, const PiiVault& vault, org::OrgService& org,
                  Limiter& limiter, const Limits& limits, Clock clock, IdentityOptions options = {})
      : db_(db),
        store_(store),
        vault_(vault),
        org_(org),
        limiter_(limiter),
        limits_(limits),
        clock_(std::move(clock)),
        options_(options),
        signed_in_(db.changes(), "accounts", kSignedInKept),
        api_keys_(db.changes(), "api_keys", kSignedInKept),
        profiles_(db.changes(), "accounts", kSignedInKept) {}

  /// Creates a pending citizen or business account and puts a verification code in the outbox. Field errors
  /// name the field (name, email, phone, password, nik, nib, npwp, kind) in `lang`. When the e-mail, NIK or phone
  /// already belongs to an account the answer is the same (account_id 0): the address typed is told by mail instead,
  /// so nobody learns from the answer who is registered. A sign-up nobody verified within
  /// `IdentityOptions::unverified_hold` gives way.
  Result<Registered> Register(const Registration& r, std::string_view lang, const access::Actor& by = {});

  /// Removes the sign-ups nobody verified within `IdentityOptions::unverified_hold` (run every minute by the server),
  /// so an address or a NIK typed by someone else is never held for long. Returns how many.
  Result<int> PurgeUnverified();

  /// Activates the account when the code is the latest one sent, unexpired and not tried too often.
  Status VerifyEmail(std::string_view email, std::string_view code, std::string_view lang,
                     const access::Actor& by = {});

  /// Signs in by e-mail, NIK or NIP and password. A wrong username and a wrong password get the same answer.
  /// `totp`: the authenticator code, needed when the account has a second factor (field error "totp" otherwise).
  /// `device`: the token of a browser that signed in to this account before (its cookie); such a browser is held only
  /// to the per-address lock, never to the account-wide or address-wide brakes a stranger could trip.
  Result<SignedIn> Login(std::string_view username, std::string_view password, std::string_view lang,
                         const access::Actor& by = {}, std::string_view totp = {}, std::string_view device = {});

  /// The actor behind a session token or an API key ("spbe_..."), or nullopt when unknown, idle too long, expired
  /// or revoked.
  std::optional<access::Actor> Authenticate(std::string_view token);

  /// When the person behind a live session signed in (UTC text), for single sign-on's auth_time and max_age.
  std::optional<std::string> SessionStartedAt(std::string_view token);

  /// Another capability ends what it holds from a portal session when the person signs out: `session_hash` is the
  /// session's token hash, or nullptr for every session of the account (signed out everywhere, password changed,
  /// account disabled). Runs inside the signing-out unit of work. Set up once by the composition root.
  using SignOutHook = std::function<void(soci::session&, std::int64_t account_id, const std::string* session_hash)>;
  void AddSignOutHook(SignOutHook hook) { sign_out_hooks_.push_back(std::move(hook)); }

  Status Logout(std::string_view token, const access::Actor& by = {});
  /// Ends every session of the account ("sign out everywhere").
  Status LogoutEverywhere(std::int64_t account_id, const access::Actor& by = {});

  Result<Profile> Me(const access::Actor& actor);
  /// The actor's own name, e-mail, phone and NIK in the clear, to prefill a form they are filling in; never another
  /// account's (an API key or an anonymous actor gets nothing).
  Result<OwnFacts> Own(const access::Actor& actor);

  /// The language of the account's messages ("id", "en") and whether it also wants them on its phone ("none",
  /// "sms", "whatsapp"). A phone channel needs a phone number on the account; errors name the field.
  Status SetPreferences(const access::Actor& actor, std::string_view language, std::string_view phone_channel,
                        std::string_view lang);
  /// Where an account's messages go (inbox, e-mail, phone), for the notifier; an empty recipient when unknown.
  notify::Recipient RecipientOf(std::int64_t account_id);
  /// An officer's name and position, as printed under a signature.
  /// An officer's name, position and NIP, as printed under a signature; empty when unknown.
  struct Signatory {
    std::string name, position, nip;
  };
  Signatory SignatoryOf(std::int64_t account_id);

  /// An admin creates an officer: the account waits for activation, the admin never sees or sets its password;
  /// an activation code goes to the officer's e-mail (link to /aktivasi). Field errors name the field.
  Result<std::int64_t> CreateOfficer(const access::Actor& admin, const NewOfficer& o, std::string_view lang,
                                     const std::string& public_url);

  /// Gives an existing officer another role on a node. The admin must be allowed to grant that role there and to
  /// manage the officer (one of their current roles is in the admin's reach). Roles that need a second factor are
  /// refused until the officer has turned it on (field "role").
  Result<std::int64_t> GrantRole(const access::Actor& admin, std::int64_t account_id, std::int64_t node_id,
                                 std::string_view role, std::string_view lang);
  /// The actor an account acts as (its grants), for the demo seed and the command line; nullopt when unknown.
  std::optional<access::Actor> ActorByEmail(std::string_view email);
  /// The active officers holding `role` on the nearest node, from `node_path` up, where any do, as recipients.
  std::vector<notify::Recipient> NearestWithRole(access::Role role, const std::string& node_path);
  /// How many active officers hold `role` on the node at `node_path` or above it.
  int ActiveOfficersWith(access::Role role, const std::string& node_path);
  /// Takes a role away. Nobody revokes their own roles (another admin does), so an agency is never left without one.
  Status RevokeGrant(const access::Actor& admin, std::int64_t grant_id, std::string_view lang);
  /// Disables (ending every session at once) or re-enables an officer. The admin must reach every role the officer
  /// holds: someone who also works for another agency is disabled by the platform admin.
  Status SetOfficerEnabled(const access::Actor& admin, std::int64_t account_id, bool enabled, std::string_view lang);

  /// The officer chooses a password with the activation code; the account becomes active.
  /// Roles that can change what others may do or sign for others (kepala, admin_instansi, admin_platform) get a
  /// second factor at activation: the result carries the secret to load into an authenticator app.
  Result<TotpSetup> Activate(std::string_view email, std::string_view code, std::string_view new_password,
                             std::string_view lang, const access::Actor& by = {});

  /// Starts setting up a second factor for the signed-in account (optional for citizens and other officers);
  /// it is on once ConfirmTotp gets a right code.
  Result<TotpSetup> StartTotp(const access::Actor& actor, std::string_view lang);
  Status ConfirmTotp(const access::Actor& actor, std::string_view code, std::string_view lang);

  /// Everything the system holds about the signed-in person (UU 27/2022 right of access), as JSON text: the
  /// account with NIK and phone in clear (it is their own), roles, sessions, messages sent, and audit entries.
  Result<std::string> ExportMyData(const access::Actor& actor);

  /// Another capability tells whether an account is in use (has files): such an account is not deleted. Runs
  /// inside the deleting unit of work. Set up once by the composition root.
  void AddAccountInUseCheck(std::function<bool(soci::session&, std::int64_t account_id)> check) {
    in_use_checks_.push_back(std::move(check));
  }

  /// Deletes the signed-in citizen's account when it was never used for a file (UU 27/2022 right to erasure).
  /// Officers' accounts are retired by their admin instead.
  Status DeleteMyAccount(const access::Actor& actor, std::string_view lang);

  /// Issues an API key bound to a node the actor administers; the key is returned once and stored hashed.
  Result<IssuedApiKey> IssueApiKey(const access::Actor& actor, std::int64_t node_id, std::string_view name,
                                   const std::vector<std::string>& scopes, std::string_view lang);
  Result<std::vector<ApiKeyRow>> ListApiKeys(const access::Actor& actor, std::int64_t node_id);
  /// Officers with a role in the subtree of a node the actor manages officers of.
  Result<std::vector<IdentityStore::OfficerRow>> OfficersUnder(const access::Actor& actor, std::int64_t node_id);
  Status RevokeApiKey(const access::Actor& actor, std::int64_t key_id, std::string_view lang);

  /// Sends a reset code when the address belongs to an account; answers the same either way.
  Status RequestPasswordReset(std::string_view email, std::string_view lang, const access::Actor& by = {});
  /// Sets a new password with the reset code and ends every session of the account.
  Status ResetPassword(std::string_view email, std::string_view code, std::string_view new_password,
                       std::string_view lang, const access::Actor& by = {});

  /// For the demo seed and the CLI: an account created active, with its password hashed as given.
  Result<std::int64_t> CreateActive(Account a, std::string_view password, std::string_view nik, std::string_view phone);
  Status Grant(std::int64_t account_id, std::int64_t node_id, access::Role role);
  /// How many demo accounts (published password) the database holds.
  Result<int> CountDemoAccounts();

 private:
  std::string Now() const { return FormatUtc(clock_()); }
  std::string CodeHash(std::int64_t account_id, std::string_view code) const;
  /// Checks `code` against the account's latest unused code for `purpose` and, inside the same unit, runs
  /// `apply(account)`. A wrong code counts an attempt; an unknown address looks like a wrong code.
  Status WithCode(std::string_view email, const char* purpose, std::string_view code, std::string_view lang,
                  const access::Actor& by, const std::function<Status(soci::session&, const Account&)>& apply);

  storage::Database& db_;
  const IdentityStore& store_;
  const PiiVault& vault_;
  org::OrgService& org_;
  Limiter& limiter_;
  const Limits& limits_;
  Clock clock_;
  IdentityOptions options_;
  std::vector<std::function<bool(soci::session&, std::int64_t)>> in_use_checks_;
  std::vector<SignOutHook> sign_out_hooks_;
  /// What Authenticate reads for a session (its row, the account, its grants), by the token's hash, and API keys by
  /// prefix: kept until a committed unit of work notes the account (or key) as changed. The identity store notes
  /// every write to sessions, accounts and grants under the account's id.
  struct SessionHolder {
    SessionRow session;
    Account account;
    std::vector<GrantRow> grants;
  };
  static constexpr std::size_t kSignedInKept = 50000;
  storage::CommittedCache<SessionHolder> signed_in_;
  storage::CommittedCache<ApiKeyRow> api_keys_;
  storage::CommittedCache<Profile> profiles_;  // what Me answers, by account id
  /// Ends one session (`session_hash`) or all of the account's (nullptr), with what other capabilities hold from them.
  void EndSessions(soci::session& s, std::int64_t account_id, const std::string* session_hash) const;
};

}  // namespace spbe::identity
