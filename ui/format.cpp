#include "format.h"
#include <cstdio>
#include <cstdlib>

namespace fc::ui {
namespace {

// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm), so formatting needs no
// C library time zone state and gives the same result natively and in WASM.
void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d) {
    z += 719468;
    std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = unsigned(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    std::int64_t yy = std::int64_t(yoe) + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = int(yy + (m <= 2));
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

}  // namespace

std::string format_local_time(Time t, int utc_offset_minutes) {
    Time local = t + Time(utc_offset_minutes) * 60;
    std::int64_t days = floor_div(local, 86400);
    std::int64_t secs = local - days * 86400;
    int y;
    unsigned m, d;
    civil_from_days(days, y, m, d);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d", y, m, d, int(secs / 3600),
                  int(secs % 3600 / 60));
    return buf;
}

std::string format_local_date(Time t, int utc_offset_minutes) {
    return format_local_time(t, utc_offset_minutes).substr(0, 10);
}

std::string format_local_clock(Time t, int utc_offset_minutes) {
    return format_local_time(t, utc_offset_minutes).substr(11);
}

std::string format_age(Time since, Time now) {
    Time s = now - since;
    if (s < 60) return "now";
    if (s < 3600) return std::to_string(s / 60) + " min";
    if (s < 86400) return std::to_string(s / 3600) + " h";
    if (s < 14 * 86400) return std::to_string(s / 86400) + " d";
    return std::to_string(s / (7 * 86400)) + " wk";
}

std::string format_money(Money v, const char* symbol) {
    bool negative = v < 0;
    std::uint64_t a = negative ? std::uint64_t(-(v + 1)) + 1 : std::uint64_t(v);
    std::string whole = std::to_string(a / 100);
    for (int i = int(whole.size()) - 3; i > 0; i -= 3) whole.insert(size_t(i), ",");
    char cents[4];
    std::snprintf(cents, sizeof cents, "%02u", unsigned(a % 100));
    return std::string(negative ? "-" : "") + symbol + " " + whole + "." + cents;
}

}  // namespace fc::ui
