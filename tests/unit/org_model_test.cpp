#include <gtest/gtest.h>

#include "org/model.hpp"
#include "org/service.hpp"

namespace spbe::org {
namespace {

TEST(OrgModel, TheTreeHasItsShape) {
  EXPECT_TRUE(MayContain(std::nullopt, NodeKind::kKabupatenKota));  // a kabupaten's own deployment
  EXPECT_TRUE(MayContain(NodeKind::kKabupatenKota, NodeKind::kPerangkatDaerah));
  EXPECT_TRUE(MayContain(NodeKind::kPerangkatDaerah, NodeKind::kUnitKerja));
  EXPECT_TRUE(MayContain(NodeKind::kUnitKerja, NodeKind::kUnitKerja));
  EXPECT_TRUE(MayContain(NodeKind::kKecamatan, NodeKind::kKelurahanDesa));
  EXPECT_FALSE(MayContain(NodeKind::kPerangkatDaerah, NodeKind::kKabupatenKota));
  EXPECT_FALSE(MayContain(NodeKind::kKecamatan, NodeKind::kPerangkatDaerah));
  EXPECT_FALSE(MayContain(std::nullopt, NodeKind::kUnitKerja));
}

TEST(OrgModel, TimeZonesFollowTheProvince) {
  EXPECT_EQ(TimezoneForRegion("12.10"), "Asia/Jakarta");   // Sumatera Utara: WIB
  EXPECT_EQ(TimezoneForRegion("51.71"), "Asia/Makassar");  // Bali: WITA
  EXPECT_EQ(TimezoneForRegion("73"), "Asia/Makassar");     // Sulawesi Selatan
  EXPECT_EQ(TimezoneForRegion("64.72"), "Asia/Makassar");  // Kalimantan Timur
  EXPECT_EQ(TimezoneForRegion("62"), "Asia/Jakarta");      // Kalimantan Tengah: WIB
  EXPECT_EQ(TimezoneForRegion("81.01"), "Asia/Jayapura");  // Maluku: WIT
  EXPECT_EQ(TimezoneForRegion("94"), "Asia/Jayapura");     // Papua
}

TEST(OrgModel, KindNamesRoundTrip) {
  for (auto k : {NodeKind::kNasional, NodeKind::kKementerianLembaga, NodeKind::kProvinsi, NodeKind::kKabupatenKota,
                 NodeKind::kPerangkatDaerah, NodeKind::kUnitKerja, NodeKind::kKecamatan, NodeKind::kKelurahanDesa}) {
    EXPECT_EQ(ParseKind(KindName(k)), k);
  }
}

TEST(RegionCsv, ReadsQuotedNamesWithEscapedQuotes) {
  auto rows = ParseRegionCsv("code,regency_code,name\n35.29.22,35.29,\"Ra\"\"as\"\n12.10.01,12.10,Rantau Utara\n", 3);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].name, "Ra\"as");
  EXPECT_EQ(rows[1].parent_code, "12.10");
  EXPECT_EQ(rows[1].level, 3);
  auto provinces = ParseRegionCsv("code,name\r\n12,Sumatera Utara\r\n", 1);
  ASSERT_EQ(provinces.size(), 1u);
  EXPECT_EQ(provinces[0].name, "Sumatera Utara");
}

}  // namespace
}  // namespace spbe::org
