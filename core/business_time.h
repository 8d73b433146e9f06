// Civil time for SLA clocks: IANA time zones the product serves, dealer business hours, and
// "add N business minutes / days" across nights, weekends, holidays and DST changes.
//
// Core does no I/O, so there is no tz database to read at run time. The zones the product uses
// are embedded below (see kZones in business_time.cpp) with the one rule that governs all of
// them since 1996: EU summer time, from the last Sunday of March 01:00 UTC to the last Sunday of
// October 01:00 UTC (+1 hour), or no DST at all (UTC, Europe/Istanbul, Europe/Moscow...).
// Times before 1996 use today's rule (tzdb history is not embedded). Adding a zone with the same
// rule is one line in kZones; a zone with a different rule (US, Southern hemisphere) needs a
// new DstRule.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <vector>
#include "error.h"
#include "json_reader.h"
#include "records.h"

namespace fc {

// ---- calendar arithmetic (proleptic Gregorian, days since 1970-01-01) -----------------------
std::int64_t days_from_civil(int y, int m, int d);
void civil_from_days(std::int64_t days, int& y, int& m, int& d);
int weekday_of(std::int64_t days);  // 0 = Monday ... 6 = Sunday
// UTC instant of a civil date and time, for tests and rule files ("2026-03-29 01:00" UTC).
Time utc_time(int y, int m, int d, int hh = 0, int mm = 0, int ss = 0);
// Adds calendar months to a UTC instant, clamping the day (Jan 31 + 1 month = Feb 28/29).
Time add_months(Time t, int months);

// ---- time zones ------------------------------------------------------------------------------
enum class DstRule : std::uint8_t { none, eu };

struct TimeZone {
    const char* name;
    std::int32_t std_offset;  // seconds east of UTC in winter
    DstRule dst;
};

const TimeZone* find_time_zone(const std::string& iana_name);  // nullptr when not embedded
std::int32_t utc_offset(const TimeZone& z, Time utc);
Time to_local(const TimeZone& z, Time utc);  // seconds since 1970-01-01 local midnight
// Local wall time to UTC. A local time skipped by spring-forward maps one hour later; a
// repeated one (fall back) maps to its second occurrence.
Time from_local(const TimeZone& z, Time local);
std::int64_t local_day(const TimeZone& z, Time utc);  // days since 1970-01-01, local
// "2026-03-27 17:15" in the zone's wall time, for reasons shown to people.
std::string format_local(const TimeZone& z, Time utc);

// ---- business hours --------------------------------------------------------------------------
// One opening interval of a weekday in local minutes. end_min <= start_min means it runs past
// midnight into the next day (a 22:00-02:00 night shift is {1320, 120}).
struct OpenInterval {
    std::int16_t start_min = 0;
    std::int16_t end_min = 0;
};

struct BusinessCalendar {
    const TimeZone* zone = nullptr;
    std::array<std::vector<OpenInterval>, 7> week;  // Monday first, sorted by start
    std::vector<std::int64_t> holidays;             // local days, sorted; closed all day
};

// Mon-Fri 08:00-18:00, Sat 09:00-13:00: the dealer default when none is configured.
BusinessCalendar default_calendar(const TimeZone* zone);
BusinessCalendar always_open_calendar(const TimeZone* zone);

// {"time_zone": "Europe/Berlin", "hours": {"mon": [["08:00","18:00"]], ...},
//  "holidays": ["2026-12-25"]}. Days not named are closed. Intervals may not overlap, also not
// a night shift's tail with the next morning. At least one day must be open.
MaybeError from_json(const json& j, BusinessCalendar& out, const std::string& path = "");

constexpr size_t kMaxIntervalsPerDay = 6;

// A UTC span during which the calendar is open.
struct OpenSpan {
    Time start = 0;
    Time end = 0;
};
struct DaySpans {
    std::array<OpenSpan, kMaxIntervalsPerDay> span;
    size_t n = 0;
};
// Spans of intervals that start on local day `day` (a night shift's tail included); none on a
// holiday.
DaySpans open_spans_of_day(const BusinessCalendar& c, std::int64_t day);

// The instant `seconds` of open time after `start` (start itself if seconds <= 0). nullopt only
// when the calendar has no open time in the next 800 days.
std::optional<Time> add_business_seconds(const BusinessCalendar& c, Time start,
                                         std::int64_t seconds);
// Open seconds in [a, b); negative when b < a.
std::int64_t business_seconds_between(const BusinessCalendar& c, Time a, Time b);
// "N business days": the same local time of day N open days later, counted from the first open
// instant at or after `start`; clamped into that day's opening hours (a lead at 15:00 Friday
// with Saturday 09-13 open is due 13:00 Saturday for one business day).
std::optional<Time> add_business_days(const BusinessCalendar& c, Time start, int days);

}  // namespace fc
