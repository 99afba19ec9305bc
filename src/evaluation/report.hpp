#pragma once
/// An assessment as a file: the report (PDF: the index and predikat, self and final side by side per domain and
/// aspect, each indicator's levels, explanation, the evaluator's decision and the evidence), and the whole
/// assessment as CSV (one line per indicator) or as a workbook (indicators, index per part, plan). Blocking: call on a
/// worker thread.

#include <string>
#include <string_view>

#include "evaluation/service.hpp"

namespace spbe::evaluation {

struct ReportFile {
  std::string name, content_type, bytes;
};

/// `format`: "pdf", "csv" or "xlsx".
Result<ReportFile> RenderReport(const AssessmentView& v, std::string_view format, std::string_view lang);

}  // namespace spbe::evaluation
