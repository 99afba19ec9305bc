#pragma once

#include <string>
#include <utility>

#include "access/access.hpp"
#include "http/router.hpp"
#include "http/views.hpp"
#include "org/service.hpp"
#include "surveys/service.hpp"

namespace spbe::surveys {

/// POST /api/v1/applications/{tracking_number}/survey (the applicant, once), GET /api/v1/stats/ikm (public; with
/// each element's score for officers of the node) and its report (/api/v1/stats/ikm/report.csv, .pdf).
void RegisterApi(http::Router& router, const http::Views& views, SurveysService& surveys, org::OrgService& org);

/// Whether the actor sees each element's score of a node's index (officers, admins and auditors over it); the public
/// sees the index. Shared with the pages.
bool SeesElements(const access::Actor& actor, const std::string& path);

/// The results a stats request asks for (service_id, node_id, from, to) and the name of their scope; field errors by
/// parameter. Shared with the pages.
Result<std::pair<Result_, std::string>> IkmResults(const http::Request& req, SurveysService& surveys,
                                                   org::OrgService& org);

}  // namespace spbe::surveys
