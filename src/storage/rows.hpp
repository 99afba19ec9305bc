#pragma once
/// Reading columns of a soci::row the same way on both engines: SQLite reports INTEGER columns as int or long long
/// depending on the declared type and the value, PostgreSQL as long long; NULL text reads as empty. Read COUNT(*)
/// and other untyped aggregates with soci::into(long long) instead: SQLite's rows do not say what they hold.

#include <soci/soci.h>

#include <cstdint>
#include <string>

namespace spbe::storage {

inline std::int64_t Int64(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) != soci::i_ok) return 0;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return r.get<int>(i);
    case soci::dt_unsigned_long_long:
      return static_cast<std::int64_t>(r.get<unsigned long long>(i));
    case soci::dt_double:
      return static_cast<std::int64_t>(r.get<double>(i));
    default:
      return r.get<long long>(i);
  }
}

inline std::string Text(const soci::row& r, std::size_t i) {
  return r.get_indicator(i) == soci::i_ok ? r.get<std::string>(i) : std::string();
}

inline bool IsNull(const soci::row& r, std::size_t i) { return r.get_indicator(i) != soci::i_ok; }

}  // namespace spbe::storage
