// spbe-bank-sim: plays a bank for the demo and the tests. A teller page takes a billing code, asks the platform
// what it is for (a signed inquiry), and on "pay" reports the payment with a callback signed by the bank's Ed25519
// key, exactly as a real bank's system would over the network.
//
//   spbe-bank-sim --port 8090 --platform http://127.0.0.1:8080 --key-file demo-data/data/keys/bank-sim.key

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <string>

#include "http/forms.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "platform/clock.hpp"
#include "platform/crypto.hpp"
#include "platform/http_client.hpp"
#include "platform/i18n.hpp"
#include "platform/templates.hpp"

namespace {

namespace json = boost::json;
using spbe::http::Request;
using spbe::http::Response;

struct Bank {
  std::string code, name, platform;
  spbe::crypto::SigningKey key;
  std::atomic<int> serial{0};
};

// A signed request to the platform: the body's exact bytes, their signature, and which bank.
spbe::Result<spbe::HttpReply> Signed(const Bank& bank, const std::string& path, const std::string& body) {
  spbe::HttpCall call{.url = bank.platform + path,
                      .headers = {{"Content-Type", "application/json"},
                                  {"Accept-Language", "id"},
                                  {"X-Bank-Code", bank.code},
                                  {"X-Signature", spbe::crypto::Base64Encode(bank.key.Sign(body))}},
                      .body = body};
  return spbe::Fetch(call);
}

// The platform's problem+json "detail" (and field messages), or the transport error.
std::string Why(const spbe::Result<spbe::HttpReply>& reply) {
  if (!reply.ok()) return "Portal tidak dapat dihubungi: " + reply.error().detail;
  boost::system::error_code ec;
  auto v = json::parse(reply->body, ec);
  std::string out = fmt::format("Ditolak portal (HTTP {})", reply->status);
  if (!ec && v.is_object()) {
    if (const auto* d = v.as_object().if_contains("detail"); d && d->is_string())
      out += ": " + std::string(d->as_string());
    if (const auto* e = v.as_object().if_contains("errors"); e && e->is_array()) {
      for (const auto& f : e->as_array()) {
        if (f.is_object() && f.as_object().contains("message")) {
          out += "; " + std::string(f.as_object().at("message").as_string());
        }
      }
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"spbe-bank-sim: a bank's teller and payment callback on loopback, for the demo and the tests"};
  int port = 8090;
  std::string platform = "http://127.0.0.1:8080", key_file = "bank-sim.key", code = "BANKSIM",
              name = "Bank Simulator (demo)";
  cli.add_option("--port", port, "teller page port on 127.0.0.1 (0: any free port)")->capture_default_str();
  cli.add_option("--platform", platform, "the portal's address")->capture_default_str();
  cli.add_option("--key-file", key_file, "the bank's Ed25519 key (created when missing)")->capture_default_str();
  cli.add_option("--code", code, "the bank's code at the portal (X-Bank-Code)")->capture_default_str();
  cli.add_option("--name", name, "the bank's name on the teller page")->capture_default_str();
  CLI11_PARSE(cli, argc, argv);

  spbe::crypto::InitCrypto();
  auto key = spbe::crypto::LoadOrCreateKeyFile(key_file);
  if (!key) {
    std::fprintf(stderr, "spbe-bank-sim: cannot read or create the key file %s\n", key_file.c_str());
    return 1;
  }
  Bank bank{code, name, platform, std::move(*key)};
  spbe::Templates templates = spbe::Templates::FromResources();
  auto page = [&](json::object data) {
    data["bank"] = bank.name;
    return Response::Html(200, templates.Render("banksim/teller", data));
  };

  spbe::http::Router router;
  router.Add("GET", "/", [&](Request&) { return page({}); });
  router.Add("GET", "/public-key", [&](Request&) {
    Response r = Response::Html(200, spbe::crypto::Base64Encode(bank.key.PublicKey()) + "\n");
    r.Set("Content-Type", "text/plain; charset=utf-8");
    return r;
  });
  router.Add("POST", "/tanya", [&](Request& req) {
    auto form = spbe::http::ParseForm(req.body);
    std::string typed = form["billing_code"];
    auto reply = Signed(bank, "/api/v1/payments/inquiry", json::serialize(json::object{{"billing_code", typed}}));
    if (!reply.ok() || reply->status != 200) return page({{"error", Why(reply)}, {"typed", typed}});
    auto bill = json::parse(reply->body).as_object();
    std::int64_t amount = bill["amount"].as_int64();
    return page({{"bill",
                  {{"code", bill["billing_code"]},
                   {"agency", bill["agency"]},
                   {"tracking_number", bill["tracking_number"]},
                   {"amount", amount},
                   {"amount_text", spbe::i18n::FormatRupiah(amount)},
                   {"expires_at", bill["expires_at"]}}},
                 {"typed", typed}});
  });
  router.Add("POST", "/bayar", [&](Request& req) {
    auto form = spbe::http::ParseForm(req.body);
    std::int64_t amount = std::atoll(form["amount"].c_str());
    auto now = std::chrono::system_clock::now();
    std::string day = spbe::FormatUtc(now).substr(0, 10);
    day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
    std::string reference = fmt::format("{}-{}-{:06}{}", bank.code, day, ++bank.serial, spbe::crypto::RandomHex(2));
    std::string body = json::serialize(json::object{{"billing_code", form["billing_code"]},
                                                    {"amount", amount},
                                                    {"bank_reference", reference},
                                                    {"paid_at", spbe::FormatUtc(now)},
                                                    {"channel", "teller"}});
    auto reply = Signed(bank, "/api/v1/payments/callback", body);
    if (!reply.ok() || reply->status != 200) return page({{"error", Why(reply)}});
    auto answer = json::parse(reply->body).as_object();
    return page({{"receipt",
                  {{"code", form["billing_code"]},
                   {"amount", spbe::i18n::FormatRupiah(amount)},
                   {"reference", reference},
                   {"tracking_number", answer["tracking_number"]}}}});
  });

  spbe::http::ServerOptions options;
  options.bind = "127.0.0.1";
  options.port = port;
  options.workers = 2;
  options.io_threads = 1;
  spbe::http::Server server(options, router);
  auto bound = server.Start();
  if (!bound.ok()) {
    std::fprintf(stderr, "spbe-bank-sim: %s\n", bound.error().detail.c_str());
    return 1;
  }
  std::printf("spbe-bank-sim: teller on http://127.0.0.1:%d/ for %s, bank %s, public key %s\n", *bound,
              platform.c_str(), code.c_str(), spbe::crypto::Base64Encode(bank.key.PublicKey()).c_str());
  std::fflush(stdout);
  server.StopOnSignals();
  server.Wait();
  return 0;
}
