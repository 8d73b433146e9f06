// Calendar text <-> Time (seconds since the epoch, UTC), for files people edit in spreadsheets.
// No clock and no time-zone database: zone-less times are read at a fixed offset the caller
// passes in (the user's offset when the import starts).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include "records.h"

namespace fc {

// "2026-09-21T08:05:00Z": what every export writes.
std::string format_iso_utc(Time t);

// Reads, after trimming spaces: unix seconds ("1790000000"); ISO 8601 dates and date-times
// ("2026-09-21", "2026-09-21T08:05", "2026-09-21 08:05:30", with "Z" or "+02:00"); and the
// European day-first forms spreadsheets write ("21.09.2026", "21/09/2026", optionally with
// " 08:05[:30]"). Day-first is a choice: the product is sold in Europe, and month-first dates
// would be misread silently, so US files must use ISO dates.
std::optional<Time> parse_time_text(std::string_view text, int utc_offset_minutes);

}  // namespace fc
