#include "evaluation/report.hpp"

#include "platform/csv.hpp"
#include "platform/i18n.hpp"
#include "platform/pdf.hpp"
#include "platform/xlsx.hpp"

namespace spbe::evaluation {
namespace {

std::string Level(int level) { return level ? std::to_string(level) : "-"; }

std::string Index(const Score& s) { return s.hundredths ? FormatHundredths(*s.hundredths) : "-"; }

std::string FileStem(const AssessmentView& v) {
  return "indeks-spbe-" + v.row.node_slug + "-" + std::to_string(v.row.year);
}

Result<ReportFile> Csv(const AssessmentView& v, std::string_view lang) {
  CsvWriter w;
  w.Row({"nomor", "indikator", "domain", "aspek", "bobot", "tingkat_mandiri", "penjelasan", "tingkat_akhir", "reviu",
         "catatan_reviu", "catatan_wawancara", "target_tahun_depan", "bukti"});
  for (const auto& ind : v.model->indicators) {
    AnswerRow a;
    if (auto it = v.answers.find(ind.number); it != v.answers.end()) a = it->second;
    std::string evidence;
    for (const auto& e : v.evidence) {
      if (e.indicator != ind.number) continue;
      evidence += (evidence.empty() ? "" : "\n") + e.title + (e.url.empty() ? "" : " <" + e.url + ">");
    }
    w.Figure(ind.number)
        .Text(ind.name.In(lang))
        .Figure(ind.domain)
        .Figure(ind.aspect)
        .Figure(FormatHundredths(ind.weight));
    if (a.self_level) {
      w.Figure(a.self_level);
    } else {
      w.Empty();
    }
    w.Text(a.explanation);
    if (a.final_level) {
      w.Figure(a.final_level);
    } else {
      w.Empty();
    }
    w.Text(a.review).Text(a.review_note).Text(a.interview_note);
    if (a.target_level) {
      w.Figure(a.target_level);
    } else {
      w.Empty();
    }
    w.Text(evidence).EndRow();
  }
  return ReportFile{FileStem(v) + ".csv", "text/csv; charset=utf-8", w.Take()};
}

// The whole assessment as a workbook: the indicators (as the CSV), the index per domain and aspect, the plan.
Result<ReportFile> Xlsx(const AssessmentView& v, std::string_view lang) {
  auto t = [&](const char* key) { return i18n::Tr(lang, key); };
  auto level = [](int l) -> XlsxCell { return l ? XlsxCell(static_cast<double>(l)) : XlsxCell(std::string()); };
  auto index = [](const Score& s) -> XlsxCell {
    return s.hundredths ? XlsxCell(*s.hundredths / 100.0) : XlsxCell(std::string());
  };
  XlsxSheet indicators{t("spbe_indicators"),
                       {"nomor", "indikator", "domain", "aspek", "bobot", "tingkat_mandiri", "penjelasan",
                        "tingkat_akhir", "reviu", "catatan_reviu", "catatan_wawancara", "target_tahun_depan", "bukti"},
                       {}};
  for (const auto& ind : v.model->indicators) {
    AnswerRow a;
    if (auto it = v.answers.find(ind.number); it != v.answers.end()) a = it->second;
    std::string evidence;
    for (const auto& e : v.evidence) {
      if (e.indicator == ind.number) evidence += (evidence.empty() ? "" : "\n") + e.title;
    }
    indicators.rows.push_back({static_cast<double>(ind.number), ind.name.In(lang), static_cast<double>(ind.domain),
                               static_cast<double>(ind.aspect), ind.weight / 100.0, level(a.self_level), a.explanation,
                               level(a.final_level), a.review, a.review_note, a.interview_note, level(a.target_level),
                               evidence});
  }
  XlsxSheet parts{t("spbe_parts"), {"bagian", "bobot", "mandiri", "akhir"}, {}};
  parts.rows.push_back({std::string("Indeks SPBE"), 100.0, index(v.self.overall), index(v.final.overall)});
  for (const auto& d : v.model->domains) {
    parts.rows.push_back({"Domain " + std::to_string(d.number) + ". " + d.name.In(lang), d.weight / 100.0,
                          index(v.self.domains.at(d.number)), index(v.final.domains.at(d.number))});
    for (int an : d.aspects) {
      const Aspect* a = v.model->FindAspect(an);
      parts.rows.push_back({std::to_string(a->number) + ". " + a->name.In(lang), a->weight / 100.0,
                            index(v.self.aspects.at(an)), index(v.final.aspects.at(an))});
    }
  }
  XlsxSheet plan{t("spbe_plan"), {"indikator", "tindakan", "penanggung_jawab", "tenggat"}, {}};
  for (const auto& p : v.plan) plan.rows.push_back({static_cast<double>(p.indicator), p.action, p.owner, p.due_date});
  for (auto* sheet : {&indicators, &parts, &plan}) sheet->name = sheet->name.substr(0, 31);
  auto bytes = WriteXlsx({indicators, parts, plan});
  if (!bytes.ok()) return bytes.error();
  return ReportFile{FileStem(v) + ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    std::move(*bytes)};
}

Result<ReportFile> Pdf(const AssessmentView& v, std::string_view lang) {
  auto t = [&](const char* key) { return i18n::Tr(lang, key); };
  PdfWriter w;
  w.SetInfo(t("spbe_report_title") + " " + v.row.node_name + " " + std::to_string(v.row.year), "SPBE Terpadu",
            v.row.updated_at);
  w.Centered(t("spbe_report_title"), 15, true);
  w.Centered(v.row.node_name + " - " + std::to_string(v.row.year), 12, false);
  w.Paragraph(v.model->regulation, 8);
  w.Rule();
  w.Fact(t("spbe_state"), t(("spbe_state_" + v.row.state).c_str()));
  w.Fact(t("spbe_self_index"),
         Index(v.self.overall) +
             (v.self.predikat_id.empty() ? "" : " (" + (lang == "en" ? v.self.predikat_en : v.self.predikat_id) + ")"));
  w.Fact(
      t("spbe_final_index"),
      Index(v.final.overall) +
          (v.final.predikat_id.empty() ? "" : " (" + (lang == "en" ? v.final.predikat_en : v.final.predikat_id) + ")"));
  w.Fact(t("spbe_evidence_as_of"), v.row.evidence_as_of);
  w.Space(6);
  std::vector<std::vector<std::string>> parts;
  for (const auto& d : v.model->domains) {
    parts.push_back({t("spbe_domain") + " " + std::to_string(d.number) + ". " + d.name.In(lang),
                     FormatHundredths(d.weight), Index(v.self.domains.at(d.number)),
                     Index(v.final.domains.at(d.number))});
    for (int an : d.aspects) {
      const Aspect* a = v.model->FindAspect(an);
      parts.push_back({"   " + t("spbe_aspect") + " " + std::to_string(a->number) + ". " + a->name.In(lang),
                       FormatHundredths(a->weight), Index(v.self.aspects.at(an)), Index(v.final.aspects.at(an))});
    }
  }
  w.Table({t("spbe_part"), t("spbe_weight"), t("spbe_self"), t("spbe_final")}, parts, {0.64f, 0.12f, 0.12f, 0.12f});
  w.Space(8);
  std::vector<std::vector<std::string>> rows;
  for (const auto& ind : v.model->indicators) {
    AnswerRow a;
    if (auto it = v.answers.find(ind.number); it != v.answers.end()) a = it->second;
    std::string note = a.explanation;
    if (!a.review_note.empty()) note += (note.empty() ? "" : "\n") + t("spbe_review_note") + ": " + a.review_note;
    int evidence = 0;
    for (const auto& e : v.evidence) evidence += e.indicator == ind.number;
    rows.push_back({std::to_string(ind.number) + ". " + ind.name.In(lang), Level(a.self_level), Level(a.final_level),
                    std::to_string(evidence), note.substr(0, 600)});
  }
  w.Table({t("spbe_indicator"), t("spbe_self"), t("spbe_final"), t("spbe_evidence_count"), t("spbe_explanation")}, rows,
          {0.34f, 0.08f, 0.08f, 0.08f, 0.42f}, 8);
  auto bytes = w.Finish();
  if (!bytes.ok()) return bytes.error();
  return ReportFile{FileStem(v) + ".pdf", "application/pdf", std::move(*bytes)};
}

}  // namespace

Result<ReportFile> RenderReport(const AssessmentView& v, std::string_view format, std::string_view lang) {
  if (format == "csv") return Csv(v, lang);
  if (format == "pdf") return Pdf(v, lang);
  if (format == "xlsx") return Xlsx(v, lang);
  return Error::Of(ErrorCode::kNotFound, "no such format");
}

}  // namespace spbe::evaluation
