#pragma once
/// Telling people what happened to their file: one message, from a template in the recipient's language
/// (locales/<lang>.json keys msg_<name>_subject, _body and _short), to every channel the recipient has: the in-app
/// inbox (accounts), e-mail, and SMS or WhatsApp when the account asked for it. Everything is written in the
/// caller's unit of work, so a message exists only if what caused it committed (the outbox pattern).

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "notify/store.hpp"
#include "platform/i18n.hpp"

namespace soci {
class session;
}

namespace spbe::notify {

/// Where one person's messages go. Filled by the identity capability.
struct Recipient {
  std::int64_t account_id = 0;  // 0: no account, so no inbox (e.g. an address only)
  std::string email;            // empty: no e-mail
  std::string language = "id";  // "id" or "en"
  std::string phone_channel;    // "sms", "whatsapp", or empty
  std::string phone_sealed;     // the phone number as sealed in the accounts table; opened only when sending
};

using Params = std::vector<std::pair<std::string, std::string>>;

struct Rendered {
  std::string subject, body, short_text;
};

/// The template `name` in `lang` with each {key} replaced by its value. A placeholder without a value is left as
/// written, so a missing parameter shows in review rather than vanishing.
Rendered Render(const i18n::Catalog& catalog, std::string_view lang, std::string_view name, const Params& params);

/// The channels of the outbox besides e-mail.
inline constexpr std::string_view kSms = "sms";
inline constexpr std::string_view kWhatsApp = "whatsapp";

class Notifier {
 public:
  /// `public_url`: the portal's address, before the links in e-mails and short messages.
  Notifier(const NotifyStore& store, const i18n::Catalog& catalog, std::string public_url)
      : store_(store), catalog_(catalog), public_url_(std::move(public_url)) {}

  /// Writes the message to the recipient's inbox and queues it for e-mail and the phone channel. `link` is a path
  /// on the portal ("/permohonan/2611-...") shown with the inbox entry and appended to e-mails.
  void Send(soci::session& s, const Recipient& to, std::string_view name, const Params& params, const std::string& link,
            const std::string& now) const;

  const i18n::Catalog& catalog() const { return catalog_; }

 private:
  const NotifyStore& store_;
  const i18n::Catalog& catalog_;
  std::string public_url_;
};

}  // namespace spbe::notify
