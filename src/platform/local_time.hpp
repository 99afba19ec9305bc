#pragma once
/// How a person reads a time: in the zone of the office concerned (WIB, WITA, WIT; no daylight saving), the way
/// Indonesians write it. Stored times stay UTC ("2026-12-02T00:55:00Z"); CSV and the API carry ISO 8601 with the
/// office's offset. Every page, PDF, e-mail and short message formats through here.

#include <string>
#include <string_view>

#include "platform/clock.hpp"
#include "platform/working_days.hpp"

namespace spbe {

/// "2 Desember 2026 07.55 WIB" (Indonesian: a point between hours and minutes, no comma);
/// "2 December 2026, 07:55 WIB" (English).
std::string LocalDateTimeText(TimePoint t, TimeZone z, std::string_view lang);
/// "2 Desember 2026" / "2 December 2026": the local date of the instant.
std::string LocalDateText(TimePoint t, TimeZone z, std::string_view lang);
/// A civil date as words: "29 Februari 2028".
std::string DateText(Date d, std::string_view lang);
/// "2026-12-02T07:55:00+07:00".
std::string IsoLocal(TimePoint t, TimeZone z);
/// The same from stored RFC 3339 UTC text; "" when the text is empty or not such a time.
std::string LocalDateTimeText(std::string_view utc, TimeZone z, std::string_view lang);
std::string LocalDateText(std::string_view utc, TimeZone z, std::string_view lang);
std::string IsoLocal(std::string_view utc, TimeZone z);
/// The name of a month, 1-12, in the language.
std::string_view MonthName(unsigned month, std::string_view lang);

}  // namespace spbe
