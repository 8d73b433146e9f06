#include "iso_time.h"
#include <cstdio>

namespace fc {
namespace {

// Howard Hinnant's days_from_civil and civil_from_days.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = unsigned(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + std::int64_t(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = unsigned(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = std::int64_t(yoe) + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly n digits at pos.
bool digits(std::string_view s, size_t& pos, size_t n, int& out) {
    if (pos + n > s.size()) return false;
    int v = 0;
    for (size_t i = 0; i < n; ++i) {
        if (!is_digit(s[pos + i])) return false;
        v = v * 10 + (s[pos + i] - '0');
    }
    out = v;
    pos += n;
    return true;
}

bool eat(std::string_view s, size_t& pos, char c) {
    if (pos < s.size() && s[pos] == c) {
        ++pos;
        return true;
    }
    return false;
}

unsigned days_in_month(int y, int m) {
    static const unsigned k[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : k[m - 1];
}

// "HH:MM[:SS]" then an optional zone; sets offset_known when the text names its zone.
bool read_clock(std::string_view s, size_t& pos, int& secs, bool& zoned, int& zone_minutes) {
    int hh, mm, ss = 0;
    if (!digits(s, pos, 2, hh) || !eat(s, pos, ':') || !digits(s, pos, 2, mm)) return false;
    if (eat(s, pos, ':')) {
        if (!digits(s, pos, 2, ss)) return false;
        if (eat(s, pos, '.') || eat(s, pos, ','))  // fractions of a second are dropped
            while (pos < s.size() && is_digit(s[pos])) ++pos;
    }
    if (hh > 23 || mm > 59 || ss > 60) return false;
    secs = hh * 3600 + mm * 60 + (ss == 60 ? 59 : ss);
    if (eat(s, pos, 'Z') || eat(s, pos, 'z')) {
        zoned = true;
        zone_minutes = 0;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        int sign = s[pos++] == '-' ? -1 : 1, zh, zm = 0;
        if (!digits(s, pos, 2, zh)) return false;
        eat(s, pos, ':');
        if (pos < s.size() && !digits(s, pos, 2, zm)) return false;
        if (zh > 14 || zm > 59) return false;
        zoned = true;
        zone_minutes = sign * (zh * 60 + zm);
    }
    return true;
}

}  // namespace

std::string format_iso_utc(Time t) {
    std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    std::int64_t rem = t - days * 86400;
    std::int64_t y;
    unsigned m, d;
    civil_from_days(days, y, m, d);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02dZ", static_cast<long long>(y),
                  m, d, int(rem / 3600), int(rem / 60 % 60), int(rem % 60));
    return buf;
}

std::optional<Time> parse_time_text(std::string_view s, int utc_offset_minutes) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    if (s.empty()) return std::nullopt;
    bool all_digits = s.size() <= 12;
    for (char c : s) all_digits = all_digits && is_digit(c);
    if (all_digits && s.size() > 8) {  // 8 digits would be ambiguous with 20260921
        Time t = 0;
        for (char c : s) t = t * 10 + (c - '0');
        return t;
    }
    size_t pos = 0;
    int y, m, d;
    if (s.size() >= 10 && s[4] == '-') {
        if (!digits(s, pos, 4, y) || !eat(s, pos, '-') || !digits(s, pos, 2, m) ||
            !eat(s, pos, '-') || !digits(s, pos, 2, d))
            return std::nullopt;
    } else if (s.size() >= 10 && (s[2] == '.' || s[2] == '/')) {
        char sep = s[2];
        if (!digits(s, pos, 2, d) || !eat(s, pos, sep) || !digits(s, pos, 2, m) ||
            !eat(s, pos, sep) || !digits(s, pos, 4, y))
            return std::nullopt;
    } else {
        return std::nullopt;
    }
    if (y < 1970 || m < 1 || m > 12 || d < 1 || unsigned(d) > days_in_month(y, m))
        return std::nullopt;
    int secs = 0, zone = utc_offset_minutes;
    bool zoned = false;
    if (pos < s.size()) {
        if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return std::nullopt;
        ++pos;
        if (!read_clock(s, pos, secs, zoned, zone)) return std::nullopt;
        if (pos != s.size()) return std::nullopt;
    }
    Time t = days_from_civil(y, unsigned(m), unsigned(d)) * 86400 + secs - Time(zone) * 60;
    if (t < 0) return std::nullopt;
    return t;
}

}  // namespace fc
