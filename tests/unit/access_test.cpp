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
