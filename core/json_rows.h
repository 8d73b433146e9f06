// A JSON import file (an array of objects) -> ImportTable, so JSON and CSV share one mapping
// and one import path. The header is every key in order of first appearance; each row keeps the
// line its object starts on, so errors point into the file the way CSV errors do.
#pragma once
#include <string_view>
#include "error.h"
#include "import_table.h"

namespace fc {

// Strings stay as they are; numbers and booleans become their JSON text; null and absent keys
// become empty cells; nested arrays and objects are kept as JSON text (the field's own
// validation then rejects them). An element that is not an object is a row error. A file that
// is not a JSON array is an error and `out` is left alone.
MaybeError parse_json_rows(std::string_view utf8_text, ImportTable& out);

}  // namespace fc
