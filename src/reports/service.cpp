// Construction, and what every use case shares: loading a report, who may open it (the access code and its brake),
// who the reporter is and how to reach them, the desks, offices and deadlines, and the choices the form offers.
#include "reports/service.hpp"

#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "platform/cidr.hpp"
#include "platform/crypto.hpp"
#include "platform/i18n.hpp"
#include "platform/identifiers.hpp"
#include "reports/service_detail.hpp"

namespace spbe::reports {
namespace detail {

namespace json = boost::json;

std::string CodeHash(std::string_view tn, std::string_view code) {
  return crypto::Sha256Hex("report:" + std::string(tn) + ":" + std::string(code));
}

Error NotFound(std::string_view lang) { return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "reports_not_found")); }

std::string Trimmed(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

audit::Entry ReportEvent(const std::string& action, const ReportRow& row, std::string before, std::string after) {
  audit::Entry e;
  e.action = "reports." + action;
  e.object_type = "report";
  e.object_id = row.tracking_number;
  e.node_path = row.node_path;
  e.before_digest = std::move(before);
  e.after_digest = std::move(after);
  return e;
}

bool Reachable(const notify::Recipient& r) { return r.account_id != 0 || !r.email.empty() || !r.phone_sealed.empty(); }

std::string StateDigest(const ReportRow& r) {
  return audit::Digest(r.status + "|" + r.node_path + "|" + r.track + "|" + r.due_at + "|" + std::to_string(r.rating) +
                       "|" + crypto::Sha256Hex(r.title + "\n" + r.body));
}

bool HoldsRole(const access::Actor& actor, access::Role role, const std::string& path) {
  return std::any_of(actor.grants.begin(), actor.grants.end(),
                     [&](const access::Grant& g) { return g.role == role && access::InSubtree(g.node_id, path); });
}

Reporter OpenReporter(const PiiVault& vault, const std::string& sealed) {
  Reporter r;
  if (sealed.empty()) return r;
  auto opened = vault.Open(sealed);
  if (!opened.ok()) return r;
  boost::system::error_code ec;
  auto v = json::parse(*opened, ec);
  if (ec || !v.is_object()) return r;
  auto text = [&](const char* k) {
    const auto* x = v.as_object().if_contains(k);
    return x && x->is_string() ? std::string(x->as_string()) : std::string();
  };
  return {text("name"), text("contact"), text("lang")};
}

}  // namespace detail

namespace {

// The stretches the office's clock stood still: each request to the reporter until the reply.
std::vector<Pause> PausesOf(const std::vector<EventRow>& events) {
  std::vector<Pause> out;
  for (const auto& e : events) {
    if (e.action == "ask_more") {
      if (auto t = ParseUtc(e.at)) out.push_back({*t, std::nullopt});
    } else if (e.action == "reply" && !out.empty() && !out.back().to) {
      out.back().to = ParseUtc(e.at);
    }
  }
  return out;
}

}  // namespace

using detail::CodeHash;
using detail::HoldsRole;
using detail::NotFound;
using detail::OpenReporter;
using detail::Reporter;

ReportsService::ReportsService(storage::Database& db, const ReportStore& store, org::OrgService& org,
                               catalog::CatalogService& catalog, applications::ApplicationsService& applications,
                               calendar::CalendarService& calendar, const PiiVault& vault, Clock clock,
                               const notify::Notifier& notifier, Recipients& recipients, Limiter& limiter,
                               const ::spbe::Limits& limits, Options options)
    : db_(db),
      store_(store),
      org_(org),
      catalog_(catalog),
      applications_(applications),
      calendar_(calendar),
      vault_(vault),
      clock_(std::move(clock)),
      notifier_(notifier),
      recipients_(recipients),
      limiter_(limiter),
      limits_(limits),
      options_(std::move(options)) {}

std::string ReportsService::NodeName(std::int64_t id) {
  if (id == 0) return {};
  auto n = org_.Get(id);
  return n.ok() ? n->name : std::string();
}

Result<org::Node> ReportsService::DeskFor(const std::string& region_code) {
  // The desk of the government whose region holds the report's; else the first one this deployment serves.
  auto roots = org_.Roots();
  if (!roots.ok()) return roots.error();
  if (roots->empty()) return Error::Of(ErrorCode::kUnavailable, "no government is set up yet");
  for (const auto& r : *roots) {
    const auto& code = r.region_code;
    if (!code.empty() && region_code.rfind(code, 0) == 0 &&
        (region_code.size() == code.size() || region_code[code.size()] == '.')) {
      return r;
    }
  }
  return org_.Home();
}

std::string ReportsService::DueFrom(const std::string& path, std::int64_t node_id, const std::string& from, int days,
                                    const std::vector<EventRow>& events) {
  auto start = ParseUtc(from);
  if (!start) return {};
  auto node = org_.Get(node_id);
  TimeZone zone = node.ok() ? ParseTimeZone(node->timezone) : TimeZone::kWib;
  // Only the pauses since the limit started count against it.
  std::vector<Pause> pauses;
  for (const auto& p : PausesOf(events)) {
    if (p.from >= *start) pauses.push_back(p);
  }
  auto due = DueAt(calendar_.For(path), zone, *start, days, pauses);
  return due ? FormatUtc(*due) : std::string();
}

