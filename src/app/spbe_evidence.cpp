#include "app/spbe_evidence.hpp"

#include <fmt/format.h>

namespace spbe::app {
namespace {

namespace json = boost::json;
using evaluation::LiveFigures;
using evaluation::LiveSource;

// The catalogue and the inventory are kept as they are now: their figures hold for the day they are taken.
std::string Today(const org::Node& node) {
  return FormatDate(LocalDate(std::chrono::system_clock::now(), ParseTimeZone(node.timezone)));
}

std::string Percent(long long part, long long whole) {
  if (whole <= 0) return "-";
  return fmt::format("{:.1f}", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

}  // namespace

Result<LiveFigures> PlatformEvidence::Figures(LiveSource source, const org::Node& node, const std::string& date) {
  auto to = ParseDate(date);
  if (!to) return Error::Validation({{"date", "not a date"}});
  // The twelve months up to the date, as the dashboard reads a period.
  auto period = transparency::ParsePeriod(std::nullopt, std::nullopt, *to, "id");
  if (!period.ok()) return period.error();
  switch (source) {
    case LiveSource::kComplaints:
    case LiveSource::kServiceManagement:
      return Dashboard(source, node, *period);
    case LiveSource::kPublicServices:
      return PublicServices(node, *period);
    case LiveSource::kBus:
      return Bus(node, *period);
    case LiveSource::kArchitecture:
    case LiveSource::kOpenData:
      return Inventory(source, node);
  }
  return Error::Of(ErrorCode::kInternal, "unknown evidence source");
}

Result<LiveFigures> PlatformEvidence::Dashboard(LiveSource source, const org::Node& node,
                                                const transparency::Period& period) {
  auto f = dashboard_.Of(period, "id");
  if (!f.ok()) return f.error();
  transparency::ApplicationFigures apps;
  transparency::ReportFigures reports;
  for (const auto& o : f->offices) {
    auto office = org_.Get(o.node_id);
    if (!office.ok() || !access::InSubtree(node.id, office->path)) continue;
    apps += o.applications;
    reports += o.reports;
  }
  std::string link = fmt::format("/kinerja?from={}&to={}", period.From(), period.To());
  std::string span = period.From() + " – " + period.To();
  if (source == LiveSource::kComplaints) {
    return LiveFigures{
        {fmt::format("Pengaduan {}: {} diterima, {} ditolak di meja pengaduan, {} dijawab, {} dijawab tepat waktu "
                     "({}%).",
                     span, reports.received, reports.declined, reports.answered, reports.answered_on_time,
                     Percent(reports.answered_on_time, reports.answered)),
         fmt::format("Complaints {}: {} received, {} declined at the desk, {} answered, {} answered on time ({}%).",
                     span, reports.received, reports.declined, reports.answered, reports.answered_on_time,
                     Percent(reports.answered_on_time, reports.answered))},
        json::object{{"received", reports.received},
                     {"declined", reports.declined},
                     {"answered", reports.answered},
                     {"answered_on_time", reports.answered_on_time},
                     {"from", period.From()},
                     {"to", period.To()}},
        link};
  }
  long long decided = apps.Decided();
  return LiveFigures{{fmt::format("Permohonan layanan {}: {} diterima, {} diputus, {} tepat waktu ({}%).", span,
                                  apps.received, decided, apps.on_time, Percent(apps.on_time, decided)),
                      fmt::format("Service applications {}: {} received, {} decided, {} on time ({}%).", span,
                                  apps.received, decided, apps.on_time, Percent(apps.on_time, decided))},
                     json::object{{"received", apps.received},
                                  {"decided", decided},
                                  {"on_time", apps.on_time},
                                  {"from", period.From()},
                                  {"to", period.To()}},
                     link};
}

Result<LiveFigures> PlatformEvidence::PublicServices(const org::Node& node, const transparency::Period& period) {
  // Every service the catalogue publishes is applied for online; those with a fee are paid through a billing code,
  // and an approved file is issued as a signed document.
  long long published = 0, with_payment = 0, signed_output = 0;
  for (int page = 1; page <= 100; ++page) {
    auto found = catalog_.Search("", node.id, "", page, 100);
    if (!found.ok()) return found.error();
    for (const auto& s : found->items) {
      ++published;
      bool paid = s.definition.fee.kind != catalog::FeeKind::kFree;
      bool output = !s.definition.standard.output.id.empty();
      with_payment += paid;
      signed_output += paid && output;
    }
    if (found->items.size() < 100) break;
  }
  return LiveFigures{
      {fmt::format(
           "Layanan publik saat diambil ({}): {} terbit dengan permohonan daring, {} di antaranya dengan pembayaran "
           "kode billing dan keluaran bertanda tangan elektronik.",
           Today(node), published, signed_output),
       fmt::format("Public services when taken ({}): {} published with online application, {} of them with payment by "
                   "billing code and an electronically signed output.",
                   Today(node), published, signed_output)},
      json::object{{"published", published},
                   {"online_application", published},
                   {"with_payment", with_payment},
                   {"with_payment_and_signed_output", signed_output},
                   {"to", period.To()}},
      fmt::format("/layanan?instansi={}", node.id),
      Today(node)};
}

Result<LiveFigures> PlatformEvidence::Bus(const org::Node& node, const transparency::Period& period) {
  std::string from = period.From() + "T00:00:00Z";
  auto end = ParseDate(period.To());
  std::string to = FormatDate(std::chrono::sys_days(*end) + std::chrono::days(1)) + "T00:00:00Z";
  auto f = bus_.FiguresOf(node.path, from, to);
  if (!f.ok()) return f.error();
  std::string span = period.From() + " – " + period.To();
  return LiveFigures{
      {fmt::format("Sistem penghubung layanan {}: {} sistem terdaftar, {} layanan disediakan, {} layanan dipakai, "
                   "{} panggilan sebagai klien dan {} sebagai penyedia.",
                   span, f->systems, f->services_provided, f->services_used, f->calls_as_client, f->calls_as_provider),
       fmt::format("Service bus {}: {} systems registered, {} services provided, {} services used, {} calls as "
                   "client and {} as provider.",
                   span, f->systems, f->services_provided, f->services_used, f->calls_as_client, f->calls_as_provider)},
      json::object{{"systems", f->systems},
                   {"services_provided", f->services_provided},
                   {"services_used", f->services_used},
                   {"calls_as_client", f->calls_as_client},
                   {"calls_as_provider", f->calls_as_provider},
                   {"from", period.From()},
                   {"to", period.To()}},
      "/interop"};
}

Result<LiveFigures> PlatformEvidence::Inventory(LiveSource source, const org::Node& node) {
  auto s = inventory_.Summary(node.id);
  if (!s.ok()) return s.error();
  if (source == LiveSource::kOpenData) {
    return LiveFigures{
        {fmt::format("Data terbuka: {} dari {} set data dalam inventaris dinyatakan terbuka ({} memuat data pribadi "
                     "dan tertutup). Penggunaan set data belum diukur platform.",
                     s->open_datasets, s->datasets, s->personal_datasets),
         fmt::format("Open data when taken: {} of {} data sets in the inventory are open ({} hold personal data and "
                     "are closed). "
                     "The platform does not measure their use yet.",
                     s->open_datasets, s->datasets, s->personal_datasets)},
        json::object{{"datasets", s->datasets},
                     {"open_datasets", s->open_datasets},
                     {"personal_datasets", s->personal_datasets}},
        "/arsitektur",
        Today(node)};
  }
  return LiveFigures{
      {fmt::format("Inventaris arsitektur: {} aplikasi ({} berjalan, {} direncanakan, {} aplikasi umum nasional, {} di "
                   "Pusat Data Nasional, {} terhubung ke sistem penghubung layanan), {} kelompok fungsi ganda, {} set "
                   "data, {} infrastruktur.",
                   s->applications, s->live, s->planned, s->retired, s->national, s->on_pdn, s->with_bus,
                   s->duplicate_groups, s->datasets, s->infrastructure),
       fmt::format("Architecture inventory when taken: {} applications ({} live, {} planned, {} retired; {} national "
                   "general applications, "
                   "{} in the national data centre, {} on the service bus), {} functions run twice or more, {} data "
                   "sets, {} infrastructure items.",
                   s->applications, s->live, s->planned, s->retired, s->national, s->on_pdn, s->with_bus,
                   s->duplicate_groups, s->datasets, s->infrastructure)},
      json::object{{"applications", s->applications},
                   {"live", s->live},
                   {"planned", s->planned},
                   {"retired", s->retired},
                   {"national", s->national},
                   {"on_pdn", s->on_pdn},
                   {"with_bus", s->with_bus},
                   {"duplicate_groups", s->duplicate_groups},
                   {"datasets", s->datasets},
                   {"infrastructure", s->infrastructure},
                   {"yearly_cost", s->yearly_cost}},
      "/arsitektur/duplikasi",
      Today(node)};
}

}  // namespace spbe::app
