#pragma once
/// The demo deployment that `make demo` serves (`spbe seed-demo`); not part of the production server.

#include "platform/config.hpp"
#include "platform/result.hpp"
#include "storage/database.hpp"

namespace spbe::demo {

/// Fills the database with the demo deployment (idempotent): a kabupaten modelled on Labuhanbatu with its OPDs, a
/// kecamatan and two kelurahan, officers for every role, citizens and a business. Every password is kDemoPassword.
/// With `history`, also a few hundred applications of the past months in every state (make demo; tests skip it).
Status Seed(storage::Database& db, const Config& config, bool history = false);

}  // namespace spbe::demo
