// The finance officer's page, /keuangan: the banks that collect for the officer's node, the callbacks that were
// refused (forged, wrong amount, expired ...), and the daily reconciliation of a bank's statement. Admins register
// a bank's key there too. No JavaScript.
#include <boost/json.hpp>
#include <cstdlib>

#include "http/forms.hpp"
#include "http/multipart.hpp"
#include "payments/api.hpp"
#include "platform/i18n.hpp"
#include "platform/local_time.hpp"

namespace spbe::payments {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;

// The node the officer looks after: the first grant whose role may see finances.
std::optional<std::int64_t> FinanceNode(const access::Actor& actor) {
  for (const auto& g : actor.grants) {
    if (g.role == access::Role::kBendahara || g.role == access::Role::kAdminPlatform ||
        g.role == access::Role::kAdminInstansi || g.role == access::Role::kKepala || g.role == access::Role::kAuditor) {
      return g.node_id;
    }
  }
  return std::nullopt;
}

// A new billing code from the applicant's page (no JavaScript): back to the file, which shows the new code. Only
// the applicant's own file: anyone else learns nothing about it.
http::Handler ReissueBill(const http::Views& views, PaymentsService& payments) {
  return [&payments, &views](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk");
    std::string tn = req.params["tn"];
    auto bill = payments.Reissue(req.actor(), tn, req.lang);
    if (!bill.ok() && bill.error().code == ErrorCode::kNotFound) return views.ErrorPage(req, 404);
    return Response::Redirect("/permohonan/" + http::UrlEncode(tn) + (bill.ok() ? "#bill" : ""));
  };
}

auto FinancePage(const http::Views& views, PaymentsService& payments) {
  return [&views, &payments](const Request& req, int status, json::object extra) -> Response {
    auto node = FinanceNode(req.actor());
    if (!node) return views.ErrorPage(req, 403);
    const auto& t = views.catalog();
    auto banks = payments.Banks(req.actor(), *node, req.lang);
    auto refused = payments.Refused(req.actor(), *node, req.lang);
    if (!banks.ok() || !refused.ok()) return views.ErrorPage(req, 403);
    json::array bank_rows, refused_rows;
    for (const auto& b : *banks) {
      bank_rows.push_back({{"id", b.id},
                           {"code", b.code},
                           {"name", b.name},
                           {"channels", b.channels},
                           {"active", b.status == "active"}});
    }
    for (const auto& c : *refused) {
      refused_rows.push_back({{"at", LocalDateTimeText(c.received_at, views.zone(), req.lang)},
                              {"bank", c.bank_code},
                              {"code", c.billing_code},
                              {"amount", c.amount ? i18n::FormatRupiah(*c.amount) : "-"},
                              {"reference", c.bank_reference},
                              {"reason", t.Text(req.lang, "refused_" + c.reason)}});
    }
    bool admin = std::any_of(req.actor().grants.begin(), req.actor().grants.end(), [](const access::Grant& g) {
      return g.role == access::Role::kAdminInstansi || g.role == access::Role::kAdminPlatform;
    });
    json::object data{{"banks", bank_rows},
                      {"no_banks", bank_rows.empty()},
                      {"refused", refused_rows},
                      {"no_refused", refused_rows.empty()},
                      {"node_id", *node},
                      {"admin", admin},
                      {"today", FormatDate(LocalDate(std::chrono::system_clock::now(), views.zone()))}};
    for (auto& [k, v] : extra) data[k] = v;
    return views.Page(req, status, "payments/finance", std::move(data), "finance_title");
  };
}

http::Handler Finance(const http::Views& views, PaymentsService& payments) {
  auto page = FinancePage(views, payments);
  return [page](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=/keuangan");
    return page(req, 200, {});
  };
}

http::Handler Reconcile(const http::Views& views, PaymentsService& payments) {
  auto page = FinancePage(views, payments);
  return [page, &payments, &views](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=/keuangan");
    auto parts = http::ParseMultipart(req);
    if (!parts.ok())
      return page(req, 400, {{"reconcile_errors", json::array{parts.error().detail}}, {"has_reconcile_errors", true}});
    auto field = [&](const char* name) {
      const http::Part* p = http::FindPart(*parts, name);
      return p ? p->body : std::string();
    };
    auto r =
        payments.Reconcile(req.actor(), std::atoll(field("bank_id").c_str()), field("date"), field("file"), req.lang);
    if (!r.ok()) {
      json::array errors;
      for (const auto& f : r.error().fields) errors.emplace_back(f.field + ": " + f.message);
      if (errors.empty()) errors.emplace_back(r.error().detail);
      return page(req, r.error().code == ErrorCode::kValidation ? 422 : 404,
                  {{"reconcile_errors", errors}, {"has_reconcile_errors", true}});
    }
    const auto& t = views.catalog();
    json::array rows;
    for (const auto& m : r->mismatches) {
      rows.push_back({{"kind", t.Text(req.lang, "mismatch_" + m.kind)},
                      {"reference", m.reference},
                      {"code", m.billing_code},
                      {"statement", m.statement_amount ? i18n::FormatRupiah(m.statement_amount) : "-"},
                      {"recorded", m.recorded_amount ? i18n::FormatRupiah(m.recorded_amount) : "-"},
                      {"line", m.line ? std::to_string(m.line) : "-"}});
    }
    return page(req, 200,
                {{"reconciled", true},
                 {"lines", r->statement_lines},
                 {"recorded", r->recorded},
                 {"matched", r->matched},
                 {"mismatches", rows},
                 {"all_match", rows.empty()},
                 {"date", field("date")}});
  };
}

http::Handler AddBank(const http::Views& views, PaymentsService& payments) {
  auto page = FinancePage(views, payments);
  return [page, &payments](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=/keuangan");
    auto form = http::ParseForm(req.body);
    NewBank b{form["code"], form["name"], std::atoll(form["node_id"].c_str()), form["public_key"], form["channels"]};
    auto bank = payments.RegisterBank(req.actor(), b, req.lang);
    if (!bank.ok()) {
      json::array errors;
      for (const auto& f : bank.error().fields) errors.emplace_back(f.field + ": " + f.message);
      if (errors.empty()) errors.emplace_back(bank.error().detail);
      return page(req, bank.error().code == ErrorCode::kValidation ? 422 : 403,
                  {{"bank_errors", errors}, {"has_bank_errors", true}});
    }
    return Response::Redirect("/keuangan");
  };
}

}  // namespace

void RegisterPages(http::Router& router, const http::Views& views, PaymentsService& payments) {
  router.Add("POST", "/permohonan/{tn}/kode-bayar", ReissueBill(views, payments));
  router.Add("GET", "/keuangan", Finance(views, payments));
  router.Add("POST", "/keuangan/rekonsiliasi", Reconcile(views, payments));
  router.Add("POST", "/keuangan/bank", AddBank(views, payments));
}

}  // namespace spbe::payments
