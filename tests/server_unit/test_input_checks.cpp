// The server's own input checks, below the HTTP layer: UTF-8, nesting, capture forms and ADF.
#include <doctest/doctest.h>
#include "capture.h"
#include "http_util.h"

using namespace fc;
using namespace fc::server;

TEST_CASE("UTF-8 validation accepts every script and refuses overlongs, surrogates and cuts") {
    CHECK(is_valid_utf8("Müller Đorđević Łukasz 山田 Γιώργος 🚗"));
    CHECK(is_valid_utf8(""));
    CHECK_FALSE(is_valid_utf8("\xc3\x28"));          // bad continuation
    CHECK_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong '/'
    CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));      // UTF-16 surrogate
    CHECK_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // past U+10FFFF
    CHECK_FALSE(is_valid_utf8("abc\xe2\x82"));       // cut short
    CHECK_FALSE(is_valid_utf8("\xff"));
}

TEST_CASE("nesting depth is measured outside strings only") {
    CHECK_FALSE(nests_deeper_than("[[[]]]", 3));
    CHECK(nests_deeper_than("[[[[]]]]", 3));
    CHECK_FALSE(nests_deeper_than(R"({"a":"[[[[[[[[[[\"[[[["})", 1));
    CHECK(nests_deeper_than(std::string(100000, '['), 32));
}

TEST_CASE("an ADF prospect with name parts, address and vehicle becomes one form") {
    CaptureForm f;
    auto e = read_capture_adf(R"(<?xml version="1.0"?><adf><prospect>
        <vehicle status="new"><year>2026</year><make>VW</make><model>ID.Buzz</model></vehicle>
        <customer><contact><name part="first">Søren</name><name part="last">Nørgaard</name>
        <phone>+45 1234</phone><address><city>Århus</city><country>dk</country></address>
        </contact><comments>Evening calls</comments></customer></prospect></adf>)", f);
    REQUIRE_FALSE(e);
    CHECK(f.name == "Søren Nørgaard");
    CHECK(f.phone == "+45 1234");
    CHECK(f.city == "Århus");
    CHECK(f.country == "DK");
    CHECK(f.product_category == "new-cars");
    CHECK(f.message == "Vehicle: 2026 VW ID.Buzz\nEvening calls");
}

TEST_CASE("a capture form needs a name and a way to reach the person") {
    CaptureForm f;
    CHECK(read_capture_json(json{{"email", "a@example.com"}}, f)->field == "name");
    CHECK(read_capture_json(json{{"name", "A"}}, f)->field == "email");
    CHECK(read_capture_json(json{{"name", "A"}, {"fax", "1"}}, f)->code == "unknown_field");
    CHECK_FALSE(read_capture_json(json{{"name", " A "}, {"phone", "1"}}, f));
    CHECK(f.name == "A");
    httplib::Params form{{"name", "B"}, {"email", "b@example.com"}, {"submit", "Send"}};
    CHECK_FALSE(read_capture_fields(form, f));
    CHECK(f.email == "b@example.com");
}
