#include <doctest/doctest.h>
#include "business_time.h"

using namespace fc;

namespace {
const TimeZone& berlin() { return *find_time_zone("Europe/Berlin"); }
}  // namespace

TEST_CASE("civil dates round-trip and weekdays are right") {
    CHECK(days_from_civil(1970, 1, 1) == 0);
    CHECK(weekday_of(0) == 3);  // a Thursday
    CHECK(weekday_of(days_from_civil(2026, 3, 29)) == 6);  // a Sunday
    CHECK(weekday_of(days_from_civil(1969, 12, 29)) == 0);  // a Monday before the epoch
    int y, m, d;
    civil_from_days(days_from_civil(2028, 2, 29), y, m, d);
    CHECK((y == 2028 && m == 2 && d == 29));
    CHECK(add_months(utc_time(2026, 1, 31, 12), 1) == utc_time(2026, 2, 28, 12));
    CHECK(add_months(utc_time(2026, 8, 31), 6) == utc_time(2027, 2, 28));
    CHECK(add_months(utc_time(2026, 11, 15), 3) == utc_time(2027, 2, 15));
}

TEST_CASE("Europe/Berlin switches to summer time on the last Sunday of March at 01:00 UTC") {
    CHECK(utc_offset(berlin(), utc_time(2026, 3, 29, 0, 59, 59)) == 3600);
    CHECK(utc_offset(berlin(), utc_time(2026, 3, 29, 1, 0)) == 7200);
    CHECK(utc_offset(berlin(), utc_time(2026, 10, 25, 0, 59, 59)) == 7200);
    CHECK(utc_offset(berlin(), utc_time(2026, 10, 25, 1, 0)) == 3600);
    // London and Warsaw change at the same instant, from their own base offsets.
    CHECK(utc_offset(*find_time_zone("Europe/London"), utc_time(2026, 3, 29, 1, 0)) == 3600);
    CHECK(utc_offset(*find_time_zone("Europe/Warsaw"), utc_time(2026, 7, 1)) == 7200);
    CHECK(utc_offset(*find_time_zone("Europe/Istanbul"), utc_time(2026, 7, 1)) == 10800);
    CHECK(find_time_zone("America/New_York") == nullptr);
}

TEST_CASE("local times skipped or repeated by DST map to one instant") {
    // 02:30 on 2026-03-29 never happens in Berlin: it maps to 03:30 CEST = 01:30 UTC.
    CHECK(from_local(berlin(), utc_time(2026, 3, 29, 2, 30)) == utc_time(2026, 3, 29, 1, 30));
    // 02:30 on 2026-10-25 happens twice: the second (CET) one is taken.
    CHECK(from_local(berlin(), utc_time(2026, 10, 25, 2, 30)) == utc_time(2026, 10, 25, 1, 30));
    CHECK(format_local(berlin(), utc_time(2026, 7, 1, 22, 30)) == "2026-07-02 00:30");
}

TEST_CASE("business time skips the night and the weekend across spring forward") {
    BusinessCalendar c = default_calendar(&berlin());  // Mon-Fri 8-18, Sat 9-13
    c.week[5].clear();                                  // closed on Saturday for this case
    // Friday 2026-03-27 17:00 CET (16:00 UTC) + 2 business hours: one hour on Friday, the
    // second from Monday 08:00 CEST (06:00 UTC): 09:00 CEST = 07:00 UTC.
    Time fri = utc_time(2026, 3, 27, 16, 0);
    CHECK(add_business_seconds(c, fri, 2 * 3600) == utc_time(2026, 3, 30, 7, 0));
    CHECK(business_seconds_between(c, fri, utc_time(2026, 3, 30, 7, 0)) == 2 * 3600);
}

TEST_CASE("business time across fall back keeps local opening hours") {
    BusinessCalendar c = default_calendar(&berlin());
    c.week[5].clear();
    // Friday 2026-10-23 17:00 CEST (15:00 UTC) + 2 h -> Monday 09:00 CET = 08:00 UTC.
    CHECK(add_business_seconds(c, utc_time(2026, 10, 23, 15, 0), 2 * 3600) ==
          utc_time(2026, 10, 26, 8, 0));
}

TEST_CASE("an always-open day that loses an hour to DST has 23 open hours") {
    BusinessCalendar c = always_open_calendar(&berlin());
    Time sunday_midnight = from_local(berlin(), days_from_civil(2026, 3, 29) * 86400);
    Time monday_midnight = from_local(berlin(), days_from_civil(2026, 3, 30) * 86400);
    CHECK(business_seconds_between(c, sunday_midnight, monday_midnight) == 23 * 3600);
    Time oct_sunday = from_local(berlin(), days_from_civil(2026, 10, 25) * 86400);
    Time oct_monday = from_local(berlin(), days_from_civil(2026, 10, 26) * 86400);
    CHECK(business_seconds_between(c, oct_sunday, oct_monday) == 25 * 3600);
}

