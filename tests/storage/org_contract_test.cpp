// The government tree and the region reference data, on SQLite and PostgreSQL.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <set>

#include "app/app.hpp"
#include "org/service.hpp"
#include "testing/test_env.hpp"

namespace spbe::org {
namespace {

using access::Actor;
using access::Role;

class OrgContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    SPBE_SKIP_UNAVAILABLE(GetParam());
    env_ = std::make_unique<testing::TestDatabase>(GetParam());
    testing::MigrateOrDie(env_->config);
    auto db = app::OpenDatabase(env_->config);
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db);
    service_ = std::make_unique<OrgService>(*db_, *store_, [] { return std::string("2026-11-22T00:00:00Z"); });
    auto kab = service_->CreateAsSystem(
        {std::nullopt, NodeKind::kKabupatenKota, "Pemerintah Kabupaten Labuhanbatu", "labuhanbatu", "12.10"});
    ASSERT_TRUE(kab.ok()) << kab.error().detail;
    kab_ = *kab;
  }
  Actor Admin(std::int64_t node, Role role = Role::kAdminInstansi) {
    return Actor{1, access::AccountKind::kAsn, {{node, role}}};
  }

  std::unique_ptr<testing::TestDatabase> env_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<OrgStore> store_ = MakeSqlOrgStore();
  std::unique_ptr<OrgService> service_;
  Node kab_;
};

TEST_P(OrgContract, RegionsAreLoadedFromIdnAreaDataOnceAndMatchTheReference) {
  EXPECT_TRUE(service_->RegionExists("12"));
  EXPECT_TRUE(service_->RegionExists("12.10"));
  EXPECT_FALSE(service_->RegionExists("12.99"));
  auto districts = db_->Read([&](soci::session& s) { return store_->RegionChildren(s, "12.10"); });
  ASSERT_TRUE(districts.ok());
  EXPECT_EQ(districts->size(), 9u);  // Labuhanbatu has 9 kecamatan (DESIGN.md)
  auto labuhanbatu = db_->Read([&](soci::session& s) { return store_->GetRegion(s, "12.10"); });
  EXPECT_EQ((*labuhanbatu)->name, "Kabupaten Labuhanbatu");
  EXPECT_EQ((*labuhanbatu)->parent_code, "12");
  auto again = SyncRegions(*db_, *store_, "2026-11-23T00:00:00Z");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0) << "unchanged reference data is not loaded twice";
}

TEST_P(OrgContract, NodesGetPathsTimeZonesAndStayUnderTheirParent) {
  EXPECT_EQ(kab_.path, "/" + std::to_string(kab_.id) + "/");
  EXPECT_EQ(kab_.timezone, "Asia/Jakarta");
  auto opd = service_->Create(Admin(kab_.id, Role::kAdminPlatform),
                              {kab_.id, NodeKind::kPerangkatDaerah, "DPMPTSP", "dpmptsp", ""}, "id");
  ASSERT_TRUE(opd.ok()) << opd.error().detail;
  EXPECT_EQ(opd->path, kab_.path + std::to_string(opd->id) + "/");
  EXPECT_EQ(opd->timezone, "Asia/Jakarta");
  auto kec =
      service_->Create(Admin(kab_.id, Role::kAdminPlatform),
                       {kab_.id, NodeKind::kKecamatan, "Kecamatan Rantau Utara", "rantau-utara", "12.10.01"}, "id");
  ASSERT_TRUE(kec.ok()) << kec.error().detail;
  auto kel = service_->Create(
      Admin(kab_.id, Role::kAdminPlatform),
      {kec->id, NodeKind::kKelurahanDesa, "Kelurahan Padang Matinggi", "padang-matinggi", "12.10.01.1001"}, "id");
  ASSERT_TRUE(kel.ok()) << kel.error().detail;
  auto subtree = service_->Subtree(Admin(kab_.id), kab_.id);
  ASSERT_TRUE(subtree.ok());
  EXPECT_EQ(subtree->size(), 4u);
}

TEST_P(OrgContract, AnAdminAddsOnlyUnderTheirOwnNode) {
  auto platform = Admin(kab_.id, Role::kAdminPlatform);
  auto dpmptsp = *service_->Create(platform, {kab_.id, NodeKind::kPerangkatDaerah, "DPMPTSP", "dpmptsp", ""}, "id");
  auto dinkes =
      *service_->Create(platform, {kab_.id, NodeKind::kPerangkatDaerah, "Dinas Kesehatan", "dinkes", ""}, "id");
  auto admin_dpmptsp = Admin(dpmptsp.id);
  auto unit =
      service_->Create(admin_dpmptsp, {dpmptsp.id, NodeKind::kUnitKerja, "Bidang Perizinan", "perizinan", ""}, "id");
  EXPECT_TRUE(unit.ok());
  auto elsewhere = service_->Create(admin_dpmptsp, {dinkes.id, NodeKind::kUnitKerja, "Bidang P2P", "p2p", ""}, "id");
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_EQ(elsewhere.error().code, ErrorCode::kForbidden);
  auto loket = Actor{2, access::AccountKind::kAsn, {{dpmptsp.id, Role::kLoket}}};
  EXPECT_EQ(service_->Create(loket, {dpmptsp.id, NodeKind::kUnitKerja, "X", "x", ""}, "id").error().code,
            ErrorCode::kForbidden);
  // Reading another agency's subtree looks like "not found".
  EXPECT_EQ(service_->Subtree(admin_dpmptsp, dinkes.id).error().code, ErrorCode::kNotFound);
}

TEST_P(OrgContract, InvalidNodesAreRefusedFieldByFieldAndNothingIsWritten) {
  auto platform = Admin(kab_.id, Role::kAdminPlatform);
  auto bad = service_->Create(platform, {kab_.id, NodeKind::kKelurahanDesa, "", "Bad Slug", "99.99"}, "en");
  ASSERT_FALSE(bad.ok());
  std::set<std::string> fields;
  for (const auto& f : bad.error().fields) fields.insert(f.field);
  EXPECT_EQ(fields, (std::set<std::string>{"kind", "name", "slug", "region_code"}));
  auto outside =
      service_->Create(platform, {kab_.id, NodeKind::kKecamatan, "Kec. Medan Kota", "medan-kota", "12.71.01"}, "en");
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(outside.error().fields.at(0).field, "region_code");
  ASSERT_TRUE(service_->Create(platform, {kab_.id, NodeKind::kPerangkatDaerah, "DPMPTSP", "dpmptsp", ""}, "en").ok());
  auto dup = service_->Create(platform, {kab_.id, NodeKind::kPerangkatDaerah, "DPMPTSP 2", "dpmptsp", ""}, "en");
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().fields.at(0).field, "slug");
  EXPECT_EQ(service_->Subtree(platform, kab_.id)->size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Engines, OrgContract, ::testing::ValuesIn(testing::Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace spbe::org
