#pragma once

#include "evaluation/service.hpp"
#include "http/router.hpp"

namespace spbe::evaluation {

/// /api/v1/spbe/...: the model, assessments (self-assessment, review, evidence, targets and plans, reports) and
/// the public results.
void RegisterApi(http::Router& router, EvaluationService& spbe);

}  // namespace spbe::evaluation
