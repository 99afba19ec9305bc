// The bus's pure rules: codes, paths a client may call, provider addresses, uploaded documents, the log's chain, and a
// form field that fills others through the bus.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "catalog/model.hpp"
#include "interop/model.hpp"
#include "platform/crypto.hpp"

namespace spbe::interop {
namespace {

TEST(InteropModel, CodesAreShortLowercaseAndHyphenated) {
  for (const char* ok : {"siak", "disdukcapil-labuhanbatu", "a1", "oss-daerah"}) EXPECT_TRUE(ValidCode(ok)) << ok;
  const std::string too_long(41, 'a');
  for (const std::string& bad :
       {std::string(), std::string("a"), std::string("-siak"), std::string("siak-"), std::string("SIAK"),
        std::string("si ak"), std::string("si/ak"), std::string("si_ak"), std::string("\xc5\x9f"), too_long}) {
    EXPECT_FALSE(ValidCode(bad)) << bad;
  }
}

TEST(InteropModel, AClientCannotClimbOutOfTheService) {
  EXPECT_EQ(CleanCallPath(""), "/");
  EXPECT_EQ(CleanCallPath("/penduduk/1210"), "/penduduk/1210");
  EXPECT_EQ(CleanCallPath("/a/b%20c"), "/a/b%20c");
  for (const char* bad : {"/../x",  "/a/../../b", "/a/./b",    "/%2e%2e/x", "/%2E%2E/x", "/.%2e/x", "/a\\b",
                          "/a b",   "/a\x01",     "/%2e%2E/x", "/%2E%2e/x", "/a%2fb",    "/a%2Fb",  "/a%5cb",
                          "/..;/x", "/.;/x",      "/a%00b",    "/a%zz",     "/a%2",      "/%"}) {
    EXPECT_FALSE(CleanCallPath(bad)) << bad;
  }
  EXPECT_FALSE(CleanCallPath("/" + std::string(3000, 'a')));
}

TEST(InteropModel, ProviderAddressesAreHttpWithoutCredentialsQueryOrFragment) {
  EXPECT_FALSE(CheckProviderUrl("http://10.0.0.5:8080/siak", "id"));
  EXPECT_FALSE(CheckProviderUrl("https://api.disdukcapil.go.id", "en"));
  for (const char* bad : {"ftp://10.0.0.5/x", "http://u:p@10.0.0.5/x", "http://10.0.0.5/x?a=b", "http://10.0.0.5/x#f",
                          "10.0.0.5/x", "", "http://"}) {
    EXPECT_TRUE(CheckProviderUrl(bad, "id")) << bad;
  }
}

TEST(InteropModel, AnUploadedDocumentMustBeOpenApi3) {
  EXPECT_FALSE(CheckOpenApi(R"({"openapi": "3.1.0", "info": {"title": "x"}, "paths": {}})", "id"));
  for (const char* bad :
       {"", "[]", "{", R"({"swagger": "2.0"})", R"({"openapi": "2.0", "info": {"title": "x"}, "paths": {}})",
        R"({"openapi": "3.0.3", "info": {}, "paths": {}})", R"({"openapi": "3.0.3", "info": {"title": 1}})"}) {
    EXPECT_TRUE(CheckOpenApi(bad, "en")) << bad;
  }
  EXPECT_TRUE(CheckOpenApi(std::string(100000, '[') + std::string(100000, ']'), "en")) << "too deep to read";
}

TEST(InteropModel, PersonalDataIsNeverOpenToEveryMember) {
  ServiceInput in;
  in.code = "penduduk";
  in.name_id = "Penduduk";
  in.openapi = R"({"openapi": "3.1.0", "info": {"title": "x"}, "paths": {}})";
  in.data_class = "personal";
  EXPECT_TRUE(CheckService(in, "id").empty());
  in.open_to_all = true;
  auto errors = CheckService(in, "id");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "open_to_all");
  in.open_to_all = false;
  in.data_class = "rahasia";
  in.timeout_ms = 50;
  EXPECT_EQ(CheckService(in, "id").size(), 2u);
}

TEST(InteropModel, EveryFieldOfAnEntryIsInItsHash) {
  crypto::InitCrypto();
  LogRow e;
  e.request_id = "r1";
  e.at = "2026-12-02T10:00:00Z";
  e.client_system_id = 1;
  e.service_id = 2;
  e.method = "GET";
  e.path = "/penduduk/1";
  e.status = 200;
  std::string h = LogChainHash(e, std::string(64, '0'));
  EXPECT_NE(LogChainHash(e, std::string(64, '1')), h) << "the previous hash";
  LogRow changed = e;
  changed.status = 404;
  EXPECT_NE(LogChainHash(changed, std::string(64, '0')), h);
  changed = e;
  changed.path = "/penduduk/2";
  EXPECT_NE(LogChainHash(changed, std::string(64, '0')), h);
  changed = e;
  changed.method = "GE";
  changed.path = "T/penduduk/1";
  EXPECT_NE(LogChainHash(changed, std::string(64, '0')), h) << "fields cannot slide into each other";
}

TEST(CatalogPrefill, AFieldFillsOthersOnTheSameFormOnly) {
  auto definition = [](const std::string& prefill) {
    return boost::json::parse(R"({"name": "Akta", "time_limit_days": 3,
      "standard": {"legal_basis": ["UU 24/2013"], "output": "Akta", "complaints": "Lapor"},
      "form": {"fields": [
        {"name": "nik_ayah", "type": "nik", "label": "NIK ayah", "prefill": )" +
                              prefill + R"(},
        {"name": "nama_ayah", "type": "text", "label": "Nama ayah"},
        {"name": "surat", "type": "file", "label": "Surat"}]},
      "workflow": {"steps": [{"key": "putus", "name": "Putus", "node_id": 1, "role": "kepala",
        "actions": ["approve", "reject"], "time_limit_days": 3}]}})");
  };
  auto ok = catalog::ParseDefinition(
      definition(
          R"({"service": "disdukcapil/siak/penduduk", "path": "/penduduk/{value}", "fill": {"nama_ayah": "nama"}})"),
      "id");
  ASSERT_TRUE(ok.ok()) << (ok.ok() ? "" : ok.error().fields.front().field + ": " + ok.error().fields.front().message);
  ASSERT_TRUE(ok->form.fields[0].prefill);
  EXPECT_EQ(ok->form.fields[0].prefill->fill.front().first, "nama_ayah");
  auto back = catalog::ParseDefinition(catalog::ToJson(*ok), "id");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->form.fields[0].prefill->path, "/penduduk/{value}") << "written back as read";

  for (const char* bad : {R"({"service": "siak/penduduk", "path": "/penduduk/{value}", "fill": {"nama_ayah": "nama"}})",
                          R"({"service": "a/b/c", "path": "/penduduk", "fill": {"nama_ayah": "nama"}})",
                          R"({"service": "a/b/c", "path": "/p/{value}", "fill": {"tidak_ada": "nama"}})",
                          R"({"service": "a/b/c", "path": "/p/{value}", "fill": {"surat": "nama"}})",
                          R"({"service": "a/b/c", "path": "/p/{value}", "fill": {"nik_ayah": "nama"}})",
                          R"({"service": "a/b/c", "path": "/p/{value}", "fill": {}})", R"("x")"}) {
    auto refused = catalog::ParseDefinition(definition(bad), "en");
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_NE(refused.error().fields.front().field.find("form.fields[0].prefill"), std::string::npos)
        << bad << ": " << refused.error().fields.front().field;
  }
}

}  // namespace
}  // namespace spbe::interop
