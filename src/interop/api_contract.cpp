#include "interop/api_contract.hpp"

namespace spbe::interop {

namespace json = boost::json;

SystemOut SystemOutOf(const SystemRow& s) {
  return {s.id,      s.Address(), s.member_code,     s.code,      s.name, s.owner_unit, s.contact,
          s.node_id, s.node_name, s.api_key_id != 0, s.created_at};
}

ServiceOut ServiceOutOf(const ServiceRow& s, bool manager) {
  ServiceOut o;
  o.id = s.id;
  o.address = s.Address();
  o.member_code = s.member_code;
  o.system_code = s.system_code;
  o.code = s.code;
  o.name_id = s.name_id;
  o.name_en = s.name_en;
  o.description_id = s.description_id;
  o.description_en = s.description_en;
  o.agency = s.node_name;
  o.system_name = s.system_name;
  o.data_class = s.data_class;
  o.open_to_all = s.open_to_all;
  o.timeout_ms = s.timeout_ms;
  o.rate_per_minute = s.rate_per_minute;
  o.max_body_bytes = s.max_body_bytes;
  o.keep_bodies_days = s.keep_bodies_days;
  o.status = s.status;
  o.connected = !s.provider_url.empty();
  o.call_path = "/interop/v1/call/" + s.Address();
  if (manager) o.provider_url = s.provider_url;
  return o;
}

HealthOut HealthOutOf(const ServiceHealth& h) {
  return {h.calls, h.errors, h.p50_us / 1000, h.p95_us / 1000, h.last_status};
}

GrantOut GrantOutOf(const GrantRow& g) {
  return {g.id,      g.service_id,  g.service_address, g.client_system_id, g.client_address, g.status,
          g.purpose, g.legal_basis, g.requested_at,    g.decided_at,       g.reason};
}

LogEntryOut LogEntryOutOf(const LogRow& r) {
  return {r.id,
          r.request_id,
          r.at,
          r.client_address,
          r.service_address,
          r.end_user,
          r.method,
          r.path,
          r.status,
          r.outcome,
          r.duration_us,
          r.request_bytes,
          r.response_bytes,
          r.request_digest,
          r.response_digest,
          r.prev_hash,
          r.hash};
}

ServiceBody ExampleService() {
  ServiceBody b;
  b.code = "penduduk";
  b.name_id = "Data penduduk menurut NIK";
  b.name_en = "Resident data by NIK";
  b.description_id = "Nama, tanggal lahir dan nama orang tua seorang penduduk.";
  b.openapi = {{"openapi", "3.1.0"},
               {"info", {{"title", "SIAK penduduk"}, {"version", "1"}}},
               {"paths", {{"/residents/{nik}", {{"get", {{"summary", "One resident"}}}}}}}};
  b.timeout_ms = 5000;
  b.rate_per_minute = 600;
  b.data_class = "personal";
  b.open_to_all = false;
  b.keep_bodies_days = 0;
  return b;
}

GrantBody ExampleGrant() {
  return {7, 3, "Mengisi nama orang tua pada permohonan akta kelahiran",
          std::string("Permendagri 108/2019 tentang Pelaksanaan Perpres 96/2018, Pasal 58")};
}

json::object JwksSchema() {
  json::object string_type{{"type", "string"}};
  json::object key{{"type", "object"},
                   {"required", json::array{"kty", "crv", "x", "kid"}},
                   {"properties", json::object{{"kty", json::object{{"const", "OKP"}}},
                                               {"crv", json::object{{"const", "Ed25519"}}},
                                               {"x", string_type},
                                               {"kid", string_type},
                                               {"use", string_type},
                                               {"alg", string_type},
                                               {"retired_at", string_type}}}};
  json::object keys{{"type", "array"}, {"items", std::move(key)}};
  return {
      {"type", "object"}, {"required", json::array{"keys"}}, {"properties", json::object{{"keys", std::move(keys)}}}};
}

}  // namespace spbe::interop
