// spbe-mail-sink: the demo's and the tests' mail relay and SMS/WhatsApp gateway. It accepts SMTP on loopback, and
// the gateway protocol at POST /gateway/messages, and shows what arrived on a small web page (and as JSON), so a demo
// user can read the verification code the portal sent.
//
//   spbe-mail-sink --smtp-port 1025 --http-port 8025 --gateway-token demo-gateway-token

#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <cstdio>
#include <string>

#include "http/router.hpp"
#include "http/server.hpp"
#include "mailsink/smtp_sink.hpp"
#include "mailsink/text_sink.hpp"
#include "platform/templates.hpp"

namespace {

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string Page(const std::vector<spbe::mailsink::ReceivedMail>& mail,
                 const std::vector<spbe::mailsink::ReceivedText>& texts, const std::string& to) {
  std::string html =
      "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>Kotak surat demo</title>"
      "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:1rem auto;padding:0 1rem;color:#1a1a1a}"
      "article{border:1px solid #c8c8c8;border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0}"
      "pre{white-space:pre-wrap;font:inherit}small{color:#555}</style></head><body><main>"
      "<h1>Kotak surat demo <small>(demo mailbox)</small></h1>"
      "<p>Surat yang dikirim portal SPBE demo. Halaman ini hanya ada di mesin demo.</p>"
      "<form method=\"get\"><label for=\"to\">Penerima</label> <input id=\"to\" name=\"to\" type=\"email\" value=\"" +
      spbe::EscapeMarkup(to) + "\"> <button>Saring</button></form>";
  if (!texts.empty()) {
    html += "<h2>SMS &amp; WhatsApp</h2>";
    for (const auto& t : texts) {
      html += "<article><p><small>" + spbe::EscapeMarkup(t.channel) + " kepada " + spbe::EscapeMarkup(t.to) +
              " &middot; " + spbe::EscapeMarkup(t.received_at) + "</small></p><pre>" + spbe::EscapeMarkup(t.text) +
              "</pre></article>";
    }
    html += "<h2>E-mail</h2>";
  }
  if (mail.empty()) html += "<p>Belum ada surat.</p>";
  for (const auto& m : mail) {
    html += "<article><h2>" + spbe::EscapeMarkup(m.subject) + "</h2><p><small>Kepada " +
            spbe::EscapeMarkup(Join(m.to)) + " &middot; " + spbe::EscapeMarkup(m.received_at) + "</small></p><pre>" +
            spbe::EscapeMarkup(m.body) + "</pre></article>";
  }
  return html + "</main></body></html>";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"spbe-mail-sink: an SMTP server on loopback that keeps what it receives and shows it on a web page"};
  int smtp_port = 1025, http_port = 8025;
  std::string gateway_token = "demo-gateway-token";
  cli.add_option("--smtp-port", smtp_port, "SMTP port on 127.0.0.1 (0: any free port)")->capture_default_str();
  cli.add_option("--http-port", http_port, "web page port on 127.0.0.1 (0: any free port)")->capture_default_str();
  cli.add_option("--gateway-token", gateway_token, "bearer token the SMS/WhatsApp gateway accepts")
      ->capture_default_str();
  CLI11_PARSE(cli, argc, argv);

  try {
    spbe::mailsink::SmtpSink sink(smtp_port);
    spbe::mailsink::TextSink texts(gateway_token);
    spbe::http::Router router;
    router.Add("GET", "/", [&sink, &texts](spbe::http::Request& req) {
      std::string to = req.Query("to").value_or("");
      return spbe::http::Response::Html(
          200,
          Page(sink.Messages(to), to.empty() ? texts.Messages() : std::vector<spbe::mailsink::ReceivedText>{}, to));
    });
    texts.Register(router);
    router.Add("GET", "/messages.json", [&sink](spbe::http::Request& req) {
      boost::json::array out;
      for (const auto& m : sink.Messages(req.Query("to").value_or(""))) {
        boost::json::array to(m.to.begin(), m.to.end());
        out.push_back({{"id", m.id},
                       {"from", m.from},
                       {"to", to},
                       {"subject", m.subject},
                       {"body", m.body},
                       {"received_at", m.received_at}});
      }
      return spbe::http::Response::Json(200, boost::json::serialize(out));
    });
    spbe::http::ServerOptions options;
    options.port = http_port;
    options.workers = 2;
    spbe::http::Server server(options, router);
    auto port = server.Start();
    if (!port.ok()) {
      std::fprintf(stderr, "spbe-mail-sink: %s\n", port.error().detail.c_str());
      return 1;
    }
    std::printf(
        "spbe-mail-sink: SMTP on smtp://127.0.0.1:%d, mailbox on http://127.0.0.1:%d/, SMS/WhatsApp gateway on "
        "http://127.0.0.1:%d/gateway/messages\n",
        sink.port(), *port, *port);
    std::fflush(stdout);
    server.StopOnSignals();
    server.Wait();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "spbe-mail-sink: %s\n", e.what());
    return 1;
  }
  return 0;
}
