// Contracts as types: one Boost.Describe description gives the schema, the reading (an error per wrong field) and
// the writing of a body.
#include "http/contract.hpp"

#include <gtest/gtest.h>

namespace spbe::http::contract {
namespace {

namespace json = boost::json;

struct Place {
  std::string region;
  std::optional<double> latitude;
};
BOOST_DESCRIBE_STRUCT(Place, (), (region, latitude))

struct Filing {
  std::string service;
  std::int64_t copies = 0;
  bool urgent = false;
  std::optional<std::string> note;
  std::vector<std::string> tags;
  Place place;
};
BOOST_DESCRIBE_STRUCT(Filing, (), (service, copies, urgent, note, tags, place))

TEST(Contract, TheSchemaComesFromTheDescription) {
  json::object s = Schema<Filing>();
  EXPECT_EQ(s.at("type"), "object");
  EXPECT_EQ(s.at("properties").at("service").at("type"), "string");
  EXPECT_EQ(s.at("properties").at("copies").at("format"), "int64");
  EXPECT_EQ(s.at("properties").at("urgent").at("type"), "boolean");
  EXPECT_EQ(s.at("properties").at("tags").at("items").at("type"), "string");
  EXPECT_EQ(s.at("properties").at("place").at("properties").at("latitude").at("type"), "number");
  EXPECT_EQ(json::serialize(s.at("required")), R"(["service","copies","urgent","tags","place"])")
      << "an optional member is not required";
  EXPECT_EQ(json::serialize(s.at("properties").at("place").at("required")), R"(["region"])");
}

TEST(Contract, ReadingNamesEveryWrongOrMissingFieldInTheLanguage) {
  auto ok = Read<Filing>(json::parse(R"({"service": "sku", "copies": 2, "urgent": true, "tags": ["a"],
                                         "place": {"region": "12.10"}, "unknown": 1})"),
                         "id");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->copies, 2);
  EXPECT_FALSE(ok->note.has_value());
  EXPECT_EQ(ok->place.region, "12.10");

  auto bad = Read<Filing>(json::parse(R"({"service": 5, "copies": "two", "tags": ["a", 3], "place": {}})"), "en");
  ASSERT_FALSE(bad.ok());
  std::map<std::string, std::string> by_field;
  for (const auto& f : bad.error().fields) by_field[f.field] = f.message;
  EXPECT_EQ(by_field["service"], "text");
  EXPECT_EQ(by_field["copies"], "a whole number");
  EXPECT_EQ(by_field["urgent"], "required");
  EXPECT_EQ(by_field["tags[1]"], "text");
  EXPECT_EQ(by_field["place.region"], "required");
  EXPECT_EQ(Read<Filing>(json::parse("[1]"), "id").error().fields.front().message, "sebuah objek");
}

TEST(Contract, WritingLeavesOutAnEmptyOptional) {
  Filing f{"sku", 1, false, std::nullopt, {"x"}, {"12.10", 2.5}};
  json::object o = Write(f);
  EXPECT_FALSE(o.contains("note"));
  EXPECT_EQ(o.at("service"), "sku");
  EXPECT_EQ(o.at("place").at("latitude").as_double(), 2.5);
  f.note = "segera";
  EXPECT_EQ(Write(f).at("note"), "segera");
  // What is written reads back as it was.
  auto back = Read<Filing>(Write(f), "id");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->note, "segera");
  EXPECT_EQ(back->place.latitude, 2.5);
}

}  // namespace
}  // namespace spbe::http::contract
