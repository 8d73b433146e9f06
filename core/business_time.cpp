#include "business_time.h"
#include <algorithm>
#include <cstdio>

namespace fc {
namespace {

constexpr std::int64_t kDay = 86400;
constexpr int kSearchDays = 800;  // bound for calendars with very little open time

// The zones Forecourt's dealer networks use. EU rule: see business_time.h.
constexpr TimeZone kZones[] = {
    {"UTC", 0, DstRule::none},
    {"Etc/UTC", 0, DstRule::none},
    {"Europe/London", 0, DstRule::eu},
    {"Europe/Dublin", 0, DstRule::eu},
    {"Europe/Lisbon", 0, DstRule::eu},
    {"Atlantic/Canary", 0, DstRule::eu},
    {"Europe/Berlin", 3600, DstRule::eu},
    {"Europe/Paris", 3600, DstRule::eu},
    {"Europe/Warsaw", 3600, DstRule::eu},
    {"Europe/Prague", 3600, DstRule::eu},
    {"Europe/Vienna", 3600, DstRule::eu},
    {"Europe/Zurich", 3600, DstRule::eu},
    {"Europe/Amsterdam", 3600, DstRule::eu},
    {"Europe/Brussels", 3600, DstRule::eu},
    {"Europe/Luxembourg", 3600, DstRule::eu},
    {"Europe/Madrid", 3600, DstRule::eu},
    {"Europe/Rome", 3600, DstRule::eu},
    {"Europe/Copenhagen", 3600, DstRule::eu},
    {"Europe/Stockholm", 3600, DstRule::eu},
    {"Europe/Oslo", 3600, DstRule::eu},
    {"Europe/Budapest", 3600, DstRule::eu},
    {"Europe/Bratislava", 3600, DstRule::eu},
    {"Europe/Ljubljana", 3600, DstRule::eu},
    {"Europe/Zagreb", 3600, DstRule::eu},
    {"Europe/Belgrade", 3600, DstRule::eu},
    {"Europe/Helsinki", 7200, DstRule::eu},
    {"Europe/Athens", 7200, DstRule::eu},
    {"Europe/Bucharest", 7200, DstRule::eu},
    {"Europe/Sofia", 7200, DstRule::eu},
    {"Europe/Riga", 7200, DstRule::eu},
    {"Europe/Vilnius", 7200, DstRule::eu},
    {"Europe/Tallinn", 7200, DstRule::eu},
    {"Europe/Kyiv", 7200, DstRule::eu},
    {"Europe/Istanbul", 10800, DstRule::none},
    {"Europe/Moscow", 10800, DstRule::none},
};

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int days_in_month(int y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : kDays[m - 1];
}

std::int64_t last_sunday(int y, int m) {
    std::int64_t d = days_from_civil(y, m, days_in_month(y, m));
    return d - (weekday_of(d) + 1) % 7;
}

bool is_holiday(const BusinessCalendar& c, std::int64_t day) {
    return std::binary_search(c.holidays.begin(), c.holidays.end(), day);
}

bool day_is_open(const BusinessCalendar& c, std::int64_t day) {
    return !c.week[size_t(weekday_of(day))].empty() && !is_holiday(c, day);
}

// The first open instant at or after t, and the local day whose interval holds it.
std::optional<Time> next_open(const BusinessCalendar& c, Time t, std::int64_t& day_out) {
    std::int64_t d0 = local_day(*c.zone, t) - 1;  // yesterday's night shift may still run
    for (std::int64_t d = d0; d < d0 + kSearchDays; ++d) {
        DaySpans ds = open_spans_of_day(c, d);
        for (size_t i = 0; i < ds.n; ++i) {
            if (ds.span[i].end <= t) continue;
            day_out = d;
            return std::max(ds.span[i].start, t);
        }
    }
    return std::nullopt;
}

// "HH:MM" with 00:00..24:00 into minutes.
bool parse_hhmm(const std::string& s, int& minutes) {
    if (s.size() != 5 || s[2] != ':') return false;
    for (int i : {0, 1, 3, 4})
        if (s[size_t(i)] < '0' || s[size_t(i)] > '9') return false;
    int h = (s[0] - '0') * 10 + (s[1] - '0');
    int m = (s[3] - '0') * 10 + (s[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m != 0)) return false;
    minutes = h * 60 + m;
    return true;
}

bool parse_date(const std::string& s, std::int64_t& day) {
    int y = 0, m = 0, d = 0;
    char tail = 0;
    if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
        return false;
    if (y < 1970 || y > 2999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return false;
    day = days_from_civil(y, m, d);
    return true;
}

constexpr const char* kDayKeys[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

Error field_error(const char* code, const std::string& field, const std::string& message) {
    return Error{code, field, field + " " + message};
}

std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
}

}  // namespace

// Howard Hinnant's algorithms (public domain).
std::int64_t days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const std::int64_t era = floor_div(y, 400);
    const std::int64_t yoe = y - era * 400;
    const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civil_from_days(std::int64_t z, int& y, int& m, int& d) {
    z += 719468;
    const std::int64_t era = floor_div(z, 146097);
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    d = int(doy - (153 * mp + 2) / 5 + 1);
    m = int(mp < 10 ? mp + 3 : mp - 9);
    y = int(yoe + era * 400 + (m <= 2));
}

int weekday_of(std::int64_t days) {
    std::int64_t w = (days + 3) % 7;  // 1970-01-01 was a Thursday
    return int(w < 0 ? w + 7 : w);
}

Time utc_time(int y, int m, int d, int hh, int mm, int ss) {
    return days_from_civil(y, m, d) * kDay + hh * 3600 + mm * 60 + ss;
}

Time add_months(Time t, int months) {
    std::int64_t days = floor_div(t, kDay);
    Time tod = t - days * kDay;
    int y, m, d;
    civil_from_days(days, y, m, d);
    int total = y * 12 + (m - 1) + months;
    int ny = int(floor_div(total, 12));
    int nm = total - ny * 12 + 1;
    int nd = std::min(d, days_in_month(ny, nm));
    return days_from_civil(ny, nm, nd) * kDay + tod;
}

const TimeZone* find_time_zone(const std::string& name) {
    for (const TimeZone& z : kZones)
        if (name == z.name) return &z;
    return nullptr;
}

namespace {
// EU transition instants for 1970..2199, computed once: SLA clocks ask for offsets thousands
// of times per Now queue, and a table lookup beats civil-date arithmetic each time.
constexpr int kTableFirstYear = 1970, kTableYears = 230;
struct DstYear {
    Time start, end;
};
const std::array<DstYear, kTableYears>& eu_dst_table() {
    static const std::array<DstYear, kTableYears> table = [] {
        std::array<DstYear, kTableYears> t{};
        for (int i = 0; i < kTableYears; ++i) {
            int y = kTableFirstYear + i;
            t[size_t(i)] = {last_sunday(y, 3) * kDay + 3600, last_sunday(y, 10) * kDay + 3600};
        }
        return t;
    }();
    return table;
}
}  // namespace

std::int32_t utc_offset(const TimeZone& z, Time utc) {
    if (z.dst == DstRule::none) return z.std_offset;
    // The mean Gregorian year puts `utc` in the right year except within a day or so of New
    // Year, when summer time is not in force in any year: a neighbour's bounds give the same
    // answer there.
    std::int64_t i = floor_div(utc, 31556952);
    if (i >= 0 && i < kTableYears) {
        const DstYear& y = eu_dst_table()[size_t(i)];
        return utc >= y.start && utc < y.end ? z.std_offset + 3600 : z.std_offset;
    }
    int y, m, d;
    civil_from_days(floor_div(utc, kDay), y, m, d);
    if (m < 3 || m > 10) return z.std_offset;  // cheap exit for winter months
    Time start = last_sunday(y, 3) * kDay + 3600;
    Time end = last_sunday(y, 10) * kDay + 3600;
    return utc >= start && utc < end ? z.std_offset + 3600 : z.std_offset;
}

Time to_local(const TimeZone& z, Time utc) { return utc + utc_offset(z, utc); }

Time from_local(const TimeZone& z, Time local) {
    std::int32_t guess = utc_offset(z, local - z.std_offset);
    Time utc = local - guess;
    std::int32_t actual = utc_offset(z, utc);
    return actual == guess ? utc : local - actual;
}

std::int64_t local_day(const TimeZone& z, Time utc) { return floor_div(to_local(z, utc), kDay); }

std::string format_local(const TimeZone& z, Time utc) {
    Time local = to_local(z, utc);
    std::int64_t day = floor_div(local, kDay);
    int y, m, d;
    civil_from_days(day, y, m, d);
    Time tod = local - day * kDay;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", y, m, d, int(tod / 3600),
                  int(tod / 60 % 60));
    return buf;
}

BusinessCalendar default_calendar(const TimeZone* zone) {
    BusinessCalendar c;
    c.zone = zone;
    for (int d = 0; d < 5; ++d) c.week[size_t(d)] = {OpenInterval{8 * 60, 18 * 60}};
    c.week[5] = {OpenInterval{9 * 60, 13 * 60}};
    return c;
}

BusinessCalendar always_open_calendar(const TimeZone* zone) {
    BusinessCalendar c;
    c.zone = zone;
    for (auto& day : c.week) day = {OpenInterval{0, 24 * 60}};
    return c;
}

DaySpans open_spans_of_day(const BusinessCalendar& c, std::int64_t day) {
    DaySpans out;
    if (is_holiday(c, day)) return out;
    const Time midnight = day * kDay;
    for (const OpenInterval& iv : c.week[size_t(weekday_of(day))]) {
        Time local_start = midnight + iv.start_min * 60;
        Time local_end = midnight + iv.end_min * 60 + (iv.end_min <= iv.start_min ? kDay : 0);
        out.span[out.n++] = OpenSpan{from_local(*c.zone, local_start),
                                     from_local(*c.zone, local_end)};
    }
    return out;
}

std::optional<Time> add_business_seconds(const BusinessCalendar& c, Time start,
                                         std::int64_t seconds) {
    if (seconds <= 0) return start;
    std::int64_t d0 = local_day(*c.zone, start) - 1;
    for (std::int64_t d = d0; d < d0 + kSearchDays; ++d) {
        DaySpans ds = open_spans_of_day(c, d);
        for (size_t i = 0; i < ds.n; ++i) {
            Time a = std::max(ds.span[i].start, start);
            if (ds.span[i].end <= a) continue;
            Time available = ds.span[i].end - a;
            if (seconds <= available) return a + seconds;
            seconds -= available;
        }
    }
    return std::nullopt;
}

std::int64_t business_seconds_between(const BusinessCalendar& c, Time a, Time b) {
    if (b < a) return -business_seconds_between(c, b, a);
    std::int64_t total = 0;
    std::int64_t last = local_day(*c.zone, b);
    for (std::int64_t d = local_day(*c.zone, a) - 1; d <= last; ++d) {
        DaySpans ds = open_spans_of_day(c, d);
        for (size_t i = 0; i < ds.n; ++i) {
            Time s = std::max(ds.span[i].start, a);
            Time e = std::min(ds.span[i].end, b);
            if (e > s) total += e - s;
        }
    }
    return total;
}

std::optional<Time> add_business_days(const BusinessCalendar& c, Time start, int days) {
    std::int64_t day = 0;
    auto first = next_open(c, start, day);
    if (!first || days <= 0) return first;
    Time time_of_day = to_local(*c.zone, *first) - day * kDay;
    std::int64_t d = day;
    for (int counted = 0, guard = 0; counted < days; ++guard) {
        if (guard > kSearchDays) return std::nullopt;
        if (day_is_open(c, ++d)) ++counted;
    }
    Time candidate = from_local(*c.zone, d * kDay + time_of_day);
    DaySpans ds = open_spans_of_day(c, d);
    for (size_t i = 0; i < ds.n; ++i) {
        if (candidate < ds.span[i].start) return ds.span[i].start;  // before opening / in a gap
        if (candidate <= ds.span[i].end) return candidate;
    }
    return ds.span[ds.n - 1].end;  // after that day's closing: due at closing
}

MaybeError from_json(const json& j, BusinessCalendar& out, const std::string& path) {
    BusinessCalendar c;
    JsonReader r(j, path);
    std::string zone_name;
    r.string("time_zone", zone_name, false, 64);
    if (!r.failed() && !zone_name.empty()) {
        c.zone = find_time_zone(zone_name);
        if (!c.zone)
            r.fail("invalid_field", "time_zone",
                   "\"" + zone_name + "\" is not one of the time zones Forecourt knows");
    }
    const json* hours = r.nested("hours", true, json::value_t::object, "an object");
    std::vector<std::string> holiday_names;
    if (const json* h = r.nested("holidays", false, json::value_t::array, "an array")) {
        for (size_t i = 0; i < h->size(); ++i) {
            std::int64_t day = 0;
            const json& v = (*h)[i];
            if (!v.is_string() || !parse_date(v.get<std::string>(), day))
                return field_error("invalid_field", r.path_of("holidays") + "[" +
                                                        std::to_string(i) + "]",
                                   "must be a date written YYYY-MM-DD");
            c.holidays.push_back(day);
        }
        std::sort(c.holidays.begin(), c.holidays.end());
    }
    if (auto e = r.finish()) return e;

    const std::string hours_path = join(path, "hours");
    JsonReader hr(*hours, hours_path);
    bool any_open = false;
    for (int d = 0; d < 7; ++d) {
        const json* list = hr.nested(kDayKeys[d], false, json::value_t::array, "an array");
        if (hr.failed()) break;
        if (!list) continue;
        if (list->size() > kMaxIntervalsPerDay)
            return field_error("too_long", join(hours_path, kDayKeys[d]),
                               "has more than " + std::to_string(kMaxIntervalsPerDay) +
                                   " intervals");
        for (size_t i = 0; i < list->size(); ++i) {
            std::string at = join(hours_path, kDayKeys[d]) + "[" + std::to_string(i) + "]";
            const json& iv = (*list)[i];
            int a = 0, b = 0;
            if (!iv.is_array() || iv.size() != 2 || !iv[0].is_string() || !iv[1].is_string() ||
                !parse_hhmm(iv[0].get<std::string>(), a) ||
                !parse_hhmm(iv[1].get<std::string>(), b) || a == 24 * 60)
                return field_error("invalid_field", at,
                                   "must be a pair of times like [\"08:00\", \"18:00\"]");
            if (a == b) return field_error("invalid_field", at, "opens and closes at the same time");
            c.week[size_t(d)].push_back(OpenInterval{std::int16_t(a), std::int16_t(b)});
        }
        auto& day = c.week[size_t(d)];
        std::sort(day.begin(), day.end(),
                  [](OpenInterval x, OpenInterval y) { return x.start_min < y.start_min; });
        for (size_t i = 0; i + 1 < day.size(); ++i) {
            bool crosses = day[i].end_min <= day[i].start_min;
            if (crosses || day[i].end_min > day[i + 1].start_min)
                return field_error("invalid_field", join(hours_path, kDayKeys[d]),
                                   "has overlapping intervals");
        }
        any_open = any_open || !day.empty();
    }
    if (auto e = hr.finish()) return e;
    if (!any_open) return field_error("invalid_field", hours_path, "must open on at least one day");
    // A night shift's tail must end before the next day's first opening.
    for (int d = 0; d < 7; ++d) {
        const auto& day = c.week[size_t(d)];
        if (day.empty() || day.back().end_min > day.back().start_min) continue;
        const auto& next = c.week[size_t((d + 1) % 7)];
        if (!next.empty() && next.front().start_min < day.back().end_min)
            return field_error("invalid_field", join(hours_path, kDayKeys[d]),
                               "runs past midnight into the next day's opening hours");
    }
    out = std::move(c);
    return std::nullopt;
}

}  // namespace fc
