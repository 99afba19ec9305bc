#pragma once

#include "evaluation/service.hpp"
#include "http/router.hpp"
#include "http/views.hpp"
#include "org/service.hpp"

namespace spbe::evaluation {

/// /indeks-spbe (public results), /spbe/penilaian (the coordinator's and evaluator's work).
void RegisterPages(http::Router& router, const http::Views& views, EvaluationService& spbe, org::OrgService& org);

}  // namespace spbe::evaluation
