#include <doctest/doctest.h>
#include "format.h"

using namespace fc;

namespace {
constexpr Time kTime = 1790000000;  // 2026-09-21 14:13:20 UTC
struct LocaleGuard {
    ~LocaleGuard() {
        ui::set_format_locale("");
        ui::set_format_time_zone("");
    }
};
}  // namespace

TEST_CASE("dates and money follow the user's locale") {
    LocaleGuard restore;
    ui::set_format_locale("de-DE");
    CHECK(ui::format_local_time(kTime, 120) == "21.09.2026 16:13");
    CHECK(ui::format_money(123456789) == "1.234.567,89\u00a0€");
    ui::set_format_locale("en-US");
    CHECK(ui::format_local_date(kTime, -240) == "09/21/2026");
    CHECK(ui::format_money(-1250) == "-€12.50");
    ui::set_format_locale("en-GB");
    CHECK(ui::format_local_date(kTime, 0) == "21/09/2026");
    ui::set_format_locale("pl");
    CHECK(ui::format_money(100000) == "1\u00a0000,00\u00a0€");
    ui::set_format_locale("fr-FR");
    CHECK(ui::format_local_date(kTime, 0) == "21/09/2026");
    CHECK(ui::format_money(123456) == "1\u202f234,56\u00a0€");
    ui::set_format_locale("xx");
    CHECK(ui::format_local_time(kTime, 0) == "2026-09-21 14:13");
    CHECK(ui::format_money(100) == "€1.00");
}

TEST_CASE("local time crosses midnight and the date line with the offset") {
    LocaleGuard restore;
    ui::set_format_locale("");
    CHECK(ui::format_local_time(1789948800, -60) == "2026-09-20 23:00");  // 2026-09-21 00:00 UTC
    CHECK(ui::format_local_clock(1789948800, 600) == "10:00");
}

TEST_CASE("with the user's time zone known, summer and winter times each get their own offset") {
    LocaleGuard restore;
    ui::set_format_time_zone("Europe/Berlin");
    // The offset passed in (a winter +60) no longer decides: September is summer time.
    CHECK(ui::format_local_time(kTime, 60) == "2026-09-21 16:13");
    CHECK(ui::format_local_time(1798761600, 60) == "2027-01-01 01:00");  // 2027-01-01 00:00 UTC
    ui::set_format_time_zone("Mars/Olympus_Mons");
    CHECK(ui::format_local_time(kTime, 60) == "2026-09-21 15:13");
}
