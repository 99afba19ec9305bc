#pragma once
/// Use cases of the service catalogue: the public finds published services and reads their standard in full;
/// agency admins edit drafts and publish them; the applications capability reads the version a file was filed
/// under.

#include <boost/json/fwd.hpp>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "access/access.hpp"
#include "catalog/model.hpp"
#include "catalog/ports.hpp"
#include "catalog/store.hpp"
#include "org/service.hpp"
#include "platform/clock.hpp"
#include "storage/cache.hpp"
#include "storage/database.hpp"

namespace spbe::catalog {

/// A version of a service with its definition read, and the names of the offices its steps belong to.
struct ServiceView {
  ServiceRow service;
  VersionRow version;
  Definition definition;
  std::vector<std::string> step_offices;  // by step, the node's name
};

struct SearchResult {
  std::vector<ServiceView> items;
  int total = 0;
};

class CatalogService {
 public:
  CatalogService(storage::Database& db, const CatalogStore& store, org::OrgService& org, Clock clock,
                 Staffing& staffing)
      : db_(db),
        store_(store),
        org_(org),
        clock_(std::move(clock)),
        staffing_(staffing),
        published_(db.changes(), "services", 10000) {}

  /// With words, at most this many matches are ranked; a search that matches more is too vague to page through.
  static constexpr int kMaxRanked = 1000;
  /// Published services matching the words (all of them, affixes ignored), the agency subtree and the life event;
  /// by relevance when words are given (name before summary before the rest), else by name.
  Result<SearchResult> Search(std::string_view words, std::int64_t node_id, std::string_view life_event, int page,
                              int per_page = 20);
  /// Agencies with published services (the catalogue's filter).
  Result<std::vector<std::pair<std::int64_t, std::string>>> Agencies();
  /// The published version of a service, by id or slug; kNotFound when it does not exist or is not published.
  Result<ServiceView> Published(std::string_view id_or_slug);
  /// Any version by id (what an application was filed under).
  Result<ServiceView> Version(std::int64_t version_id);
  /// The same without a copy: the kept version itself (a draft is read afresh each time).
  Result<std::shared_ptr<const ServiceView>> VersionRef(std::int64_t version_id);
  /// The same when it is already in memory (a version once published never changes), else null: no query.
  std::shared_ptr<const ServiceView> CachedVersion(std::int64_t version_id);

  /// A new service of a node the admin manages, with its first draft. Field errors name `node_id`, `slug` or the
  /// definition's paths.
  Result<ServiceView> Create(const access::Actor& admin, std::int64_t node_id, std::string_view slug,
                             const boost::json::value& definition, std::string_view lang);
  /// Replaces the service's draft (or starts one from scratch); the published version is untouched.
  Result<ServiceView> SaveDraft(const access::Actor& admin, std::int64_t service_id,
                                const boost::json::value& definition, std::string_view lang);
  Result<ServiceView> Draft(const access::Actor& actor, std::int64_t service_id, std::string_view lang);
  /// What the editor starts from: the draft, else the published version (saving it then makes a new draft).
  Result<ServiceView> Editable(const access::Actor& actor, std::int64_t service_id, std::string_view lang);
  /// Freezes the draft as the published version, after ValidateForPublish and a check that every step has an
  /// active officer who may act on it.
  Result<ServiceView> Publish(const access::Actor& admin, std::int64_t service_id, std::string_view lang);
  /// The services of the admin's subtree with their newest version, for the admin's list.
  Result<std::vector<ServiceView>> ServicesUnder(const access::Actor& actor, std::int64_t node_id);

  /// The demo seed and the CLI: a service created and published as the system.
  Result<std::int64_t> CreatePublishedAsSystem(std::int64_t node_id, std::string_view slug,
                                               const boost::json::value& definition);

 private:
  Result<ServiceView> View(const ServiceRow& service, const VersionRow& version);
  Result<ServiceRow> ManagedService(const access::Actor& actor, std::int64_t service_id, access::Action action,
                                    std::string_view lang);
  std::vector<FieldError> PublishProblems(const Definition& d, std::string_view lang);

  storage::Database& db_;
  const CatalogStore& store_;
  org::OrgService& org_;
  Clock clock_;
  Staffing& staffing_;
  // Published and superseded versions never change: read once, kept (a few hundred, small).
  std::mutex cache_mu_;
  std::map<std::int64_t, std::shared_ptr<const ServiceView>> frozen_;
  // The published version of a service by id or slug, until a version of it is published (noted as a change of the
  // service by the store): filing reads it on every submission.
  storage::CommittedCache<ServiceView> published_;
};

}  // namespace spbe::catalog
