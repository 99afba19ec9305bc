#include "platform/text_gateway.hpp"

#include <boost/json.hpp>

#include "platform/http_client.hpp"

namespace spbe {
namespace {

class HttpTextGateway final : public TextGateway {
 public:
  HttpTextGateway(std::string url, std::string token) : url_(std::move(url)), token_(std::move(token)) {}

  Status Send(const TextMessage& m) override {
    boost::json::object body{
        {"channel", m.channel}, {"to", ToE164(m.to)}, {"text", m.text}, {"reference", m.reference}};
    HttpCall call{.url = url_,
                  .headers = {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + token_}},
                  .body = boost::json::serialize(body)};
    auto reply = Fetch(call);
    if (!reply.ok()) return reply.error();
    if (reply->status < 200 || reply->status >= 300) {
      return Error::Of(ErrorCode::kUnavailable,
                       "gateway answered " + std::to_string(reply->status) + ": " + reply->body.substr(0, 200));
    }
    return Ok{};
  }

 private:
  std::string url_, token_;
};

}  // namespace

std::unique_ptr<TextGateway> MakeHttpTextGateway(std::string url, std::string token) {
  return std::make_unique<HttpTextGateway>(std::move(url), std::move(token));
}

std::string ToE164(std::string_view phone) {
  std::string digits;
  for (char c : phone) {
    if (c >= '0' && c <= '9') digits += c;
  }
  if (digits.rfind("62", 0) == 0) return "+" + digits;
  if (digits.rfind("08", 0) == 0) return "+62" + digits.substr(1);
  return digits;
}

}  // namespace spbe
