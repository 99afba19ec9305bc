#pragma once
/// Reports from the public (pengaduan, aspirasi, permintaan informasi; SP4N-LAPOR!, ../shared/reference/
/// pengaduan.md): what a report is, who may know the reporter, and how a report moves from the platform's desk
/// to the office that must answer it, with "no wrong door": an office that is not responsible forwards the report,
/// it never closes it as not its own. No I/O.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"

namespace spbe::reports {

enum class Kind { kPengaduan, kAspirasi, kInformasi };
std::string_view KindName(Kind k);  // "pengaduan", "aspirasi", "informasi"
std::optional<Kind> ParseKind(std::string_view name);

/// Who may know the reporter. Shown: the public sees the name. Confidential: only the handling office. Anonymous:
/// no identity is stored at all.
enum class Identity { kShown, kConfidential, kAnonymous };
std::string_view IdentityName(Identity i);  // "shown", "confidential", "anonymous"
std::optional<Identity> ParseIdentity(std::string_view name);

enum class Status {
  kSubmitted,        // waiting for the desk's verification
  kDisposed,         // accepted and sent to an office: the office must answer
  kWaitingReporter,  // the office asked the reporter for more
  kAnswered,         // the office answered; the reporter may rate it and object once
  kReopened,         // the reporter objected: back at the office's head
  kClosed,           // done: closed with what was done, or merged into another report
  kDeclined,         // not a report the desk can accept, with the reason
};
std::string_view StatusName(Status s);
std::optional<Status> ParseStatus(std::string_view name);

enum class Action {
  kAccept,   // desk: accept and dispose to an office
  kMerge,    // desk: a duplicate of another report
  kDecline,  // desk: with a reason
  kAnswer,   // office: the answer to the reporter
  kAskMore,  // office: ask the reporter for more
  kForward,  // office: not ours, to the office that is (never "closed as not ours")
  kClose,    // office: closed with what was done
  kReply,    // reporter: the more that was asked for
  kObject,   // reporter: not satisfied with the answer (once)
};
std::string_view ActionName(Action a);
std::optional<Action> ParseAction(std::string_view name);

/// Who acts.
enum class Role { kDesk, kOffice, kReporter };

struct State {
  Status status = Status::kSubmitted;
  bool objected = false;  // the reporter's one objection is used
};

/// What an action does to a report in `state` by `role`; errors say why not, in `lang`. `note` is required where
/// the action must say something (decline, answer, ask more, close, object).
Result<State> Decide(const State& state, Role role, Action action, std::string_view note, std::string_view lang);

/// What a report says when filed; errors by field, in `lang`.
struct NewReport {
  std::string kind, identity;
  std::string title, body;
  std::string region_code;                    // kelurahan/kecamatan/kabupaten code, optional
  std::string happened_on;                    // YYYY-MM-DD, optional
  std::string name, contact;                  // required unless anonymous
  std::optional<double> latitude, longitude;  // an optional map point, within Indonesia
};
struct Parsed {
  Kind kind;
  Identity identity;
};
Result<Parsed> Validate(const NewReport& r, std::string_view today, std::string_view lang);

/// How long the office has, chosen by the desk when it accepts (../shared/reference/pengaduan.md): information
/// requests and simple complaints, disputes or violations without a field inspection, cases that need one.
enum class Track { kSimple, kDispute, kInspection };
std::string_view TrackName(Track t);  // "simple", "dispute", "inspection"
std::optional<Track> ParseTrack(std::string_view name);

/// The time limits, in working days, as settings (the reference's defaults).
struct Limits {
  int verify_days = 3;          // the desk verifies
  int first_response_days = 3;  // the office's first response
  int simple_days = 5;
  int dispute_days = 14;
  int inspection_days = 60;
  int DaysFor(Track t) const;
};

/// An admin's routing rule: reports of `category` ("" any) from a region starting with `region_prefix` ("" any) go
/// to the office `node_id`.
struct Route {
  std::int64_t id = 0;
  std::string category;
  std::string region_prefix;
  std::int64_t node_id = 0;
};
/// The office to propose for a report: a rule for its category first (the longest region prefix among them wins; a
/// prefix matches whole dotted parts: "12.10" matches "12.10.01", never "12.101"); else the office the reporter named
/// (`named_office`, or the agency of the service or application it is about; 0 when none); else a rule for any
/// category, by the same region order.
std::optional<std::int64_t> ProposeOffice(const std::vector<Route>& routes, std::string_view category,
                                          std::string_view region_code, std::int64_t named_office = 0);

/// Text as the public feed shows it: e-mail addresses, long digit runs (NIK, phone and account numbers) and the
/// given names (the reporter's, when not shown) replaced by placeholders.
std::string RedactPersonalData(std::string_view text, const std::vector<std::string>& names = {});

}  // namespace spbe::reports
