#pragma once
/// The published IKM report of a period (PermenPANRB 14/2017): each element's NRR and weighted NRR (x 1/9), the
/// index and its conversion, the grade, respondents against the recommended sample; as CSV and as PDF.

#include <string>

#include "platform/result.hpp"
#include "platform/working_days.hpp"
#include "surveys/service.hpp"

namespace spbe::surveys {

struct Report {
  std::string scope;  // "Izin Praktik Bidan" or "Dinas Penanaman Modal ..." or the whole government
  std::string from, to;
  std::string issued_at;
  Result_ result;
  TimeZone zone = TimeZone::kWib;  // the deployment's: the date it was issued is its local date
};

std::string ReportCsv(const Report& r);
Result<std::string> ReportPdf(const Report& r);

}  // namespace spbe::surveys
