#pragma once
/// Payments by billing code (DESIGN.md "Trust": the anti-pungli promise). The rules here are pure: billing codes,
/// the bank callback's body, and what makes a callback acceptable. No I/O.
///
/// The bank protocol: the bank signs the exact bytes of each request body with its Ed25519 key, registered by an
/// admin, and sends
///   POST /api/v1/payments/inquiry   {"billing_code"}                       -> amount, agency, expiry
///   POST /api/v1/payments/callback  {"billing_code", "amount", "bank_reference", "paid_at", "channel"}
/// with the headers `X-Bank-Code` (which bank) and `X-Signature` (base64 of the 64-byte signature).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/identifiers.hpp"
#include "platform/result.hpp"

namespace spbe::payments {

// Billing codes live with the other identifiers (platform/identifiers.hpp): applications print them too.
using spbe::FormatBillingCode;
using spbe::MakeBillingCode;
using spbe::NormalizeBillingCode;

struct CallbackBody {
  std::string billing_code;  // 16 digits
  std::int64_t amount = 0;   // whole rupiah
  std::string bank_reference;
  std::string paid_at;  // UTC, as the bank says
  std::string channel;  // "teller", "atm", "mobile" ...
};

/// Reads a callback body; field errors name the field, in `lang`.
Result<CallbackBody> ParseCallback(std::string_view body, std::string_view lang);
/// Reads an inquiry body: the billing code.
Result<std::string> ParseInquiry(std::string_view body, std::string_view lang);

}  // namespace spbe::payments
