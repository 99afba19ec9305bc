// The demo's service connection bus: Disdukcapil's population register (SIAK) and DPMPTSP's regional business
// register published on the bus, played by spbe-agency-sim on 127.0.0.1:8091; DPMPTSP's licensing system granted
// the population service to prefill forms; and a demo key for that system whose value README.md prints (like the
// demo passwords, it lives in a database serve refuses without --demo).
#include <soci/soci.h>

#include "app/wiring.hpp"
#include "demo/detail.hpp"
#include "identity/store.hpp"
#include "interop/forwarder.hpp"
#include "interop/service.hpp"
#include "platform/crypto.hpp"
#include "platform/limits.hpp"
#include "platform/resources.hpp"

namespace spbe::demo::detail {
namespace {

constexpr const char* kDemoKey = "spbe_demo0001_DemoKunciSistemPerizinanLabuhanbatu2026";
constexpr const char* kSimBase = "http://127.0.0.1:8091";

Result<interop::ServiceRow> PublishFrom(interop::InteropService& bus, const access::Actor& admin,
                                        std::int64_t system_id, interop::ServiceInput in, const char* openapi_file,
                                        const std::string& provider_url) {
  auto doc = resources::Find(openapi_file);
  if (!doc) return Error::Of(ErrorCode::kInternal, std::string(openapi_file) + " is not embedded");
  in.openapi = std::string(*doc);
  auto service = bus.Publish(admin, system_id, in, "id");
  if (!service.ok()) return service.error();
  return bus.SetProviderUrl(admin, service->id, provider_url, "id");
}

}  // namespace

Status SeedInterop(storage::Database& db, const Config& config, org::OrgService& org,
                   identity::IdentityService& identity, const PiiVault& vault, std::int64_t kab,
                   const std::map<std::string, std::int64_t>& node_of) {
  access::Actor admin;
  admin.platform = true;
  admin.grants = {{kab, access::Role::kAdminPlatform}};
  auto store = interop::MakeSqlInteropStore();
  app::IdentityCredentials credentials(identity);
  interop::CurlForwarder forwarder({});  // the seed calls no provider
  Unlimited unlimited;
  interop::InteropService bus(db, *store, org, credentials, forwarder, vault, unlimited.limiter, SystemClock(),
                              interop::Options{config.public_url});
  auto siak = bus.RegisterSystem(admin,
                                 {node_of.at("disdukcapil"),
                                  "disdukcapil-labuhanbatu",
                                  {"siak", "SIAK Disdukcapil Labuhanbatu",
                                   "Bidang Pengelolaan Informasi Administrasi "
                                   "Kependudukan",
                                   "piak@disdukcapil.labuhanbatukab.go.id"}},
                                 "id");
  if (!siak.ok()) return Failed("interop system siak", siak.error());
  auto perizinan = bus.RegisterSystem(admin,
                                      {node_of.at("dpmptsp"),
                                       "dpmptsp-labuhanbatu",
                                       {"perizinan", "Sistem Perizinan Online DPMPTSP", "Bidang Pelayanan Perizinan",
                                        "perizinan@dpmptsp.labuhanbatukab.go.id"}},
                                      "id");
  if (!perizinan.ok()) return Failed("interop system perizinan", perizinan.error());
  auto oss = bus.RegisterSystem(
      admin,
      {node_of.at("dpmptsp"),
       "",
       {"oss-daerah", "Data Berusaha Daerah (NIB)", "Bidang Data dan Informasi", "data@dpmptsp.labuhanbatukab.go.id"}},
      "id");
  if (!oss.ok()) return Failed("interop system oss-daerah", oss.error());

  interop::ServiceInput penduduk;
  penduduk.code = "penduduk";
  penduduk.name_id = "Data penduduk menurut NIK";
  penduduk.name_en = "Resident data by NIK";
  penduduk.description_id =
      "Nama, tempat dan tanggal lahir, jenis kelamin, nama orang tua dan alamat seorang penduduk, untuk mengisi "
      "formulir layanan tanpa meminta warga mengetik ulang data yang sudah dipegang pemerintah.";
  penduduk.description_en =
      "A resident's name, place and date of birth, sex, parents' names and address, so service forms are filled "
      "without asking citizens again for what the government already holds.";
  penduduk.timeout_ms = 3000;
  penduduk.data_class = "personal";
  auto population =
      PublishFrom(bus, admin, siak->id, penduduk, "data/interop/siak-openapi.json", std::string(kSimBase) + "/siak");
  if (!population.ok()) return Failed("interop service penduduk", population.error());

  interop::ServiceInput nib;
  nib.code = "nib";
  nib.name_id = "Data pelaku usaha menurut NIB";
  nib.name_en = "Business data by NIB";
  nib.description_id = "Nama usaha, KBLI, alamat dan NIK pemilik menurut Nomor Induk Berusaha.";
  nib.description_en = "Business name, KBLI, address and the owner's NIK by business identification number (NIB).";
  nib.timeout_ms = 3000;
  nib.data_class = "internal";
  nib.open_to_all = true;
  auto business =
      PublishFrom(bus, admin, oss->id, nib, "data/interop/oss-openapi.json", std::string(kSimBase) + "/oss");
  if (!business.ok()) return Failed("interop service nib", business.error());

  // This platform's own system (its API joins the directory when the server starts): the portal's forms fetch what
  // Disdukcapil holds (the parents' names on Akta Kelahiran) as this system, for the applicant.
  auto portal = bus.RegisterSystem(
      admin, {kab, "spbe-labuhanbatu", {"portal", "SPBE Terpadu", "Dinas Komunikasi dan Informatika", ""}}, "id");
  if (!portal.ok()) return Failed("interop system portal", portal.error());
  auto once_only = bus.Grant(admin, population->id, portal->id,
                             "Mengisi nama orang tua pada formulir layanan dari NIK yang diketik pemohon (sekali saja)",
                             "Perpres 95/2018 Pasal 42; Permendagri 102/2019 tentang Pemberian Hak Akses dan "
                             "Pemanfaatan Data Kependudukan",
                             "id");
  if (!once_only.ok()) return Failed("interop grant portal", once_only.error());

  auto grant = bus.Grant(admin, population->id, perizinan->id,
                         "Mengisi nama orang tua pada permohonan akta kelahiran dari NIK ayah (sekali saja)",
                         "Permendagri 102/2019 tentang Pemberian Hak Akses dan Pemanfaatan Data Kependudukan", "id");
  if (!grant.ok()) return Failed("interop grant", grant.error());

  // The demo key, with a value anyone reading README.md knows: written as identity keeps keys (its hash only).
  auto identity_store = identity::MakeSqlIdentityStore();
  std::string key = kDemoKey;
  return db.Write([&](soci::session& s) -> Status {
    identity::ApiKeyRow row;
    row.node_id = node_of.at("dpmptsp");
    row.name = "interop:" + perizinan->Address() + " (demo)";
    row.scopes = "interop";
    row.prefix = key.substr(5, 8);
    row.key_hash = crypto::Sha256Hex(key);
    row.created_at = FormatUtc(std::chrono::system_clock::now());
    std::int64_t id = identity_store->InsertApiKey(s, row);
    store->SetSystemKey(s, perizinan->id, id);
    return Ok{};
  });
}

}  // namespace spbe::demo::detail
