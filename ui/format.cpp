#include "format.h"
#include "business_time.h"
#include <cstdio>
#include <cctype>
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

enum class DateOrder { ymd, dmy, mdy };

struct FormatLocale {
    DateOrder order = DateOrder::ymd;
    char date_separator = '-';
    const char* thousands = ",";
    const char* decimal = ".";
    bool currency_after = false;  // "1.234,56 €" rather than "€1,234.56"
};

FormatLocale current;
const TimeZone* zone = nullptr;

void split_local(Time t, int utc_offset_minutes, int& y, unsigned& m, unsigned& d, int& hh,
                 int& mm) {
    Time local = t + (zone ? Time(utc_offset(*zone, t)) : Time(utc_offset_minutes) * 60);
    std::int64_t days = floor_div(local, 86400);
    std::int64_t secs = local - days * 86400;
    civil_from_days(days, y, m, d);
    hh = int(secs / 3600);
    mm = int(secs % 3600 / 60);
}

}  // namespace

void set_format_time_zone(const std::string& iana_name) { zone = find_time_zone(iana_name); }

void set_format_locale(const std::string& tag) {
    std::string lang = tag.substr(0, tag.find_first_of("-_"));
    for (char& c : lang) c = char(std::tolower(static_cast<unsigned char>(c)));
    FormatLocale l;
    if (tag == "en-US" || tag == "en_US") l = {DateOrder::mdy, '/', ",", ".", false};
    else if (lang == "en") l = {DateOrder::dmy, '/', ",", ".", false};
    else if (lang == "de" || lang == "da" || lang == "nb" || lang == "tr")
        l = {DateOrder::dmy, '.', ".", ",", true};
    else if (lang == "pl" || lang == "cs" || lang == "sk" || lang == "ru" || lang == "uk" ||
             lang == "fi")
        l = {DateOrder::dmy, '.', "\u00a0", ",", true};
    else if (lang == "fr") l = {DateOrder::dmy, '/', "\u202f", ",", true};
    else if (lang == "it" || lang == "es" || lang == "pt" || lang == "el")
        l = {DateOrder::dmy, '/', ".", ",", true};
    else if (lang == "nl") l = {DateOrder::dmy, '-', ".", ",", false};
    else if (lang == "sv") l = {DateOrder::ymd, '-', "\u00a0", ",", true};
    current = l;
}

std::string format_local_date(Time t, int utc_offset_minutes) {
    int y, hh, mm;
    unsigned m, d;
    split_local(t, utc_offset_minutes, y, m, d, hh, mm);
    char sep = current.date_separator;
    char buf[32];
    if (current.order == DateOrder::dmy)
        std::snprintf(buf, sizeof buf, "%02u%c%02u%c%04d", d, sep, m, sep, y);
    else if (current.order == DateOrder::mdy)
        std::snprintf(buf, sizeof buf, "%02u%c%02u%c%04d", m, sep, d, sep, y);
    else std::snprintf(buf, sizeof buf, "%04d%c%02u%c%02u", y, sep, m, sep, d);
    return buf;
}

std::string format_local_clock(Time t, int utc_offset_minutes) {
    int y, hh, mm;
    unsigned m, d;
    split_local(t, utc_offset_minutes, y, m, d, hh, mm);
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", hh, mm);
    return buf;
}

std::string format_local_time(Time t, int utc_offset_minutes) {
    return format_local_date(t, utc_offset_minutes) + " " +
           format_local_clock(t, utc_offset_minutes);
}

std::string format_age(Time since, Time now) {
    Time s = now - since;
    if (s < 60) return "now";
    if (s < 3600) return std::to_string(s / 60) + " min";
    if (s < 86400) return std::to_string(s / 3600) + " h";
    if (s < 14 * 86400) return std::to_string(s / 86400) + " d";
    return std::to_string(s / (7 * 86400)) + " wk";
}

std::string format_count(long long n) {
    bool negative = n < 0;
    std::string whole = std::to_string(negative ? -(n + 1) + 1ULL : std::uint64_t(n));
    for (int i = int(whole.size()) - 3; i > 0; i -= 3) whole.insert(size_t(i), current.thousands);
    return negative ? "-" + whole : whole;
}

std::string format_money(Money v, const char* symbol) {
    bool negative = v < 0;
    std::uint64_t a = negative ? std::uint64_t(-(v + 1)) + 1 : std::uint64_t(v);
    std::string whole = std::to_string(a / 100);
    for (int i = int(whole.size()) - 3; i > 0; i -= 3) whole.insert(size_t(i), current.thousands);
    char cents[4];
    std::snprintf(cents, sizeof cents, "%02u", unsigned(a % 100));
    std::string number = whole + current.decimal + cents;
    std::string sign = negative ? "-" : "";
    return current.currency_after ? sign + number + "\u00a0" + symbol : sign + symbol + number;
}

}  // namespace fc::ui
