#include "access/access.hpp"

#include <gtest/gtest.h>

namespace spbe::access {
namespace {

// Tree: 1 kabupaten / 2 DPMPTSP / 5 bidang; 1 / 3 Dinkes.
constexpr const char* kKabupaten = "/1/";
constexpr const char* kDpmptsp = "/1/2/";
constexpr const char* kBidang = "/1/2/5/";
constexpr const char* kDinkes = "/1/3/";

Actor Officer(std::int64_t node, Role role) { return Actor{42, AccountKind::kAsn, {{node, role}}}; }

TEST(Access, AGrantReachesItsSubtreeOnly) {
  auto admin = Officer(2, Role::kAdminInstansi);
  EXPECT_TRUE(Allowed(admin, Action::kOrgManage, kDpmptsp));
  EXPECT_TRUE(Allowed(admin, Action::kOrgManage, kBidang));
  EXPECT_FALSE(Allowed(admin, Action::kOrgManage, kDinkes));
  EXPECT_FALSE(Allowed(admin, Action::kOrgManage, kKabupaten));
}

TEST(Access, RolesDecideTheAction) {
  EXPECT_FALSE(Allowed(Officer(2, Role::kLoket), Action::kOrgManage, kDpmptsp));
  EXPECT_TRUE(Allowed(Officer(2, Role::kLoket), Action::kPersonalDataReveal, kBidang));
  EXPECT_FALSE(Allowed(Officer(1, Role::kAuditor), Action::kPersonalDataReveal, kBidang));
  EXPECT_TRUE(Allowed(Officer(1, Role::kAuditor), Action::kAuditRead, kDinkes));
  EXPECT_TRUE(Allowed(Officer(1, Role::kAdminPlatform), Action::kOfficerManage, kDinkes));
}

TEST(Access, NodeIdsMatchWholeSegmentsNotDigits) {
  // Node 1 is not an ancestor of node 12 or 21.
  EXPECT_FALSE(Allowed(Officer(1, Role::kAdminInstansi), Action::kOrgManage, "/12/21/"));
  EXPECT_TRUE(Allowed(Officer(21, Role::kAdminInstansi), Action::kOrgManage, "/12/21/"));
}

TEST(Access, CitizensAndAnonymousVisitorsHaveNoOfficeRights) {
  Actor citizen{7, AccountKind::kWarga, {}};
  Actor anonymous;
  for (auto action : {Action::kOrgRead, Action::kOrgManage, Action::kPersonalDataReveal, Action::kAuditRead}) {
    EXPECT_FALSE(Allowed(citizen, action, kDpmptsp));
    EXPECT_FALSE(Allowed(anonymous, action, kDpmptsp));
  }
}

TEST(Access, RoleNamesRoundTrip) {
  for (auto r : AllRoles()) EXPECT_EQ(ParseRole(RoleName(r)), r);
  EXPECT_FALSE(ParseRole("superuser"));
}

}  // namespace
}  // namespace spbe::access

namespace spbe::access {
namespace {

Actor Key(std::int64_t node, std::vector<std::string> scopes) {
  Actor a{0, AccountKind::kSystem, {}};
  a.api_key_id = 9;
  a.api_key_node = node;
  a.scopes = std::move(scopes);
  return a;
}

TEST(Access, AnApiKeyActsThroughItsScopesWithinItsNodeOnly) {
  auto key = Key(2, {"applications.read"});
  EXPECT_TRUE(Allowed(key, Action::kApplicationRead, "/1/2/"));
  EXPECT_TRUE(Allowed(key, Action::kApplicationRead, "/1/2/5/"));
  EXPECT_FALSE(Allowed(key, Action::kApplicationRead, "/1/3/")) << "another agency";
  EXPECT_FALSE(Allowed(key, Action::kApplicationRead, "/1/")) << "above its node";
  EXPECT_FALSE(Allowed(key, Action::kReportRead, "/1/2/")) << "no reports.read";
  EXPECT_FALSE(Allowed(Key(2, {}), Action::kApplicationRead, "/1/2/")) << "no scope at all";
  EXPECT_FALSE(Allowed(Key(2, {"applications.write", "admin"}), Action::kApplicationRead, "/1/2/"))
      << "unknown scopes open nothing";
}

TEST(Access, NoScopeOpensAChangeOrAPersonsRights) {
  std::vector<std::string> every;
  for (const auto& s : Scopes()) every.emplace_back(s.name);
  auto key = Key(1, every);
  for (Action a : {Action::kOrgManage, Action::kOfficerManage, Action::kApiKeyManage, Action::kPersonalDataReveal,
                   Action::kServiceManage, Action::kBankManage, Action::kReportVerify, Action::kReportHandle,
                   Action::kReportRoutesManage}) {
    EXPECT_FALSE(Allowed(key, a, "/1/2/")) << static_cast<int>(a);
  }
  EXPECT_FALSE(MayGrant(key, Role::kLoket, "/1/2/"));
  for (const auto& s : Scopes()) EXPECT_EQ(ScopeAction(s.name), s.action);
  EXPECT_FALSE(ScopeAction("interop.exchange").has_value());
}

}  // namespace
}  // namespace spbe::access
