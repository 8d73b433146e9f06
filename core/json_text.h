// JSON text written directly, byte for byte as nlohmann's dump() writes it (compact, UTF-8 kept
// as is), for hot paths that would otherwise build a json value only to dump it: the sync
// server's push answers and the record rows it stores (record_text.h).
#pragma once
#include <string>
#include <string_view>

namespace fc {

// Appends `s` as a JSON string literal, escaped as nlohmann escapes it. Text with bytes past
// ASCII goes through nlohmann itself, so its UTF-8 checks (and their exception) stay the same.
void append_json_string(std::string& out, std::string_view s);

}  // namespace fc
