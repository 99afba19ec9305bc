#include "reports/model.hpp"

#include <array>
#include <cctype>

#include "platform/clock.hpp"
#include "platform/i18n.hpp"

namespace spbe::reports {
namespace {

constexpr std::array<std::string_view, 3> kKinds = {"pengaduan", "aspirasi", "informasi"};
constexpr std::array<std::string_view, 3> kIdentities = {"shown", "confidential", "anonymous"};
constexpr std::array<std::string_view, 7> kStatuses = {"submitted", "disposed", "waiting_reporter", "answered",
                                                       "reopened",  "closed",   "declined"};
constexpr std::array<std::string_view, 3> kTracks = {"simple", "dispute", "inspection"};
constexpr std::array<std::string_view, 9> kActions = {"accept",  "merge", "decline", "answer", "ask_more",
                                                      "forward", "close", "reply",   "object"};

template <typename E, std::size_t N>
std::optional<E> Find(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<E>(i);
  }
  return std::nullopt;
}

Error Refuse(const std::string& message) { return Error::Of(ErrorCode::kConflict, message); }

}  // namespace

std::string_view KindName(Kind k) { return kKinds[static_cast<std::size_t>(k)]; }
std::optional<Kind> ParseKind(std::string_view n) { return Find<Kind>(kKinds, n); }
std::string_view IdentityName(Identity i) { return kIdentities[static_cast<std::size_t>(i)]; }
std::optional<Identity> ParseIdentity(std::string_view n) { return Find<Identity>(kIdentities, n); }
std::string_view StatusName(Status s) { return kStatuses[static_cast<std::size_t>(s)]; }
std::optional<Status> ParseStatus(std::string_view n) { return Find<Status>(kStatuses, n); }
std::string_view TrackName(Track t) { return kTracks[static_cast<std::size_t>(t)]; }
std::optional<Track> ParseTrack(std::string_view n) { return Find<Track>(kTracks, n); }
std::string_view ActionName(Action a) { return kActions[static_cast<std::size_t>(a)]; }
std::optional<Action> ParseAction(std::string_view n) { return Find<Action>(kActions, n); }

Result<State> Decide(const State& state, Role role, Action action, std::string_view note, std::string_view lang) {
  bool needs_note = action == Action::kDecline || action == Action::kAnswer || action == Action::kAskMore ||
                    action == Action::kClose || action == Action::kObject || action == Action::kReply;
  if (needs_note && note.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Error::Validation({{"note", i18n::Tr(lang, "reports_note_required")}});
  }
  State next = state;
  switch (role) {
    case Role::kDesk:
      if (state.status != Status::kSubmitted) {
        return Refuse(i18n::Tr(lang, "reports_already_verified"));
      }
      if (action == Action::kAccept) {
        next.status = Status::kDisposed;
      } else if (action == Action::kMerge) {
        next.status = Status::kClosed;
      } else if (action == Action::kDecline) {
        next.status = Status::kDeclined;
      } else {
        return Refuse(i18n::Tr(lang, "reports_desk_actions"));
      }
      return next;
    case Role::kOffice:
      if (state.status != Status::kDisposed && state.status != Status::kReopened) {
        return Refuse(i18n::Tr(lang, "reports_not_waiting_for_office"));
      }
      switch (action) {
        case Action::kAnswer:
          next.status = Status::kAnswered;
          return next;
        case Action::kAskMore:
          next.status = Status::kWaitingReporter;
          return next;
        case Action::kForward:
          next.status = Status::kDisposed;  // to the office that is responsible, still waiting for an answer
          return next;
        case Action::kClose:
          next.status = Status::kClosed;
          return next;
        default:
          return Refuse(i18n::Tr(lang, "reports_office_actions"));
      }
    case Role::kReporter:
      if (action == Action::kReply && state.status == Status::kWaitingReporter) {
        next.status = Status::kDisposed;
        return next;
      }
      if (action == Action::kObject) {
        if (state.status != Status::kAnswered) {
          return Refuse(i18n::Tr(lang, "reports_objection_to_answer"));
        }
        if (state.objected) return Refuse(i18n::Tr(lang, "reports_objection_once"));
        next.status = Status::kReopened;
        next.objected = true;
        return next;
      }
      return Refuse(i18n::Tr(lang, "reports_reporter_actions"));
  }
  return Refuse(i18n::Tr(lang, "reports_role_unknown"));
}

