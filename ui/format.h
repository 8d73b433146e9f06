// Text for times, ages and money as a user reads them. Time zone offset comes from the
// platform (the browser's zone, or the portal's); core never reads the clock.
#pragma once
#include <string>
#include "records.h"

namespace fc::ui {

// "2026-11-23 14:05" in local time (utc_offset_minutes east of UTC).
std::string format_local_time(Time t, int utc_offset_minutes);
// "2026-11-23" in local time.
std::string format_local_date(Time t, int utc_offset_minutes);
// "14:05" in local time.
std::string format_local_clock(Time t, int utc_offset_minutes);
// A short age: "now", "12 min", "3 h", "5 d", "7 wk".
std::string format_age(Time since, Time now);
// "€ 12,345.67" style with the amount in minor units.
std::string format_money(Money minor_units, const char* symbol = "€");

}  // namespace fc::ui
