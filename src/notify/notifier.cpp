#include "notify/notifier.hpp"

#include "platform/local_time.hpp"

namespace spbe::notify {
namespace {

std::string Fill(std::string_view text, const Params& params) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '{') {
      std::size_t close = text.find('}', i);
      if (close != std::string_view::npos) {
        std::string_view key = text.substr(i + 1, close - i - 1);
        bool found = false;
        for (const auto& [k, v] : params) {
          if (k == key) {
            out += v;
            found = true;
            break;
          }
        }
        if (found) {
          i = close + 1;
          continue;
        }
      }
    }
    out += text[i++];
  }
  return out;
}

}  // namespace

Rendered Render(const i18n::Catalog& catalog, std::string_view lang, std::string_view name, const Params& params) {
  std::string key = "msg_" + std::string(name);
  // A date given as YYYY-MM-DD (a local date: a deadline, a day) is written in words in the recipient's language.
  Params words = params;
  for (auto& [k, v] : words) {
    if (k.size() > 5 && k.ends_with("_date") && v.size() == 10) {
      if (auto d = ParseDate(v)) v = DateText(*d, lang);
    }
  }
  return {Fill(catalog.Text(lang, key + "_subject"), words), Fill(catalog.Text(lang, key + "_body"), words),
          Fill(catalog.Text(lang, key + "_short"), words)};
}

void Notifier::Send(soci::session& s, const Recipient& to, std::string_view name, const Params& params,
                    const std::string& link, const std::string& now) const {
  Rendered m = Render(catalog_, to.language, name, params);
  if (to.account_id != 0) {
    store_.AddToInbox(s, to.account_id, m.subject, m.body, link, now);
  }
  std::string url = link.empty() ? "" : public_url_ + link;
  if (!to.email.empty()) {
    std::string body = m.body;
    if (!url.empty()) body += "\n\n" + catalog_.Text(to.language, "msg_open_portal") + " " + url + "\n";
    store_.Enqueue(s, "email", to.email, m.subject, body, now);
  }
  if ((to.phone_channel == kSms || to.phone_channel == kWhatsApp) && !to.phone_sealed.empty()) {
    // The number stays sealed in the outbox; the sender opens it only to hand it to the gateway.
    std::string text = m.short_text.empty() ? m.subject : m.short_text;
    if (!url.empty()) text += " " + url;
    store_.Enqueue(s, to.phone_channel, to.phone_sealed, m.subject, text, now);
  }
}

}  // namespace spbe::notify