bool ReportsService::CodeMatches(const ReportRow& row, std::string_view code) const {
  if (code.empty()) return false;
  std::string given = CodeHash(row.tracking_number, NormalizeAccessCode(code));
  return given.size() == row.access_code_hash.size() &&
         sodium_memcmp(given.data(), row.access_code_hash.data(), given.size()) == 0;
}

Result<bool> ReportsService::CodeOpens(const access::Actor& actor, const ReportRow& row, std::string_view code,
                                       std::string_view lang) {
  if (code.empty()) return false;
  // Guessing codes is braked per report and per caller's address; while braked even the right code waits.
  const std::string number_key = "r:" + row.tracking_number, address_key = "a:" + AddressKey(actor.address);
  auto attempt =
      limiter_.Begin({{limits_.access_code_number, number_key}, {limits_.access_code_address, address_key}}, lang);
  if (attempt.refused) return *attempt.refused;
  if (!CodeMatches(row, code)) return false;  // the attempt stays counted
  attempt.Succeeded();
  return true;
}

Result<bool> ReportsService::IsReporter(const access::Actor& actor, const ReportRow& row, std::string_view code,
                                        std::string_view lang) {
  if (row.reporter_account_id != 0 && actor.account_id == row.reporter_account_id) return true;
  return CodeOpens(actor, row, code, lang);
}

notify::Recipient ReportsService::ReporterOf(const ReportRow& row) const {
  if (row.identity == IdentityName(Identity::kAnonymous)) return {};
  if (row.reporter_account_id != 0) return recipients_.RecipientOf(row.reporter_account_id);
  Reporter who = OpenReporter(vault_, row.reporter_sealed);
  notify::Recipient to;
  to.language = who.lang == "en" ? "en" : "id";
  if (auto email = NormalizeEmail(who.contact)) {
    to.email = *email;
  } else if (auto phone = NormalizePhone(who.contact)) {
    to.phone_channel = std::string(notify::kSms);
    to.phone_sealed = vault_.Seal(*phone);
  }
  return to;
}

Result<ReportsService::Loaded> ReportsService::Load(std::string_view tracking_number, std::string_view lang) {
  auto tn = NormalizeTrackingNumber(tracking_number);
  if (!tn) return NotFound(lang);
  auto found = db_.Read([&](soci::session& s) -> std::optional<Loaded> {
    auto row = store_.ByTrackingNumber(s, *tn);
    if (!row) return std::nullopt;
    return Loaded{*row, store_.Events(s, row->id), store_.Files(s, row->id)};
  });
  if (!found.ok()) return found.error();
  if (!*found) return NotFound(lang);
  return std::move(**found);
}

std::vector<std::string> ReportsService::ActionsFor(const access::Actor& actor, const ReportRow& row,
                                                    bool reporter) const {
  std::vector<std::string> out;
  Status s = *ParseStatus(row.status);
  if (reporter) {
    if (s == Status::kWaitingReporter) out.push_back("reply");
    if (s == Status::kAnswered && !row.objected) out.push_back("object");
    if ((s == Status::kAnswered || s == Status::kClosed) && !row.answered_at.empty() && row.rating == 0 &&
        row.merged_into == 0) {
      out.push_back("rate");
    }
    return out;
  }
  if (s == Status::kSubmitted && access::Allowed(actor, access::Action::kReportVerify, row.node_path)) {
    return {"accept", "merge", "decline"};
  }
  bool handles = access::Allowed(actor, access::Action::kReportHandle, row.node_path);
  if (s == Status::kReopened) handles = HoldsRole(actor, access::Role::kKepala, row.node_path);
  if (handles && (s == Status::kDisposed || s == Status::kReopened)) return {"answer", "ask_more", "forward", "close"};
  return out;
}

std::vector<Category> ReportsService::Categories() {
  // The categories come with the schema and change only with it: read once.
  std::lock_guard lock(categories_mu_);
  if (categories_.empty()) {
    auto rows = db_.Read([&](soci::session& s) { return store_.Categories(s); });
    if (rows.ok()) categories_ = std::move(*rows);
  }
  return categories_;
}

std::vector<Office> ReportsService::Offices() {
  std::vector<Office> out;
  auto roots = org_.Roots();
  if (!roots.ok()) return out;
  for (const auto& root : *roots) {
    for (auto kind : {org::NodeKind::kPerangkatDaerah, org::NodeKind::kKecamatan, org::NodeKind::kKelurahanDesa}) {
      for (const auto& n : org_.OfKindUnder(root.path, kind)) out.push_back({n.id, n.name});
    }
  }
  return out;
}

std::vector<std::pair<std::int64_t, std::string>> ReportsService::Services(std::string_view lang) {
  std::vector<std::pair<std::int64_t, std::string>> out;
  auto found = catalog_.Search("", 0, "", 1, 200);
  if (!found.ok()) return out;
  for (const auto& v : found->items) out.emplace_back(v.service.id, v.definition.name.In(lang));
  return out;
}

}  // namespace spbe::reports
