// The CSV reader, writer and text decoding, as specifications: RFC 4180 and what spreadsheets
// in our markets actually write.
#include <doctest/doctest.h>
#include "csv_reader.h"
#include "csv_writer.h"
#include "text_encoding.h"

using namespace fc;

namespace {
std::vector<std::string> cells(const ImportTable& t, size_t r) {
    std::vector<std::string> out;
    for (size_t i = 0; i < t.rows[r].cell_count; ++i) out.emplace_back(t.cell(t.rows[r], i));
    return out;
}
using Cells = std::vector<std::string>;
}  // namespace

TEST_CASE("the header is the first record and each row keeps its cells") {
    ImportTable t = parse_csv("name,email\nAnna,anna@example.com\nJan,jan@example.com\n");
    CHECK(t.header == Cells{"name", "email"});
    REQUIRE(t.rows.size() == 2);
    CHECK(cells(t, 0) == Cells{"Anna", "anna@example.com"});
    CHECK(cells(t, 1) == Cells{"Jan", "jan@example.com"});
    CHECK(t.rows[0].line == 2);
    CHECK(t.rows[1].line == 3);
    CHECK(t.errors.empty());
}

TEST_CASE("quoted fields hold delimiters, doubled quotes and line breaks") {
    ImportTable t = parse_csv(
        "name,note\r\n"
        "\"Müller, Jürgen\",\"said \"\"hello\"\"\"\r\n"
        "\"Nowak\",\"line one\r\nline two\nline three\"\r\n"
        "Rossi,\"\"\r\n");
    REQUIRE(t.rows.size() == 3);
    CHECK(cells(t, 0) == Cells{"Müller, Jürgen", "said \"hello\""});
    CHECK(cells(t, 1) == Cells{"Nowak", "line one\r\nline two\nline three"});
    CHECK(cells(t, 2) == Cells{"Rossi", ""});
    // Line numbers are physical lines where a record starts: the quoted breaks count.
    CHECK(t.rows[0].line == 2);
    CHECK(t.rows[1].line == 3);
    CHECK(t.rows[2].line == 6);
}

TEST_CASE("CRLF, LF and lone CR all end records; a missing final newline is fine") {
    ImportTable crlf = parse_csv("a,b\r\n1,2\r\n3,4");
    ImportTable lf = parse_csv("a,b\n1,2\n3,4\n");
    ImportTable cr = parse_csv("a,b\r1,2\r3,4\r");
    for (const ImportTable* t : {&crlf, &lf, &cr}) {
        REQUIRE(t->rows.size() == 2);
        CHECK(cells(*t, 1) == Cells{"3", "4"});
        CHECK(t->rows[1].line == 3);
    }
}

TEST_CASE("the delimiter is detected from the header: comma, semicolon or tab") {
    CHECK(detect_delimiter("Name;E-Mail;Telefon\nA;b;c") == ';');
    CHECK(detect_delimiter("Name\tE-Mail\nA\tb") == '\t');
    CHECK(detect_delimiter("name,email\n") == ',');
    CHECK(detect_delimiter("\"a;b;c\",d\n") == ',');  // delimiters inside quotes do not count
    CHECK(detect_delimiter("single\n") == ',');
    ImportTable t = parse_csv("Name;Betrag\nMüller;\"1.234,56\"\n");
    CHECK(cells(t, 0) == Cells{"Müller", "1.234,56"});
}

TEST_CASE("blank lines are skipped and ragged rows keep their own cell count") {
    ImportTable t = parse_csv("a,b,c\n\n1,2,3\n4,5\n6,7,8,9\n\n");
    REQUIRE(t.rows.size() == 3);
    CHECK(t.rows[0].line == 3);
    CHECK(t.rows[1].cell_count == 2);
    CHECK(t.rows[1].line == 4);
    CHECK(t.rows[2].cell_count == 4);
    CHECK(t.rows[2].line == 5);
}

TEST_CASE("the preview shows the first rows, short ones padded to the header") {
    ImportTable t = parse_csv("a,b,c\n1,2,3\n4\n5,6,7\n");
    auto p = preview_rows(t, 2);
    REQUIRE(p.size() == 2);
    CHECK(p[0] == Cells{"1", "2", "3"});
    CHECK(p[1] == Cells{"4", "", ""});
    CHECK(preview_rows(t, 100).size() == 3);
}

TEST_CASE("sloppy quotes are kept as text rather than losing data") {
    ImportTable t = parse_csv("a,b\n 5\" tyre ,\"quoted\"tail\n");
    REQUIRE(t.rows.size() == 1);
    CHECK(cells(t, 0) == Cells{" 5\" tyre ", "quotedtail"});
}

