// JSON text written directly, byte for byte as nlohmann's dump() writes it (compact, UTF-8 kept
// as is), for hot paths that would otherwise build a json value only to dump it: the sync
// server's push answers and the record rows it stores (record_text.h).
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace fc {

// Appends `s` as a JSON string literal, escaped as nlohmann escapes it. Text with bytes past
// ASCII goes through nlohmann itself, so its UTF-8 checks (and their exception) stay the same.
void append_json_string(std::string& out, std::string_view s);

// v.dump(), the same bytes: objects, arrays, strings, integers, booleans and null written here,
// floats (nlohmann's shortest round-trip form) and anything else by nlohmann.
std::string json_dump(const nlohmann::json& v);
void append_json(std::string& out, const nlohmann::json& v);

}  // namespace fc
