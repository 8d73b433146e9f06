// Request and response plumbing shared by every endpoint: the JSON error shape, and reading a
// JSON body defensively (nesting depth is checked before parsing, so a body of a million '['
// cannot exhaust the stack; the parser rejects invalid UTF-8 and syntax errors).
#pragma once
#include <httplib.h>
#include <string_view>
#include "error.h"
#include "json_reader.h"

namespace fc::server {

constexpr int kMaxJsonDepth = 32;

void send_error(httplib::Response& res, int status, const Error& e);
void send_json(httplib::Response& res, int status, const json& body);

// Fills `out` with the parsed body, or answers 400 and returns false.
bool read_json_body(const httplib::Request& req, httplib::Response& res, json& out);

// Whether `text` nests arrays and objects deeper than `max_depth` (strings are skipped).
bool nests_deeper_than(std::string_view text, int max_depth);
bool is_valid_utf8(std::string_view s);

}  // namespace fc::server
