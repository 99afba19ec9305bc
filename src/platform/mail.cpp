#include "platform/mail.hpp"

#include <curl/curl.h>
#include <sodium.h>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <chrono>
#include <cstring>
#include <mutex>

#include "platform/crypto.hpp"

namespace spbe {
namespace {

std::string Base64(std::string_view s) {
  std::string out(sodium_base64_ENCODED_LEN(s.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(s.data()), s.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();
  return out;
}

// MIME wants base64 bodies in lines of at most 76 characters.
std::string Wrapped(const std::string& b64) {
  std::string out;
  for (std::size_t i = 0; i < b64.size(); i += 76) out += b64.substr(i, 76) + "\r\n";
  return out;
}

struct Upload {
  std::string data;
  std::size_t pos = 0;
};

std::size_t ReadPayload(char* buffer, std::size_t size, std::size_t nitems, void* userp) {
  auto* up = static_cast<Upload*>(userp);
  std::size_t n = std::min(size * nitems, up->data.size() - up->pos);
  std::memcpy(buffer, up->data.data() + up->pos, n);
  up->pos += n;
  return n;
}

class SmtpMailer final : public Mailer {
 public:
  SmtpMailer(std::string url, std::string from) : url_(std::move(url)), from_(std::move(from)) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  }

  Status Send(const Mail& mail) override {
    CURL* curl = curl_easy_init();
    if (!curl) return Error::Of(ErrorCode::kUnavailable, "curl_easy_init failed");
    Upload up{FormatMessage(mail, from_, crypto::RandomHex(12) + "@spbe"), 0};
    curl_slist* rcpt = curl_slist_append(nullptr, ("<" + mail.to + ">").c_str());
    curl_easy_setopt(curl, CURLOPT_URL, url_.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, ("<" + from_ + ">").c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadPayload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &up);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    if (rc != CURLE_OK) return Error::Of(ErrorCode::kUnavailable, std::string("smtp: ") + curl_easy_strerror(rc));
    return Ok{};
  }

 private:
  std::string url_, from_;
};

}  // namespace

std::string FormatMessage(const Mail& mail, const std::string& from, const std::string& message_id) {
  auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  // Subject and body are UTF-8 (Indonesian, English, names): encoded so every server carries them unchanged.
  return fmt::format(
      "Date: {:%a, %d %b %Y %H:%M:%S} +0000\r\nFrom: {}\r\nTo: {}\r\nMessage-ID: <{}>\r\n"
      "Subject: =?UTF-8?B?{}?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n{}",
      now, from, mail.to, message_id, Base64(mail.subject), Wrapped(Base64(mail.body)));
}

std::unique_ptr<Mailer> MakeSmtpMailer(std::string url, std::string from) {
  return std::make_unique<SmtpMailer>(std::move(url), std::move(from));
}

}  // namespace spbe
