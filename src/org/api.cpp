#include "org/api.hpp"

#include <boost/json.hpp>
#include <charconv>

#include "http/json.hpp"
#include "http/operation.hpp"
#include "http/problem.hpp"
#include "platform/i18n.hpp"

namespace spbe::org {

using http::Request;
using http::Response;

namespace {

boost::json::array KindEnum(bool with_root) {
  boost::json::array kinds;
  if (with_root) kinds.emplace_back("nasional");
  for (const char* k : {"kementerian_lembaga", "provinsi", "kabupaten_kota", "perangkat_daerah", "unit_kerja",
                        "kecamatan", "kelurahan_desa"}) {
    kinds.emplace_back(k);
  }
  return kinds;
}

boost::json::object NodeNotes() {
  return {{"kind", {{"enum", KindEnum(true)}}},
          {"slug", {{"description", "short name, unique among siblings: dpmptsp"}}},
          {"region_code", {{"description", "Kemendagri code where the kind has one (12.10), else empty"}}},
          {"timezone", {{"enum", {"Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"}}}},
          {"parent_id", {{"description", "null for a root of the tree"}}}};
}

// A node of the government tree as the API shows it.
struct NodeView {
  std::int64_t id = 0;
  std::string kind;
  std::string name;
  std::string slug;
  std::string timezone;
  std::string region_code;
  http::contract::Nullable<std::int64_t> parent_id;
  static boost::json::object Notes() { return NodeNotes(); }
};
BOOST_DESCRIBE_STRUCT(NodeView, (), (id, kind, name, slug, timezone, region_code, parent_id))

// ... with its children.
struct NodeWithChildren {
  std::int64_t id = 0;
  std::string kind;
  std::string name;
  std::string slug;
  std::string timezone;
  std::string region_code;
  http::contract::Nullable<std::int64_t> parent_id;
  std::vector<NodeView> children;
  static boost::json::object Notes() { return NodeNotes(); }
};
BOOST_DESCRIBE_STRUCT(NodeWithChildren, (), (id, kind, name, slug, timezone, region_code, parent_id, children))

struct NewNodeBody {
  std::int64_t parent_id = 0;
  std::string kind;
  std::string name;
  std::string slug;
  std::optional<std::string> region_code;
  static boost::json::object Notes() {
    return {{"kind", {{"enum", KindEnum(false)}}},
            {"name", {{"maxLength", 200}}},
            {"slug", {{"pattern", "^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$"}}},
            {"region_code", {{"description", "the Kemendagri code, for kinds that have one (kecamatan: 12.10.01)"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(NewNodeBody, (), (parent_id, kind, name, slug, region_code))

NodeView View(const Node& n) {
  return {n.id,
          std::string(KindName(n.kind)),
          n.name,
          n.slug,
          n.timezone,
          n.region_code,
          n.parent_id ? http::contract::Nullable<std::int64_t>(*n.parent_id) : std::nullopt};
}

http::Handler ListRoots(OrgService& service) {
  return [&service](Request& req) {
    auto roots = service.Roots();
    if (!roots.ok()) return http::Problem(req, roots.error());
    std::vector<NodeView> out;
    for (const auto& n : *roots) out.push_back(View(n));
    return http::Reply(200, out);
  };
}

http::Handler GetNode(OrgService& service) {
  return [&service](Request& req) {
    std::int64_t id = 0;
    const std::string& text = req.params["id"];
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || p != text.data() + text.size()) {
      return http::Problem(req, Error::Of(ErrorCode::kNotFound, "no such node"));
    }
    auto node = service.Get(id);
    if (!node.ok()) return http::Problem(req, node.error());
    auto children = service.Children(id);
    if (!children.ok()) return http::Problem(req, children.error());
    NodeView v = View(*node);
    NodeWithChildren out{v.id, v.kind, v.name, v.slug, v.timezone, v.region_code, v.parent_id, {}};
    for (const auto& c : *children) out.children.push_back(View(c));
    return http::Reply(200, out);
  };
}

http::Handler CreateNode(OrgService& service) {
  return [&service](Request& req) {
    if (req.actor().anonymous()) {
      return http::Problem(req, Error::Of(ErrorCode::kUnauthorized, "sign in first"));
    }
    auto in = http::ReadBody<NewNodeBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    auto kind = ParseKind(in->kind);
    if (!kind) {
      return http::Problem(req, Error::Validation({{"kind", i18n::Tr(req.lang, "org_kind_unknown")}}));
    }
    NewNode n;
    n.parent_id = in->parent_id;
    n.kind = *kind;
    n.name = in->name;
    n.slug = in->slug;
    n.region_code = in->region_code.value_or("");
    auto created = service.Create(req.actor(), n, req.lang);
    if (!created.ok()) return http::Problem(req, created.error());
    return http::Reply(201, View(*created));
  };
}

}  // namespace

void RegisterApi(http::Router& router, OrgService& service) {
  router.DescribeTag("org", "The government tree: agencies, units and regions.");
  router.Add("GET", "/api/v1/org/nodes", ListRoots(service),
             http::Operation("listOrgRoots", "org", "The roots of the government tree")
                 .Public()
                 .Reply<std::vector<NodeView>>(200, "Root nodes")
                 .Problems({{400, "The request's target cannot be read"}})
                 .Options());

  router.Add("GET", "/api/v1/org/nodes/{id}", GetNode(service),
             http::Operation("getOrgNode", "org", "A node of the government tree and its children")
                 .Public()
                 .Path("id", http::IntegerSchema(), "The node's id")
                 .Reply<NodeWithChildren>(200, "The node, with its children")
                 .Problems({{404, "No such node"}})
                 .Options());

  router.Add("POST", "/api/v1/org/nodes", CreateNode(service),
             http::Operation("createOrgNode", "org",
                             "Add an OPD, unit, kecamatan or kelurahan under a node the caller administers")
                 .Describe("The kind must be one that may stand under the parent's kind in the government tree; "
                           "kinds with a region (kecamatan, kelurahan_desa...) need a Kemendagri code inside the "
                           "parent's region. A node without a region code keeps its parent's time zone.")
                 .Body<NewNodeBody>(
                     NewNodeBody{12, "unit_kerja", "Bidang Perizinan Usaha", "bidang-perizinan-usaha", std::nullopt})
                 .Reply<NodeView>(201, "Created")
                 .Problems({{400, "Body is not JSON"},
                            {401, "Not signed in"},
                            {403, "Not an admin of the parent node, or no such parent"},
                            {422, "Field errors name the field (kind, name, slug, region_code)"}})
                 .Options());
}

}  // namespace spbe::org
