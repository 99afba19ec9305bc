#pragma once
/// What the applications capability needs from others, declared here as small interfaces it receives in its
/// constructor; the composition root (src/app/wiring.hpp) implements them with identity, payments and documents.

#include <soci/soci.h>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/access.hpp"
#include "applications/store.hpp"
#include "catalog/model.hpp"
#include "notify/notifier.hpp"
#include "platform/result.hpp"

namespace spbe::applications {

struct BillInfo;
struct OutputRequest;

/// Data the government already holds, fetched through the service connection bus to fill a form (once only).
class Lookups {
 public:
  virtual ~Lookups() = default;
  /// The values `prefill` gives the form for this field's `value`, by field name; an error says why there are none
  /// (the applicant then types them). The exchange is logged with the applicant as its user.
  struct Filled {
    std::map<std::string, std::string> values;  // by form field
    std::string source;                         // the agency that holds the data
  };
  virtual Result<Filled> Prefill(const catalog::Prefill& prefill, const std::string& value,
                                 const access::Actor& applicant, std::string_view lang) = 0;
};

/// Where people's notices go: the applicant's inbox, e-mail and phone, and the heads a late file escalates to.
class Recipients {
 public:
  virtual ~Recipients() = default;
  virtual notify::Recipient RecipientOf(std::int64_t account_id) = 0;
  /// The active heads (kepala) nearest above a node: on it, else its closest ancestor with one.
  virtual std::vector<notify::Recipient> HeadsOf(const std::string& node_path) = 0;
};

/// Who officers are: by e-mail (a head assigning a file) and as the signer printed under an output.
class Officers {
 public:
  struct Signatory {
    std::string name, position, nip;
  };
  virtual ~Officers() = default;
  virtual std::optional<access::Actor> ByEmail(std::string_view email) = 0;
  virtual Signatory SignatoryOf(std::int64_t account_id) = 0;
};

/// Bills for published fees.
class Billing {
 public:
  virtual ~Billing() = default;
  /// Issues the bill of a file that reaches its payment step, inside the unit of work that moved it there.
  virtual Result<BillInfo> Issue(soci::session& s, const ApplicationRow& row, const std::string& now) = 0;
  /// The newest bill of a file, for its views.
  virtual std::optional<BillInfo> CurrentBill(std::int64_t application_id) = 0;
};

/// Signed output documents.
class Outputs {
 public:
  /// Records the prepared output inside the unit of work that completes the file; gives the document's id.
  using Record = std::function<Result<std::string>(soci::session& s)>;
  virtual ~Outputs() = default;
  /// Renders and signs the output of a file about to be approved (before the unit of work). An error refuses the
  /// approval.
  virtual Result<Record> Prepare(const OutputRequest& request) = 0;
  /// The id of a file's output document, for its views.
  virtual std::optional<std::string> DocumentOf(std::int64_t application_id) = 0;
};

/// The four, as the constructor takes them.
struct Ports {
  Recipients& recipients;
  Officers& officers;
  Billing& billing;
  Outputs& outputs;
};

}  // namespace spbe::applications
