// Lists of reports: the public feed, the desk's and offices' queues, and the reports a signed-in reporter filed.
#include <algorithm>

#include "platform/i18n.hpp"
#include "reports/service.hpp"

namespace spbe::reports {
namespace {

constexpr int kQueuePage = 50;
constexpr int kFeedPage = 20;

}  // namespace

Result<FeedPage> ReportsService::Feed(const FeedFilter& f, std::string_view lang) {
  FeedQuery q;
  if (f.office_id != 0) {
    auto n = org_.Get(f.office_id);
    if (!n.ok()) {
      return Error::Validation({{"office_id", i18n::Tr(lang, "reports_office_not_found")}});
    }
    q.node_path = n->path;
  }
  q.region_prefix = f.region;
  if (!f.kind.empty() && !ParseKind(f.kind)) {
    return Error::Validation({{"kind", i18n::Tr(lang, "reports_kind_invalid")}});
  }
  if (!f.status.empty() && !ParseStatus(f.status)) {
    return Error::Validation({{"status", i18n::Tr(lang, "reports_status_unknown")}});
  }
  q.kind = f.kind;
  q.status = f.status;
  q.limit = kFeedPage;
  FeedPage page;
  page.page = std::max(1, f.page);
  q.offset = (page.page - 1) * kFeedPage;
  auto rows = db_.Read([&](soci::session& s) { return std::make_pair(store_.Feed(s, q), store_.FeedCount(s, q)); });
  if (!rows.ok()) return rows.error();
  page.total = rows->second;
  page.pages = static_cast<int>(std::max<std::int64_t>(1, (page.total + kFeedPage - 1) / kFeedPage));
  for (const auto& r : rows->first) page.items.push_back(View({}, Loaded{r, {}, {}}, Viewer::kPublic, lang));
  return page;
}

Result<std::vector<ReportView>> ReportsService::Queue(const access::Actor& actor, std::string_view which, int page,
                                                      std::string_view lang) {
  QueueQuery q;
  access::Action needed = access::Action::kReportRead;
  if (which == "desk") {
    needed = access::Action::kReportVerify;
    q.statuses = {"submitted"};
  } else if (which == "office") {
    q.statuses = {"disposed", "reopened", "waiting_reporter"};
  } else {
    q.statuses = {"answered", "closed", "declined"};
  }
  for (const auto& g : actor.grants) {
    auto node = org_.Get(g.node_id);
    if (!node.ok()) continue;
    access::Actor one = actor;
    one.grants = {g};
    if (access::Allowed(one, needed, node->path)) q.node_paths.push_back(node->path);
  }
  if (q.node_paths.empty()) {
    return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "reports_queue_forbidden"));
  }
  // A grant inside another grant's subtree adds nothing.
  std::sort(q.node_paths.begin(), q.node_paths.end());
  std::vector<std::string> paths;
  for (const auto& p : q.node_paths) {
    if (paths.empty() || p.rfind(paths.back(), 0) != 0) paths.push_back(p);
  }
  q.node_paths = std::move(paths);
  q.limit = kQueuePage;
  q.offset = (std::max(1, page) - 1) * kQueuePage;
  auto rows = db_.Read([&](soci::session& s) { return store_.Queue(s, q); });
  if (!rows.ok()) return rows.error();
  std::vector<ReportView> out;
  for (const auto& r : *rows) out.push_back(View(actor, Loaded{r, {}, {}}, Viewer::kOfficer, lang));
  return out;
}

Result<std::vector<ReportView>> ReportsService::Mine(const access::Actor& actor, std::string_view lang) {
  if (actor.account_id == 0) return std::vector<ReportView>{};
  auto rows = db_.Read([&](soci::session& s) { return store_.OfAccount(s, actor.account_id, 100); });
  if (!rows.ok()) return rows.error();
  std::vector<ReportView> out;
  for (const auto& r : *rows) out.push_back(View(actor, Loaded{r, {}, {}}, Viewer::kReporter, lang));
  return out;
}

}  // namespace spbe::reports
