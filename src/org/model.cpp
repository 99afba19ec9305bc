#include "org/model.hpp"

#include <array>
#include <vector>

#include "platform/i18n.hpp"

namespace spbe::org {
namespace {

struct KindRow {
  NodeKind kind;
  std::string_view name;
};
constexpr std::array<KindRow, 8> kKinds = {{{NodeKind::kNasional, "nasional"},
                                            {NodeKind::kKementerianLembaga, "kementerian_lembaga"},
                                            {NodeKind::kProvinsi, "provinsi"},
                                            {NodeKind::kKabupatenKota, "kabupaten_kota"},
                                            {NodeKind::kPerangkatDaerah, "perangkat_daerah"},
                                            {NodeKind::kUnitKerja, "unit_kerja"},
                                            {NodeKind::kKecamatan, "kecamatan"},
                                            {NodeKind::kKelurahanDesa, "kelurahan_desa"}}};

bool ValidSlug(std::string_view s) {
  if (s.empty() || s.size() > 40 || s.front() == '-' || s.back() == '-') return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

}  // namespace

std::string_view KindName(NodeKind k) {
  for (const auto& r : kKinds) {
    if (r.kind == k) return r.name;
  }
  return "";
}

std::optional<NodeKind> ParseKind(std::string_view name) {
  for (const auto& r : kKinds) {
    if (r.name == name) return r.kind;
  }
  return std::nullopt;
}

bool MayContain(std::optional<NodeKind> parent, NodeKind child) {
  using K = NodeKind;
  if (!parent) {
    // A deployment may serve the whole country, one province or one kabupaten/kota.
    return child == K::kNasional || child == K::kProvinsi || child == K::kKabupatenKota;
  }
  switch (child) {
    case K::kNasional:
      return false;
    case K::kKementerianLembaga:
      return *parent == K::kNasional;
    case K::kProvinsi:
      return *parent == K::kNasional;
    case K::kKabupatenKota:
      return *parent == K::kProvinsi;
    case K::kPerangkatDaerah:
      return *parent == K::kProvinsi || *parent == K::kKabupatenKota;
    case K::kUnitKerja:
      return *parent == K::kPerangkatDaerah || *parent == K::kKementerianLembaga || *parent == K::kUnitKerja;
    case K::kKecamatan:
      return *parent == K::kKabupatenKota;
    case K::kKelurahanDesa:
      return *parent == K::kKecamatan;
  }
  return false;
}

int RegionLevel(NodeKind k) {
  switch (k) {
    case NodeKind::kProvinsi:
      return 1;
    case NodeKind::kKabupatenKota:
      return 2;
    case NodeKind::kKecamatan:
      return 3;
    case NodeKind::kKelurahanDesa:
      return 4;
    default:
      return 0;
  }
}

std::string TimezoneForRegion(std::string_view code) {
  int province = code.size() >= 2 ? (code[0] - '0') * 10 + (code[1] - '0') : 0;
  // WITA: Bali, Nusa Tenggara, South/East/North Kalimantan, Sulawesi. WIT: Maluku and Papua. WIB: the rest.
  if (province == 51 || province == 52 || province == 53 || (province >= 63 && province <= 65) ||
      (province >= 71 && province <= 76)) {
    return "Asia/Makassar";
  }
  if (province >= 81) return "Asia/Jayapura";
  return "Asia/Jakarta";
}

Status ValidateNewNode(const NewNode& n, const std::optional<Node>& parent, const RegionLevelOf& region_level,
                       std::string_view lang) {
  std::vector<FieldError> errors;
  if (n.parent_id && !parent) {
    errors.push_back({"parent_id", i18n::Tr(lang, "org_parent_not_found")});
  } else if (!MayContain(parent ? std::optional<NodeKind>(parent->kind) : std::nullopt, n.kind)) {
    errors.push_back({"kind", i18n::Tr(lang, "org_kind_misplaced")});
  }
  if (n.name.empty() || n.name.size() > 200) {
    errors.push_back({"name", i18n::Tr(lang, "org_name_length")});
  }
  if (!ValidSlug(n.slug)) {
    errors.push_back({"slug", i18n::Tr(lang, "org_slug_invalid")});
  }
  int level = RegionLevel(n.kind);
  if (level == 0 && !n.region_code.empty()) {
    errors.push_back({"region_code", i18n::Tr(lang, "org_region_not_expected")});
  } else if (level > 0) {
    auto found = region_level(n.region_code);
    // Villages are not loaded by default: a level-4 code is checked by its shape and its kecamatan.
    bool shape_ok = level == 4 && n.region_code.size() == 13 && n.region_code[8] == '.';
    if (!(found ? *found == level : shape_ok)) {
      errors.push_back({"region_code", i18n::Tr(lang, "org_region_wrong_level")});
    } else if (parent && !parent->region_code.empty() && n.region_code.rfind(parent->region_code + ".", 0) != 0) {
      errors.push_back({"region_code", i18n::Tr(lang, "org_region_outside_parent")});
    }
  }
  if (!errors.empty()) return Error::Validation(std::move(errors));
  return Ok{};
}

}  // namespace spbe::org