Result<Parsed> Validate(const NewReport& r, std::string_view today, std::string_view lang) {
  std::vector<FieldError> errors;
  auto kind = ParseKind(r.kind);
  if (!kind) errors.push_back({"kind", i18n::Tr(lang, "reports_kind_invalid")});
  auto identity = ParseIdentity(r.identity);
  if (!identity) {
    errors.push_back({"identity", i18n::Tr(lang, "reports_identity_invalid")});
  }
  if (r.title.size() < 5 || r.title.size() > 150) {
    errors.push_back({"title", i18n::Tr(lang, "reports_title_length")});
  }
  if (r.body.size() < 20 || r.body.size() > 5000) {
    errors.push_back({"body", i18n::Tr(lang, "reports_body_length")});
  }
  if (!r.happened_on.empty()) {
    if (!ParseUtc(r.happened_on + "T00:00:00Z")) {
      errors.push_back({"happened_on", i18n::Tr(lang, "reports_date_invalid")});
    } else if (r.happened_on > today) {
      errors.push_back({"happened_on", i18n::Tr(lang, "reports_date_future")});
    }
  }
  if (identity && *identity != Identity::kAnonymous) {
    if (r.name.size() < 2) errors.push_back({"name", i18n::Tr(lang, "reports_name_required")});
    if (r.contact.size() < 5) {
      errors.push_back({"contact", i18n::Tr(lang, "reports_contact_required")});
    }
  }
  // Indonesia lies within about 6°N-11°S, 95°E-141°E.
  if (r.latitude || r.longitude) {
    bool inside = r.latitude && r.longitude && *r.latitude >= -11.5 && *r.latitude <= 6.5 && *r.longitude >= 94.5 &&
                  *r.longitude <= 141.5;
    if (!inside) errors.push_back({"location", i18n::Tr(lang, "reports_location_outside")});
  }
  if (!errors.empty()) return Error::Validation(std::move(errors));
  return Parsed{*kind, *identity};
}

int Limits::DaysFor(Track t) const {
  switch (t) {
    case Track::kSimple:
      return simple_days;
    case Track::kDispute:
      return dispute_days;
    case Track::kInspection:
      return inspection_days;
  }
  return simple_days;
}

std::optional<std::int64_t> ProposeOffice(const std::vector<Route>& routes, std::string_view category,
                                          std::string_view region_code, std::int64_t named_office) {
  auto covers = [&](const std::string& prefix) {
    if (prefix.empty()) return true;
    if (region_code.substr(0, prefix.size()) != prefix) return false;
    return region_code.size() == prefix.size() || region_code[prefix.size()] == '.';
  };
  // The matching rule with the longest region prefix, among those for the category or those for any category.
  auto best = [&](bool for_category) -> const Route* {
    const Route* found = nullptr;
    for (const auto& r : routes) {
      if (for_category ? r.category != category : !r.category.empty()) continue;
      if (!covers(r.region_prefix)) continue;
      if (!found || r.region_prefix.size() > found->region_prefix.size()) found = &r;
    }
    return found;
  };
  if (const Route* r = category.empty() ? nullptr : best(true)) return r->node_id;
  if (named_office != 0) return named_office;
  if (const Route* r = best(false)) return r->node_id;
  return std::nullopt;
}

std::string RedactPersonalData(std::string_view text, const std::vector<std::string>& names) {
  auto word_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' || c == '+';
  };
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    // An e-mail address: the word around an '@'.
    if (c == '@' && !out.empty() && word_char(out.back())) {
      while (!out.empty() && word_char(out.back())) out.pop_back();
      std::size_t j = i + 1;
      while (j < text.size() && word_char(text[j])) ++j;
      while (j > i + 1 && text[j - 1] == '.') --j;  // the sentence's full stop stays
      out += "[surel]";
      i = j;
      continue;
    }
    // A run of digits, with single spaces, dots or dashes between them: ten digits or more is a number about a
    // person (NIK, phone, account).
    auto digit = [&](std::size_t k) { return k < text.size() && std::isdigit(static_cast<unsigned char>(text[k])); };
    if (digit(i) || (c == '+' && digit(i + 1))) {
      std::size_t j = c == '+' ? i + 1 : i, digits = 0;
      while (digit(j) || ((text[j] == ' ' || text[j] == '-' || text[j] == '.') && digit(j + 1))) {
        digits += digit(j) ? 1 : 0;
        ++j;
      }
      if (digits >= 10) {
        out += "[nomor disamarkan]";
      } else {
        out.append(text.substr(i, j - i));
      }
      i = j;
      continue;
    }
    out += c;
    ++i;
  }
  for (const auto& name : names) {
    if (name.size() < 3) continue;
    for (std::size_t at = out.find(name); at != std::string::npos; at = out.find(name, at)) {
      out.replace(at, name.size(), "[nama]");
      at += 6;
    }
  }
  return out;
}

}  // namespace spbe::reports
