// RFC 4180 CSV -> ImportTable. Comma, semicolon or tab, detected from the header line; quoted
// fields may hold delimiters, doubled quotes and line breaks; CRLF, LF and lone CR all end a
// record. Lenient where spreadsheets are sloppy (a quote inside an unquoted field is kept as
// text), strict where data would be lost (an unclosed quote is a row error, not a merged row).
#pragma once
#include <string_view>
#include "import_table.h"

namespace fc {

// The delimiter the first record uses most, outside quotes; comma when it names none.
char detect_delimiter(std::string_view text);

// Parses UTF-8 text (see text_encoding.h for bytes). The first non-blank record is the header;
// blank lines are skipped. Rows whose cell count differs from the header's are kept as they
// are: the importer rejects them with their line, the preview still shows them.
// `delimiter` 0 means detect.
ImportTable parse_csv(std::string_view text, char delimiter = 0);

}  // namespace fc
