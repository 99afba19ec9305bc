// spbe-agency-sim: plays other agencies' systems behind the service connection bus, for the demo and the tests: a
// population register (Disdukcapil's SIAK: 1,000 synthetic residents with valid-form NIKs, names, birth dates and
// parents) and a business register (NIB). Like a real provider it trusts nothing but the bus: every request must
// carry the bus's HTTP Message Signature (RFC 9421, label "spl", Ed25519, keys from the bus's JWKS) over the method,
// target URI, Content-Digest (RFC 9530, checked against the body) and the X-SPL-* headers; anything else is refused.
//
//   spbe-agency-sim --port 8091 --bus http://127.0.0.1:8080

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>

#include "http/router.hpp"
#include "http/server.hpp"
#include "interop/signature.hpp"
#include "platform/crypto.hpp"
#include "platform/http_client.hpp"

namespace {

namespace json = boost::json;
using spbe::http::Request;
using spbe::http::Response;

struct Resident {
  std::string nik, name, birth_place, birth_date, sex, father, mother, father_nik, mother_nik, address;
};
struct Business {
  std::string nib, name, kbli, address, owner_nik;
};

const char* const kMen[] = {"Ahmad", "Budi", "Rudi",  "Agus", "Hendra", "Joko",   "Rizky", "Fajar", "Dedi",  "Yusuf",
                            "Andi",  "Bayu", "Dimas", "Eko",  "Fadli",  "Gilang", "Hasan", "Irfan", "Putra", "Surya"};
const char* const kWomen[] = {"Siti",  "Dewi", "Rina",  "Ayu",  "Putri",  "Nur",   "Intan", "Lestari", "Wulan", "Sri",
                              "Fitri", "Maya", "Ratna", "Yuni", "Aisyah", "Indah", "Mega",  "Nisa",    "Tari",  "Ani"};
const char* const kFamily[] = {"Siregar", "Nasution", "Harahap", "Lubis",    "Hasibuan", "Ritonga", "Simatupang",
                               "Pane",    "Daulay",   "Rambe",   "Sitompul", "Pohan",    "Tanjung", "Matondang"};
const char* const kVillages[] = {"Kel. Bakaran Batu", "Kel. Padang Matinggi",  "Kel. Sioldengan",
                                 "Kel. Cendana",      "Kel. Ujung Bandar",     "Desa Perbaungan",
                                 "Desa Sei Kasih",    "Desa Tebing Linggahara"};

template <std::size_t N>
const char* Pick(std::mt19937& rng, const char* const (&list)[N]) {
  return list[std::uniform_int_distribution<std::size_t>(0, N - 1)(rng)];
}

// NIK: 6 digits of the kecamatan (Labuhanbatu 12.10.xx), DDMMYY of birth (40 added to the day for women), and a
// 4-digit serial.
std::string Nik(int kecamatan, int day, int month, int year, bool woman, int serial) {
  return fmt::format("1210{:02}{:02}{:02}{:02}{:04}", kecamatan, day + (woman ? 40 : 0), month, year % 100, serial);
}

// The registers, made the same way every time from one seed: the demo's printed NIKs keep working.
struct Registers {
  std::map<std::string, Resident> residents;
  std::map<std::string, Business> businesses;
  std::vector<std::string> order;  // residents in the order made, for the listing page

