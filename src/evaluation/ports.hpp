#pragma once
/// What the SPBE evaluation needs from the rest of the platform: the live figures it attaches as evidence
/// (complaints, open data, public services, the bus, the architecture inventory, on-time service). Implemented by
/// the composition root (app/wiring) with the capabilities that hold them.

#include <boost/json/object.hpp>
#include <string>

#include "evaluation/model.hpp"
#include "org/model.hpp"
#include "platform/result.hpp"

namespace spbe::evaluation {

/// Figures as of a date, in a sentence and by name, with a page of this platform that shows them again.
struct LiveFigures {
  Text summary;
  boost::json::object figures;
  std::string link;   // a path of this site ("/kinerja?...")
  std::string as_of;  // the day the figures hold for when it is not the day asked (a register kept only as it is now)
};

class LiveEvidence {
 public:
  virtual ~LiveEvidence() = default;
  /// The figures of `source` for the node's whole subtree up to the end of `date` (YYYY-MM-DD, in the node's zone);
  /// for what is kept only as it stands now (the inventory, the catalogue), today's, saying so in `as_of`.
  virtual Result<LiveFigures> Figures(LiveSource source, const org::Node& node, const std::string& date) = 0;
};

}  // namespace spbe::evaluation
