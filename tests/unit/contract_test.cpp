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
  EXPECT_EQ(by_field["service"], "must be text");
  EXPECT_EQ(by_field["copies"], "must be a whole number");
  EXPECT_EQ(by_field["urgent"], "required");
  EXPECT_EQ(by_field["tags[1]"], "must be text");
  EXPECT_EQ(by_field["place.region"], "required");
  EXPECT_EQ(Read<Filing>(json::parse("[1]"), "id").error().fields.front().message, "harus berupa objek");
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

struct Answer {
  Nullable<std::string> due_at;
  std::vector<Place> places;
  json::object data;
  static json::object Notes() { return {{"due_at", {{"description", "when it is due"}}}}; }
};
BOOST_DESCRIBE_STRUCT(Answer, (), (due_at, places, data))

TEST(Contract, NullableIsAlwaysWrittenAndClosedSchemasListEveryMember) {
  Answer a{std::nullopt, {{"12.10", std::nullopt}}, {{"k", 1}}};
  json::object o = Write(a);
  ASSERT_TRUE(o.contains("due_at"));
  EXPECT_TRUE(o.at("due_at").is_null());
  EXPECT_FALSE(o.at("places").at(0).as_object().contains("latitude"));
  EXPECT_EQ(o.at("data").at("k"), 1);
  a.due_at = std::string("2026-12-31T00:00:00Z");
  EXPECT_EQ(Write(a).at("due_at"), "2026-12-31T00:00:00Z");

  json::object s = Schema<Answer>(true);
  EXPECT_EQ(s.at("additionalProperties"), false);
  EXPECT_EQ(s.at("properties").at("places").at("items").at("additionalProperties"), false);
  EXPECT_EQ(s.at("properties").at("due_at").at("description"), "when it is due") << "Notes() adds keywords";
  EXPECT_EQ(json::serialize(s.at("properties").at("due_at").at("anyOf").at(1)), R"({"type":"null"})");
  EXPECT_FALSE(Schema<Answer>().contains("additionalProperties")) << "a request's schema stays open";

  auto back = Read<Answer>(json::parse(R"({"due_at": null, "places": [], "data": {}})"), "id");
  ASSERT_TRUE(back.ok());
  EXPECT_FALSE(back->due_at);
  EXPECT_FALSE(Read<Answer>(json::parse(R"({"due_at": 5, "places": [], "data": []})"), "en").ok());
}

}  // namespace
}  // namespace spbe::http::contract