  explicit Registers(unsigned seed) {
    std::mt19937 rng(seed);
    int serial = 1;
    auto person = [&](bool woman, int year, const std::string& family) {
      Resident r;
      int day = std::uniform_int_distribution<int>(1, 28)(rng);
      int month = std::uniform_int_distribution<int>(1, 12)(rng);
      int kec = std::uniform_int_distribution<int>(1, 9)(rng);
      r.nik = Nik(kec, day, month, year, woman, serial++);
      r.name = std::string(woman ? Pick(rng, kWomen) : Pick(rng, kMen)) + " " + family;
      r.birth_place = "Rantauprapat";
      r.birth_date = fmt::format("{:04}-{:02}-{:02}", year, month, day);
      r.sex = woman ? "P" : "L";
      r.address = std::string(Pick(rng, kVillages)) + ", Kec. Rantau Utara, Kab. Labuhanbatu";
      return r;
    };
    // 250 families of four: two parents and two children, 1,000 residents.
    for (int f = 0; f < 250; ++f) {
      std::string family = Pick(rng, kFamily);
      int parents_year = std::uniform_int_distribution<int>(1965, 1995)(rng);
      Resident father = person(false, parents_year, family);
      Resident mother = person(true, parents_year + 2, Pick(rng, kFamily));
      mother.address = father.address;
      for (int c = 0; c < 2; ++c) {
        bool woman = std::uniform_int_distribution<int>(0, 1)(rng) == 1;
        Resident child = person(woman, std::min(parents_year + 22 + c * 3, 2024), family);
        child.father = father.name;
        child.mother = mother.name;
        child.father_nik = father.nik;
        child.mother_nik = mother.nik;
        child.address = father.address;
        Add(std::move(child));
      }
      Add(std::move(father));
      Add(std::move(mother));
    }
    for (int b = 0; b < 100; ++b) {
      Business x;
      x.nib = fmt::format("91200{:08}", 1000 + b * 37);
      static const char* const kKinds[] = {"Toko", "CV", "UD", "Warung", "Bengkel"};
      static const char* const kKbli[] = {"47111", "56102", "45201", "10710", "47721"};
      x.name = fmt::format("{} {}", kKinds[b % 5], Pick(rng, kFamily));
      x.kbli = kKbli[b % 5];
      x.address = std::string(Pick(rng, kVillages)) + ", Kab. Labuhanbatu";
      x.owner_nik = order[static_cast<std::size_t>(b * 7) % order.size()];
      businesses.emplace(x.nib, std::move(x));
    }
  }
  void Add(Resident r) {
    order.push_back(r.nik);
    residents.emplace(r.nik, std::move(r));
  }
};

// The bus's public keys, fetched from its JWKS and fetched again (at most every ten seconds) when a key id is unknown.
class BusKeys {
 public:
  explicit BusKeys(std::string bus) : bus_(std::move(bus)) {}
  std::optional<std::string> Find(std::string_view kid) {
    std::lock_guard lock(mu_);
    if (auto it = keys_.find(std::string(kid)); it != keys_.end()) return it->second;
    auto now = std::chrono::steady_clock::now();
    if (now - fetched_ < std::chrono::seconds(10) && fetched_.time_since_epoch().count() != 0) return std::nullopt;
    fetched_ = now;
    auto reply = spbe::Fetch({.method = "GET", .url = bus_ + "/interop/v1/keys", .timeout_s = 5});
    if (!reply.ok() || reply->status != 200) return std::nullopt;
    boost::system::error_code ec;
    auto doc = json::parse(reply->body, ec);
    if (ec || !doc.is_object() || !doc.as_object().contains("keys")) return std::nullopt;
    for (const auto& k : doc.at("keys").as_array()) {
      if (!k.is_object()) continue;
      const auto& o = k.as_object();
      const auto* crv = o.if_contains("crv");
      if (!o.contains("kid") || !o.contains("x") || !crv || *crv != "Ed25519") continue;
      if (!o.at("kid").is_string() || !o.at("x").is_string()) continue;
      auto raw = spbe::interop::FromBase64Url(o.at("x").as_string());
      if (raw && raw->size() == 32) keys_[std::string(o.at("kid").as_string())] = *raw;
    }
    if (auto it = keys_.find(std::string(kid)); it != keys_.end()) return it->second;
    return std::nullopt;
  }

