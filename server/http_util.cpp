#include "http_util.h"

namespace fc::server {

void send_error(httplib::Response& res, int status, const Error& e) {
    res.status = status;
    res.set_content(json{{"error", {{"code", e.code}, {"message", e.message}, {"field", e.field}}}}
                        .dump(),
                    "application/json");
}

void send_json(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(body.dump(), "application/json");
}

bool nests_deeper_than(std::string_view text, int max_depth) {
    int depth = 0;
    bool in_string = false, escaped = false;
    for (char ch : text) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (ch == '\\') escaped = true;
            else if (ch == '"') in_string = false;
            continue;
        }
        if (ch == '"') in_string = true;
        else if (ch == '[' || ch == '{') {
            if (++depth > max_depth) return true;
        } else if (ch == ']' || ch == '}') --depth;
    }
    return false;
}

bool is_valid_utf8(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        int n = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : -1;
        if (n < 0 || s.size() - i <= size_t(n)) return false;
        std::uint32_t cp = n == 0 ? c : n == 1 ? (c & 0x1F) : n == 2 ? (c & 0x0F) : (c & 0x07);
        for (int k = 1; k <= n; ++k) {
            unsigned char cc = static_cast<unsigned char>(s[i + size_t(k)]);
            if ((cc >> 6) != 0x2) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8.
        static const std::uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
        if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += size_t(n) + 1;
    }
    return true;
}

bool read_json_body(const httplib::Request& req, httplib::Response& res, json& out) {
    if (nests_deeper_than(req.body, kMaxJsonDepth)) {
        send_error(res, 400, Error{"too_deep", "", "the body nests deeper than " +
                                                       std::to_string(kMaxJsonDepth) + " levels"});
        return false;
    }
    // A raw NUL is never valid JSON (in a string it must be escaped), but the parser takes it
    // for the end of the input and would accept "123\0garbage".
    bool has_nul = req.body.find('\0') != std::string::npos;
    out = has_nul ? json(json::value_t::discarded) : json::parse(req.body, nullptr, false);
    if (out.is_discarded()) {
        send_error(res, 400, Error{"invalid_json", "", "the body is not valid JSON"});
        return false;
    }
    return true;
}

}  // namespace fc::server
