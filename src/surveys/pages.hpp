#pragma once

#include "http/router.hpp"
#include "http/views.hpp"
#include "org/service.hpp"
#include "surveys/service.hpp"

namespace spbe::surveys {

/// The pages /kinerja/ikm (the index of a service or an office) and /permohonan/{tn}/survei (the applicant's form).
void RegisterPages(http::Router& router, const http::Views& views, SurveysService& surveys, org::OrgService& org);

}  // namespace spbe::surveys