 private:
  std::string bus_;
  std::mutex mu_;
  std::map<std::string, std::string> keys_;
  std::chrono::steady_clock::time_point fetched_{};
};

struct Counters {
  std::atomic<long> accepted{0}, refused{0};
  std::mutex mu;
  std::string last_refusal;
};

Response Problem(int status, const std::string& detail) {
  auto res = Response::Json(
      status, json::serialize(json::object{
                  {"title", status == 401 ? "Unauthorized" : "Not Found"}, {"status", status}, {"detail", detail}}));
  res.Set("Content-Type", "application/problem+json");
  return res;
}

// The bus's signature over the request, or the reason it is refused.
std::optional<std::string> Refusal(const Request& req, BusKeys& keys) {
  auto input = req.Header("signature-input"), signature = req.Header("signature");
  if (!input || !signature) return "no Signature-Input and Signature from the bus";
  auto digest = req.Header("content-digest");
  if (!digest || !spbe::interop::ContentDigestMatches(*digest, req.body)) {
    return "Content-Digest is missing or does not match the body";
  }
  spbe::interop::Message m;
  m.method = req.method;
  m.scheme = "http";
  m.authority = std::string(req.Header("host").value_or(""));
  auto q = req.target.find('?');
  m.path = req.target.substr(0, q);
  m.query = q == std::string::npos ? "" : req.target.substr(q);
  for (const char* name : {"content-digest", "x-spl-client", "x-spl-request-id", "x-spl-user"}) {
    if (auto v = req.Header(name)) m.fields.emplace_back(name, std::string(*v));
  }
  spbe::interop::VerifyPolicy policy;
  policy.required = {"@method", "@target-uri", "content-digest", "x-spl-client", "x-spl-request-id"};
  policy.now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  // The end user the bus names is signed too when present: nobody can add one on the way.
  if (req.Header("x-spl-user")) policy.required.push_back("x-spl-user");
  auto ok = spbe::interop::Verify(m, *input, *signature, "spl", policy,
                                  [&keys](std::string_view kid) { return keys.Find(kid); });
  if (!ok.ok()) return ok.error().detail;
  auto parsed = spbe::interop::ParseSignature(*input, *signature, "spl");
  if (!parsed.ok() || parsed->params.tag != "spbe-spl") return "the signature is not the bus's (tag)";
  return std::nullopt;
}

// Only for `make bench`'s direct baseline: the same endpoint without the signature check, so the figure through the
// bus and the one without it differ only by the bus.
bool accept_unsigned = false;

// Every register route: the signature first, then the answer.
spbe::http::Handler Signed(BusKeys& keys, Counters& counters, std::function<Response(Request&)> answer) {
  return [&keys, &counters, answer = std::move(answer)](Request& req) {
    if (auto why = accept_unsigned ? std::nullopt : Refusal(req, keys)) {
      ++counters.refused;
      std::lock_guard lock(counters.mu);
      counters.last_refusal = *why;
      return Problem(401, *why);
    }
    ++counters.accepted;
    return answer(req);
  };
}

json::object ResidentJson(const Resident& r) {
  return {{"nik", r.nik},
          {"nama", r.name},
          {"tempat_lahir", r.birth_place},
          {"tanggal_lahir", r.birth_date},
          {"jenis_kelamin", r.sex},
          {"nama_ayah", r.father},
          {"nama_ibu", r.mother},
          {"nik_ayah", r.father_nik},
          {"nik_ibu", r.mother_nik},
          {"alamat", r.address}};
}

void AddRoutes(spbe::http::Router& router, const Registers& reg, BusKeys& keys, Counters& counters) {
  router.Add("GET", "/siak/penduduk/{nik}", Signed(keys, counters, [&reg](Request& req) {
               auto it = reg.residents.find(req.params["nik"]);
               if (it == reg.residents.end()) return Problem(404, "NIK tidak terdaftar");
               auto res = Response::Json(200, json::serialize(ResidentJson(it->second)));
               return res;
             }));
  router.Add("GET", "/oss/nib/{nib}", Signed(keys, counters, [&reg](Request& req) {
               auto it = reg.businesses.find(req.params["nib"]);
               if (it == reg.businesses.end()) return Problem(404, "NIB tidak terdaftar");
               const auto& b = it->second;
               return Response::Json(200, json::serialize(json::object{{"nib", b.nib},
                                                                       {"nama_usaha", b.name},
                                                                       {"kbli", b.kbli},
                                                                       {"alamat", b.address},
                                                                       {"nik_pemilik", b.owner_nik}}));
             }));
  // For the tests and the demo of a slow provider: answers after ?ms= milliseconds (at most 30 s).
  for (const char* method : {"GET", "POST"}) {
    router.Add(method, "/lambat", Signed(keys, counters, [](Request& req) {
                 int ms = std::clamp(std::atoi(req.Query("ms").value_or("0").c_str()), 0, 30000);
                 std::this_thread::sleep_for(std::chrono::milliseconds(ms));
                 return Response::Json(200, json::serialize(json::object{{"waited_ms", ms}}));
               }));
    // Echoes what reached the provider: the bus's headers and the body, so a test sees what was forwarded.
    router.Add(method, "/gema/{rest*}", Signed(keys, counters, [](Request& req) {
                 json::object headers;
                 for (const auto& [k, v] : req.headers) headers[k] = v;
                 return Response::Json(200, json::serialize(json::object{{"method", req.method},
                                                                         {"target", req.target},
                                                                         {"headers", std::move(headers)},
                                                                         {"body", req.body}}));
               }));
  }
  // Some of the synthetic NIKs and NIBs, for the demo's instructions and the tests: children (with parents) first.
  router.Add("GET", "/contoh", [&reg](Request&) {
    json::array children, nibs;
    for (const auto& nik : reg.order) {
      const auto& r = reg.residents.at(nik);
      if (!r.father_nik.empty() && children.size() < 5) children.push_back(json::value(ResidentJson(r)));
    }
    for (const auto& [nib, b] : reg.businesses) {
      if (nibs.size() < 5) nibs.emplace_back(nib);
    }
    return Response::Json(200,
                          json::serialize(json::object{{"penduduk", std::move(children)}, {"nib", std::move(nibs)}}));
  });
  router.Add("GET", "/stats", [&counters](Request&) {
    std::lock_guard lock(counters.mu);
    return Response::Json(200, json::serialize(json::object{{"accepted", counters.accepted.load()},
                                                            {"refused", counters.refused.load()},
                                                            {"last_refusal", counters.last_refusal}}));
  });
  // The synthetic residents, for people trying the demo (no personal data: all of it is made up).
  router.Add("GET", "/", [&reg](Request&) {
    std::string rows;
    for (std::size_t i = 0; i < reg.order.size() && i < 40; ++i) {
      const auto& r = reg.residents.at(reg.order[i]);
      rows += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", r.nik, r.name,
                          r.birth_date, r.father, r.mother);
    }
    return Response::Html(200,
                          "<!doctype html><html lang=\"id\"><meta charset=\"utf-8\"><title>Simulator instansi"
                          "</title><h1>Simulator Disdukcapil dan OSS</h1><p>Data buatan (bukan data pribadi). "
                          "Semua permintaan harus melalui bus SPL dan ditandatangani.</p><table><tr><th>NIK</th>"
                          "<th>Nama</th><th>Lahir</th><th>Ayah</th><th>Ibu</th></tr>" +
                              rows + "</table></html>");
  });
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"spbe-agency-sim: a population and a business register behind the bus, for the demo and the tests"};
  int port = 8091;
  std::string bus = "http://127.0.0.1:8080";
  unsigned seed = 1210;
  cli.add_option("--port", port, "port on 127.0.0.1 (0: any free port)")->capture_default_str();
  cli.add_option("--bus", bus, "the bus (the portal) whose keys sign every request")->capture_default_str();
  cli.add_option("--seed", seed, "makes the same registers every time")->capture_default_str();
  cli.add_flag("--accept-unsigned", accept_unsigned,
               "benchmarks only: answer requests without the bus's signature (a direct baseline)");
  CLI11_PARSE(cli, argc, argv);

  spbe::crypto::InitCrypto();
  Registers registers(seed);
  BusKeys keys(bus);
  Counters counters;
  spbe::http::Router router;
  AddRoutes(router, registers, keys, counters);

  spbe::http::ServerOptions options;
  options.bind = "127.0.0.1";
  options.port = port;
  options.workers = 8;
  options.io_threads = 1;
  spbe::http::Server server(options, router);
  auto bound = server.Start();
  if (!bound.ok()) {
    std::fprintf(stderr, "spbe-agency-sim: %s\n", bound.error().detail.c_str());
    return 1;
  }
  if (accept_unsigned) std::fprintf(stderr, "spbe-agency-sim: --accept-unsigned: signatures are NOT checked\n");
  const auto& first = registers.residents.at(registers.order.front());
  std::printf("spbe-agency-sim: registers on http://127.0.0.1:%d/ (SIAK /siak, OSS /oss), signed by %s; e.g. NIK %s\n",
              *bound, bus.c_str(), first.nik.c_str());
  std::fflush(stdout);
  server.StopOnSignals();
  server.Wait();
  return 0;
}
