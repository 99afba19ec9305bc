#include "reports/model.hpp"

#include <array>
#include <cctype>

#include "platform/clock.hpp"

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

Error Refuse(std::string_view lang, const char* id, const char* en) {
  return Error::Of(ErrorCode::kConflict, lang == "en" ? en : id);
}

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
  bool en = lang == "en";
  bool needs_note = action == Action::kDecline || action == Action::kAnswer || action == Action::kAskMore ||
                    action == Action::kClose || action == Action::kObject || action == Action::kReply;
  if (needs_note && note.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Error::Validation({{"note", en ? "say it in the note" : "tuliskan pada catatan"}});
  }
  State next = state;
  switch (role) {
    case Role::kDesk:
      if (state.status != Status::kSubmitted) {
        return Refuse(lang, "laporan sudah diverifikasi", "the report was already verified");
      }
      if (action == Action::kAccept) {
        next.status = Status::kDisposed;
      } else if (action == Action::kMerge) {
        next.status = Status::kClosed;
      } else if (action == Action::kDecline) {
        next.status = Status::kDeclined;
      } else {
        return Refuse(lang, "meja verifikasi menerima, menggabungkan, atau menolak",
                      "the desk accepts, merges or declines");
      }
      return next;
    case Role::kOffice:
      if (state.status != Status::kDisposed && state.status != Status::kReopened) {
        return Refuse(lang, "laporan tidak sedang menunggu tanggapan instansi",
                      "the report is not waiting for the office");
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
          return Refuse(lang, "instansi menjawab, meminta keterangan, meneruskan, atau menutup",
                        "the office answers, asks for more, forwards or closes");
      }
    case Role::kReporter:
      if (action == Action::kReply && state.status == Status::kWaitingReporter) {
        next.status = Status::kDisposed;
        return next;
      }
      if (action == Action::kObject) {
        if (state.status != Status::kAnswered) {
          return Refuse(lang, "keberatan diajukan atas jawaban", "an objection is to an answer");
        }
        if (state.objected) return Refuse(lang, "keberatan hanya sekali", "only one objection");
        next.status = Status::kReopened;
        next.objected = true;
        return next;
      }
      return Refuse(lang, "pelapor melengkapi keterangan atau mengajukan keberatan", "the reporter replies or objects");
  }
  return Refuse(lang, "tidak dikenal", "unknown");
}

Result<Parsed> Validate(const NewReport& r, std::string_view today, std::string_view lang) {
  bool en = lang == "en";
  std::vector<FieldError> errors;
  auto kind = ParseKind(r.kind);
  if (!kind)
    errors.push_back({"kind", en ? "pengaduan, aspirasi or informasi" : "pengaduan, aspirasi, atau informasi"});
  auto identity = ParseIdentity(r.identity);
  if (!identity) {
    errors.push_back({"identity", en ? "shown, confidential or anonymous" : "shown, confidential, atau anonymous"});
  }
  if (r.title.size() < 5 || r.title.size() > 150) {
    errors.push_back({"title", en ? "a title of 5 to 150 characters" : "judul 5 sampai 150 karakter"});
  }
  if (r.body.size() < 20 || r.body.size() > 5000) {
    errors.push_back({"body", en ? "tell what happened, in 20 to 5,000 characters"
                                 : "ceritakan apa yang terjadi, 20 sampai 5.000 karakter"});
  }
  if (!r.happened_on.empty()) {
    if (!ParseUtc(r.happened_on + "T00:00:00Z")) {
      errors.push_back({"happened_on", en ? "a date YYYY-MM-DD" : "tanggal TTTT-BB-HH"});
    } else if (r.happened_on > today) {
      errors.push_back({"happened_on", en ? "not in the future" : "tidak boleh di masa depan"});
    }
  }
  if (identity && *identity != Identity::kAnonymous) {
    if (r.name.size() < 2) errors.push_back({"name", en ? "your name" : "nama Anda"});
    if (r.contact.size() < 5) {
      errors.push_back(
          {"contact", en ? "an e-mail or phone number, for the answer" : "surel atau nomor telepon, untuk jawaban"});
    }
  }
  // Indonesia lies within about 6°N-11°S, 95°E-141°E.
  if (r.latitude || r.longitude) {
    bool inside = r.latitude && r.longitude && *r.latitude >= -11.5 && *r.latitude <= 6.5 && *r.longitude >= 94.5 &&
                  *r.longitude <= 141.5;
    if (!inside) errors.push_back({"location", en ? "a point within Indonesia" : "titik di wilayah Indonesia"});
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
