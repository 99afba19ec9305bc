#pragma once
/// The daily reconciliation: a bank's statement of a day (CSV) against the payments the platform recorded from
/// that bank's callbacks. Every difference is listed for the finance officer. Pure: no I/O.
///
/// Statement format, one payment per line after a header line:
///   waktu,kode_bayar,jumlah,referensi
///   2026-11-23T03:00:00Z,2611482173059928,450000,BSUMUT-20261123-000123

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"

namespace spbe::payments {

struct StatementLine {
  int line = 0;  // in the file, for the finance officer
  std::string paid_at, billing_code;
  std::int64_t amount = 0;
  std::string reference;
};

/// The lines of a statement; field errors name the line ("line 7") and say what is wrong, in `lang`.
Result<std::vector<StatementLine>> ParseStatement(std::string_view csv, std::string_view lang);

struct RecordedPayment {
  std::string reference, billing_code, paid_at;
  std::int64_t amount = 0;
};

struct Mismatch {
  std::string kind;  // only_in_statement, only_recorded, amount_differs, code_differs, duplicate_in_statement
  std::string reference, billing_code;
  std::int64_t statement_amount = 0, recorded_amount = 0;
  int line = 0;  // 0 when only recorded
};

struct Reconciliation {
  int statement_lines = 0, recorded = 0, matched = 0;
  std::vector<Mismatch> mismatches;
};

/// Matches by the bank's reference.
Reconciliation Reconcile(const std::vector<StatementLine>& statement, const std::vector<RecordedPayment>& recorded);

}  // namespace spbe::payments