TEST_CASE("a night shift runs across midnight and into the next calendar day") {
    json j = json::parse(R"({"time_zone": "Europe/Berlin",
        "hours": {"fri": [["22:00", "02:00"]], "sat": [["10:00", "12:00"]]}})");
    BusinessCalendar c;
    REQUIRE_FALSE(from_json(j, c).has_value());
    // Friday 2026-01-09 23:00 CET (22:00 UTC) + 3 h: 23-02 gives 3 h, due Saturday 02:00 CET.
    CHECK(add_business_seconds(c, utc_time(2026, 1, 9, 22, 0), 3 * 3600) ==
          utc_time(2026, 1, 10, 1, 0));
    // Starting inside the tail after midnight (Saturday 01:00 CET) still counts it.
    CHECK(add_business_seconds(c, utc_time(2026, 1, 10, 0, 0), 2 * 3600) ==
          utc_time(2026, 1, 10, 10, 0));  // 1 h until 02:00, then Saturday 10:00-11:00 CET
}

TEST_CASE("business days keep the time of day and skip closed days and holidays") {
    json j = json::parse(R"({"time_zone": "Europe/Berlin",
        "hours": {"mon": [["08:00", "18:00"]], "tue": [["08:00", "18:00"]],
                  "wed": [["08:00", "18:00"]], "thu": [["08:00", "18:00"]],
                  "fri": [["08:00", "18:00"]]},
        "holidays": ["2026-12-25"]})");
    BusinessCalendar c;
    REQUIRE_FALSE(from_json(j, c).has_value());
    // Wednesday 2026-12-23 15:00 CET + 2 business days: Thu 24th, (Fri 25th holiday), Mon 28th.
    CHECK(add_business_days(c, utc_time(2026, 12, 23, 14, 0), 2) == utc_time(2026, 12, 28, 14, 0));
    // Arriving Saturday night: the clock starts Monday 08:00, due Wednesday 08:00.
    CHECK(add_business_days(c, utc_time(2026, 12, 5, 21, 0), 2) == utc_time(2026, 12, 9, 7, 0));
}

TEST_CASE("business days clamp into a shorter day's hours") {
    BusinessCalendar c = default_calendar(&berlin());  // Saturday 09-13
    // Friday 2026-01-09 15:00 CET + 1 business day -> Saturday, but it closes at 13:00.
    CHECK(add_business_days(c, utc_time(2026, 1, 9, 14, 0), 1) == utc_time(2026, 1, 10, 12, 0));
}

TEST_CASE("calendar files are validated with the path of the offending field") {
    BusinessCalendar c;
    auto bad = [&](const char* text) { return from_json(json::parse(text), c, "sla.calendars.D1"); };
    auto e = bad(R"({"hours": {"mon": [["08:00", "25:00"]]}})");
    REQUIRE(e.has_value());
    CHECK(e->field == "sla.calendars.D1.hours.mon[0]");
    e = bad(R"({"hours": {"monday": [["08:00", "18:00"]]}})");
    REQUIRE(e.has_value());
    CHECK(e->code == "unknown_field");
    CHECK(e->field == "sla.calendars.D1.hours.monday");
    e = bad(R"({"hours": {"mon": [["08:00", "12:00"], ["11:00", "18:00"]]}})");
    REQUIRE(e.has_value());
    CHECK(e->field == "sla.calendars.D1.hours.mon");
    e = bad(R"({"time_zone": "Mars/Olympus", "hours": {"mon": [["08:00", "18:00"]]}})");
    REQUIRE(e.has_value());
    CHECK(e->field == "sla.calendars.D1.time_zone");
    e = bad(R"({"hours": {}})");
    REQUIRE(e.has_value());
    CHECK(e->field == "sla.calendars.D1.hours");
    e = bad(R"({"hours": {"sun": [["20:00", "09:00"]], "mon": [["08:00", "18:00"]]}})");
    REQUIRE(e.has_value());  // Sunday's night shift runs into Monday's opening
    CHECK(e->field == "sla.calendars.D1.hours.sun");
    e = bad(R"({"hours": {"mon": [["08:00", "18:00"]]}, "holidays": ["2026-02-30"]})");
    REQUIRE(e.has_value());
    CHECK(e->field == "sla.calendars.D1.holidays[0]");
}

TEST_CASE("summer time starts and ends on the right second in every year up to 2190") {
    auto last_sunday = [](int y, int m) {
        std::int64_t day = days_from_civil(y, m, 31);  // March and October have 31 days
        return day - (weekday_of(day) + 1) % 7;
    };
    const TimeZone& z = berlin();
    for (int y = 1996; y <= 2190; ++y) {
        Time start = last_sunday(y, 3) * 86400 + 3600;
        Time end = last_sunday(y, 10) * 86400 + 3600;
        INFO("year " << y);
        CHECK(weekday_of(start / 86400) == 6);
        CHECK(utc_offset(z, start - 1) == 3600);
        CHECK(utc_offset(z, start) == 7200);
        CHECK(utc_offset(z, end - 1) == 7200);
        CHECK(utc_offset(z, end) == 3600);
        CHECK(utc_offset(z, utc_time(y, 1, 1) - 1) == 3600);  // New Year's edges
        CHECK(utc_offset(z, utc_time(y, 1, 1)) == 3600);
    }
    // Beyond the precomputed years the offset is computed the long way, with the same rule.
    CHECK(utc_offset(z, utc_time(2301, 7, 1)) == 7200);
    CHECK(utc_offset(z, utc_time(2301, 12, 1)) == 3600);
}
