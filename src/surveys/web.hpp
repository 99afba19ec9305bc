#pragma once

#include "applications/service.hpp"
#include "http/router.hpp"
#include "http/views.hpp"
#include "org/service.hpp"
#include "surveys/service.hpp"

namespace spbe::surveys {

/// POST /api/v1/applications/{tracking_number}/survey (the applicant, once), GET /api/v1/stats/ikm (public; with
/// each element's score for officers of the node) and its report (/api/v1/stats/ikm/report.csv, .pdf), and the
/// pages /kinerja/ikm and /permohonan/{tn}/survei.
void RegisterWeb(http::Router& router, const http::Views& views, SurveysService& surveys, org::OrgService& org);

}  // namespace spbe::surveys
