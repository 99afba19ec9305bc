#include "ops/service.hpp"

#include <cctype>

namespace spbe::ops {

Status ValidateProbe(const ProbeInput& in) {
  std::vector<FieldError> errors;
  bool key_ok = !in.key.empty() && in.key.size() <= 100;
  for (char c : in.key) {
    key_ok = key_ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == ':' || c == '-');
  }
  if (!key_ok) errors.push_back({"key", "1-100 characters of letters, digits and . _ : -"});
  if (in.payload.size() > 1000) errors.push_back({"payload", "at most 1000 bytes"});
  if (!errors.empty()) return Error::Validation(std::move(errors));
  return Ok{};
}

Result<ProbeRecord> OpsService::RecordProbe(const ProbeInput& in) {
  if (auto v = ValidateProbe(in); !v.ok()) return v.error();
  std::string now = now_();
  return db_.WriteReturning<ProbeRecord>([&](soci::session& s) -> Result<ProbeRecord> {
    if (auto existing = store_.FindByKey(s, in.key)) return *existing;
    return store_.Insert(s, in, now);
  });
}

}  // namespace spbe::ops