TEST_CASE("an unclosed quote is an error at the line it opened, earlier rows survive") {
    ImportTable t = parse_csv("a,b\n1,2\n3,\"never closed\n4,5\n");
    REQUIRE(t.rows.size() == 1);
    REQUIRE(t.errors.size() == 1);
    CHECK(t.errors[0].line == 3);
    CHECK(t.errors[0].message.find("line 3") != std::string::npos);
}

TEST_CASE("text decoding: BOM, Windows-1252, UTF-16, and UTF-8 left as it is") {
    DecodedText bom = decode_text("\xEF\xBB\xBFname\nŁukasz\n");
    CHECK(bom.encoding == TextEncoding::utf8_bom);
    CHECK(bom.text == "name\nŁukasz\n");

    // Excel on a German Windows: € is 0x80, ä 0xE4, ß 0xDF. Not valid UTF-8, so 1252.
    DecodedText w = decode_text("Stra\xDF" "e;Preis\nK\xE4se;5 \x80\n");
    CHECK(w.encoding == TextEncoding::windows1252);
    CHECK(w.text == "Straße;Preis\nKäse;5 €\n");

    // Ł is not in Windows-1252: a Polish file must be UTF-8, and is kept as it is.
    DecodedText pl = decode_text("Łódź,Wiśniewska\n");
    CHECK(pl.encoding == TextEncoding::utf8);
    CHECK(pl.text == "Łódź,Wiśniewska\n");

    // Excel's "Unicode text": UTF-16LE with a BOM, tab separated; a surrogate pair too.
    std::string u16("\xFF\xFE", 2);
    for (char16_t c : std::u16string(u"a\tŁ\n\U0001F600")) {
        u16 += char(c & 0xFF);
        u16 += char(c >> 8);
    }
    DecodedText u = decode_text(u16);
    CHECK(u.encoding == TextEncoding::utf16le_bom);
    CHECK(u.text == "a\tŁ\n\xF0\x9F\x98\x80");
}

TEST_CASE("UTF-8 validation refuses overlongs, surrogates, truncation and stray bytes") {
    CHECK(is_valid_utf8("plain ascii"));
    CHECK(is_valid_utf8("Đorđević 山田 \xF0\x9F\x98\x80"));
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
    CHECK_FALSE(is_valid_utf8("\xE2\x82"));          // truncated €
    CHECK_FALSE(is_valid_utf8("K\xE4se"));           // Latin-1 ä
    CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
    // Every one of the 256 bytes converts from 1252 to valid UTF-8.
    std::string all;
    for (int b = 0; b < 256; ++b) all += char(b);
    CHECK(is_valid_utf8(windows1252_to_utf8(all)));
}

TEST_CASE("the writer quotes only where needed and ends rows with CRLF") {
    CsvWriter w;
    w.text("plain");
    w.text("with,comma");
    w.text("with \"quote\"");
    w.text("two\nlines");
    w.text("");
    w.end_row();
    CHECK(w.out == "plain,\"with,comma\",\"with \"\"quote\"\"\",\"two\nlines\",\r\n");

    CsvWriter semi(CsvOptions{';', false, true});
    semi.text("a,b");
    semi.text("c;d");
    semi.end_row();
    CHECK(semi.out == "a,b;\"c;d\"\r\n");
}

TEST_CASE("cells a spreadsheet would run as formulas are neutralised with a quote") {
    for (const char* evil : {"=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)",
                             "\t=1", "\r=1"}) {
        CsvWriter w;
        w.text(evil);
        w.end_row();
        CAPTURE(evil);
        ImportTable t = parse_csv("h\n" + w.out);
        REQUIRE(t.rows.size() == 1);
        std::string cell(t.cell(t.rows[0], 0));
        CHECK(cell == std::string("'") + evil);          // what the spreadsheet sees: text
        CHECK(strip_formula_guard(cell) == evil);         // what our importer reads back
    }
    CsvWriter numbers;
    numbers.number("-12.50");  // our own numbers are not user text and stay numbers
    CHECK(numbers.out == "-12.50");
    CHECK(strip_formula_guard("'quoted") == "'quoted");  // only our guard is removed
    CsvWriter off(CsvOptions{',', false, false});
    off.text("=1+1");
    CHECK(off.out == "=1+1");
}

TEST_CASE("the BOM option writes a UTF-8 BOM that the reader takes off again") {
    CsvWriter w(CsvOptions{',', true, true});
    w.text("Łukasz");
    w.end_row();
    CHECK(w.out.rfind("\xEF\xBB\xBF", 0) == 0);
    DecodedText d = decode_text(w.out);
    CHECK(d.encoding == TextEncoding::utf8_bom);
    CHECK(d.text == "Łukasz\r\n");
}
