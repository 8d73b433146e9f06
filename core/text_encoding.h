// Bytes from a user's file -> UTF-8 text. Spreadsheets write whatever their locale says: UTF-8
// with or without a BOM, UTF-16 ("Unicode text" in Excel), or Windows-1252 (Excel in much of
// Europe). Everything past this point in the importer sees UTF-8 only.
#pragma once
#include <string>
#include <string_view>

namespace fc {

enum class TextEncoding { utf8, utf8_bom, utf16le_bom, utf16be_bom, windows1252 };

struct DecodedText {
    std::string text;  // UTF-8, without a BOM
    TextEncoding encoding = TextEncoding::utf8;
};

std::string_view name_of(TextEncoding e);

// Strict UTF-8: no overlong forms, no surrogates, nothing past U+10FFFF.
bool is_valid_utf8(std::string_view bytes);

// Every byte maps to one code point (WHATWG's table, so the five unassigned bytes become the
// C1 controls of the same value): the conversion never fails.
std::string windows1252_to_utf8(std::string_view bytes);

// BOM first; then valid UTF-8 stays as it is; anything else is taken as Windows-1252, because
// a file that is not valid UTF-8 is nearly always a legacy Western European export.
DecodedText decode_text(std::string_view bytes);

// Appends the UTF-8 form of one code point (U+FFFD for anything that is not a scalar value).
void append_utf8(std::string& out, char32_t cp);

}  // namespace fc
