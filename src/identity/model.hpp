#pragma once
/// What the identity service takes and returns: registrations, sign-ins, new officers, second-factor set-ups, issued
/// API keys and the signed-in person's profile. The account, grant and API key records they carry are the store's.

#include <cstdint>
#include <string>
#include <vector>

#include "identity/store.hpp"

namespace spbe::identity {

struct Registration {
  std::string kind = "warga";  // "warga" or "pelaku_usaha"
  std::string name;
  std::string email;
  std::string phone;
  std::string password;
  std::string nik;
  std::string nib;   // businesses
  std::string npwp;  // businesses
};

struct Registered {
  std::int64_t account_id = 0;
  std::string status;  // "pending": waiting for the e-mail code
};

struct SignedIn {
  std::string token;  // shown once; only its hash is stored
  std::string expires_at;
  std::int64_t account_id = 0;
  std::string
      device;        // a new device token for this browser (a cookie), when it was not known yet; only its hash is kept
  std::string home;  // where the account's work starts: the worklist, the complaint desk, the audit trail, ...
};

struct NewOfficer {
  std::string name;
  std::string email;
  std::string nip;
  std::string position;
  std::int64_t node_id = 0;
  std::string role;
};

struct TotpSetup {
  bool enabled = false;       // false: nothing to set up (no second factor for this account)
  std::string secret_base32;  // to type into an authenticator app
  std::string otpauth_uri;    // to show as a QR code
};

struct IssuedApiKey {
  ApiKeyRow row;
  std::string key;  // shown once: "spbe_<prefix>_<secret>"
};

struct Profile {
  Account account;
  std::string nik_masked;
  std::vector<GrantRow> grants;
};

/// What the signed-in person's own account says of them, opened for their own forms to start from.
struct OwnFacts {
  std::string name, email, phone, nik;
};

}  // namespace spbe::identity
