#include "mailsink/text_sink.hpp"

#include <boost/json.hpp>
#include <chrono>

#include "platform/clock.hpp"

namespace spbe::mailsink {

using http::Request;
using http::Response;

void TextSink::Register(http::Router& router) {
  router.Add("POST", "/gateway/messages", [this](Request& req) {
    if (req.Header("authorization").value_or("") != "Bearer " + token_) {
      return Response::Json(401, R"({"error": "bad token"})");
    }
    if (refuse_next_ > 0) {
      --refuse_next_;
      return Response::Json(503, R"({"error": "try again later"})");
    }
    boost::system::error_code ec;
    auto v = boost::json::parse(req.body, ec);
    if (ec || !v.is_object()) return Response::Json(400, R"({"error": "not JSON"})");
    const auto& o = v.as_object();
    auto text_of = [&o](const char* k) {
      const auto* f = o.if_contains(k);
      return f && f->is_string() ? std::string(f->as_string()) : std::string();
    };
    ReceivedText t{0,
                   text_of("channel"),
                   text_of("to"),
                   text_of("text"),
                   text_of("reference"),
                   FormatUtc(std::chrono::system_clock::now())};
    if ((t.channel != "sms" && t.channel != "whatsapp") || t.to.size() < 8 || t.to[0] != '+' || t.text.empty()) {
      return Response::Json(422, R"({"error": "channel sms|whatsapp, to in E.164, and text are required"})");
    }
    std::lock_guard lock(mu_);
    if (!t.reference.empty()) {
      for (const auto& seen : texts_) {
        if (seen.reference == t.reference) {
          ++duplicates_;
          return Response::Json(200, boost::json::serialize(boost::json::object{{"id", seen.id}, {"duplicate", true}}));
        }
      }
    }
    t.id = next_id_++;
    texts_.push_front(t);
    if (texts_.size() > keep_) texts_.pop_back();
    return Response::Json(202, boost::json::serialize(boost::json::object{{"id", t.id}}));
  });
  router.Add("GET", "/texts.json", [this](Request& req) {
    boost::json::array out;
    for (const auto& t : Messages(req.Query("to").value_or(""))) {
      out.push_back({{"id", t.id},
                     {"channel", t.channel},
                     {"to", t.to},
                     {"text", t.text},
                     {"reference", t.reference},
                     {"received_at", t.received_at}});
    }
    return Response::Json(200, boost::json::serialize(out));
  });
}

std::vector<ReceivedText> TextSink::Messages(const std::string& to) const {
  std::lock_guard lock(mu_);
  std::vector<ReceivedText> out;
  for (const auto& t : texts_) {
    if (to.empty() || t.to == to) out.push_back(t);
  }
  return out;
}

}  // namespace spbe::mailsink
