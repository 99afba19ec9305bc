#pragma once
// Helpers the reports pages share: the public side (pages.cpp) and the back office (office_pages.cpp). Internal to
// src/reports/.

#include <boost/json.hpp>
#include <cstdint>
#include <string>

#include "http/router.hpp"
#include "http/views.hpp"
#include "org/service.hpp"
#include "platform/local_time.hpp"
#include "reports/service.hpp"

namespace spbe::reports::detail {

namespace json = boost::json;

/// A page text in the request's language.
inline auto TextOf(const http::Views& views) {
  const auto& t = views.catalog();
  return [&t](const http::Request& req, const std::string& key) { return t.Text(req.lang, key); };
}

/// The places of the deployment: its kecamatan (from the Kemendagri data) and the kelurahan/desa of the tree.
inline auto RegionsOf(org::OrgService& org) {
  return [&org](const std::string& chosen) {
    json::array out;
    auto roots = org.Roots();
    if (!roots.ok()) return out;
    for (const auto& root : *roots) {
      if (root.region_code.empty()) continue;
      auto villages = org.OfKindUnder(root.path, org::NodeKind::kKelurahanDesa);
      for (const auto& kec : org.RegionsUnder(root.region_code)) {
        out.push_back({{"code", kec.code}, {"label", "Kec. " + kec.name}, {"selected", kec.code == chosen}});
        for (const auto& v : villages) {
          if (v.region_code.rfind(kec.code + ".", 0) != 0) continue;
          out.push_back({{"code", v.region_code}, {"label", "— " + v.name}, {"selected", v.region_code == chosen}});
        }
      }
    }
    return out;
  };
}

/// A region's name by its code: a kelurahan/desa of the tree, a kecamatan, or as the Kemendagri data names it.
inline auto RegionNameOf(org::OrgService& org) {
  return [&org](const std::string& code) -> std::string {
    if (code.empty()) return {};
    auto roots = org.Roots();
    if (!roots.ok()) return code;
    for (const auto& root : *roots) {
      for (const auto& v : org.OfKindUnder(root.path, org::NodeKind::kKelurahanDesa)) {
        if (v.region_code == code) return v.name;
      }
      if (root.region_code.empty()) continue;
      for (const auto& kec : org.RegionsUnder(root.region_code)) {
        if (kec.code == code) return "Kecamatan " + kec.name;
      }
    }
    return org.RegionName(code);
  };
}

/// The offices a report can go to, `chosen` selected.
inline auto OfficesOf(ReportsService& reports) {
  return [&reports](std::int64_t chosen) {
    json::array out;
    for (const auto& o : reports.Offices())
      out.push_back({{"id", o.id}, {"name", o.name}, {"selected", o.id == chosen}});
    return out;
  };
}

/// A report's timeline as its pages show it.
inline auto TimelineOf(const http::Views& views) {
  auto text = TextOf(views);
  return [text](const http::Request& req, const ReportView& v) {
    json::array out;
    for (const auto& e : v.timeline) {
      std::string note = e.note;
      if (e.action == "escalate") note = text(req, "report_escalated_" + note);
      if (e.action == "merged_from") note = text(req, "report_merged_from") + " " + note;
      out.push_back({{"at", LocalDateTimeText(e.at, v.zone, req.lang)},
                     {"action", text(req, "report_action_" + e.action)},
                     {"office", e.office},
                     {"to_office", e.to_office},
                     {"note", note},
                     {"internal", e.internal}});
    }
    return out;
  };
}

}  // namespace spbe::reports::detail
