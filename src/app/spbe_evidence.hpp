#pragma once
/// The SPBE evaluation's live evidence (evaluation/ports.hpp), from the capabilities that hold the figures: the
/// dashboard's read model (complaints, on-time service), the catalogue (public services online and their level),
/// the bus (services provided and used, calls) and the architecture inventory (applications, data sets).

#include "architecture/service.hpp"
#include "catalog/service.hpp"
#include "evaluation/ports.hpp"
#include "interop/service.hpp"
#include "org/service.hpp"
#include "transparency/service.hpp"

namespace spbe::app {

class PlatformEvidence final : public evaluation::LiveEvidence {
 public:
  PlatformEvidence(transparency::TransparencyService& dashboard, catalog::CatalogService& catalog,
                   interop::InteropService& bus, architecture::ArchitectureService& inventory, org::OrgService& org)
      : dashboard_(dashboard), catalog_(catalog), bus_(bus), inventory_(inventory), org_(org) {}

  Result<evaluation::LiveFigures> Figures(evaluation::LiveSource source, const org::Node& node,
                                          const std::string& date) override;

 private:
  Result<evaluation::LiveFigures> Dashboard(evaluation::LiveSource source, const org::Node& node,
                                            const transparency::Period& period);
  Result<evaluation::LiveFigures> PublicServices(const org::Node& node, const transparency::Period& period);
  Result<evaluation::LiveFigures> Bus(const org::Node& node, const transparency::Period& period);
  Result<evaluation::LiveFigures> Inventory(evaluation::LiveSource source, const org::Node& node);

  transparency::TransparencyService& dashboard_;
  catalog::CatalogService& catalog_;
  interop::InteropService& bus_;
  architecture::ArchitectureService& inventory_;
  org::OrgService& org_;
};

}  // namespace spbe::app
