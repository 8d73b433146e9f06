// Text for times, ages and money as a user reads them. Time zone offset comes from the
// platform (the browser's zone, or the portal's); core never reads the clock.
#pragma once
#include <string>
#include "records.h"

namespace fc::ui {

// How the user writes dates and numbers, chosen from a BCP 47 tag ("de-DE", "en-US", "fr",
// "pl"...); unknown tags get ISO dates and 1,234.56. Applies to every format_* call after it
// (one user per app instance).
void set_format_locale(const std::string& bcp47_tag);
// The user's IANA time zone ("Europe/Berlin"). When it is one core knows (core/business_time.h),
// each time is shown with the offset in force at that moment (summer and winter time), and the
// utc_offset_minutes arguments below are ignored; otherwise they are used as given.
void set_format_time_zone(const std::string& iana_name);

// "23.11.2026 14:05" (in the locale's date order) in local time (utc_offset_minutes east of
// UTC).
std::string format_local_time(Time t, int utc_offset_minutes);
// "23.11.2026" in local time.
std::string format_local_date(Time t, int utc_offset_minutes);
// "14:05" in local time.
std::string format_local_clock(Time t, int utc_offset_minutes);
// A short age: "now", "12 min", "3 h", "5 d", "7 wk".
std::string format_age(Time since, Time now);
// "12.345" / "12,345": a whole number with the locale's thousands separator.
std::string format_count(long long n);
// "12.345,67 €" / "€12,345.67" with the amount in minor units, in the locale's style.
std::string format_money(Money minor_units, const char* symbol = "€");

}  // namespace fc::ui
