#include "json_text_fields.h"
#include <cstdlib>
#include <cstring>
#include "field_checks.h"

namespace fc {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The length of a JSON number at the start of `s` (strict grammar, as nlohmann parses it), 0
// when there is none; `integer`: no fraction and no exponent.
size_t number_length(std::string_view s, bool& integer) {
    size_t i = 0;
    if (i < s.size() && s[i] == '-') ++i;
    if (i >= s.size() || !is_digit(s[i])) return 0;
    if (s[i] == '0') ++i;
    else while (i < s.size() && is_digit(s[i])) ++i;
    integer = true;
    if (i < s.size() && s[i] == '.') {
        integer = false;
        if (++i >= s.size() || !is_digit(s[i])) return 0;
        while (i < s.size() && is_digit(s[i])) ++i;
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        integer = false;
        if (++i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        if (i >= s.size() || !is_digit(s[i])) return 0;
        while (i < s.size() && is_digit(s[i])) ++i;
    }
    return i;
}

// The length of one well-formed UTF-8 sequence at the start of `s` (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF), 0 when it is not one.
size_t utf8_length(std::string_view s) {
    auto b = [&](size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0u; };
    unsigned c = b(0);
    auto cont = [&](size_t i) { return (b(i) & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        unsigned c1 = b(1);
        if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F)) return 0;
        return cont(1) && cont(2) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        unsigned c1 = b(1);
        if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F)) return 0;
        return cont(1) && cont(2) && cont(3) ? 4 : 0;
    }
    return 0;
}

// Where the string starting after its opening quote ends (at its closing quote), checking
// what nlohmann checks (no raw control characters, valid UTF-8); npos when it is not plain.
size_t string_end(std::string_view s, size_t i, bool& escaped) {
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == '"') return i;
        if (c == '\\') {
            escaped = true;
            i += 2;
        } else if (c < 0x20) {
            return std::string_view::npos;
        } else if (c < 0x80) {
            ++i;
        } else {
            size_t n = utf8_length(s.substr(i));
            if (!n) return std::string_view::npos;
            i += n;
        }
    }
    return std::string_view::npos;
}

// Where the object or array starting at s[i] ends (one past its closing bracket), counting
// brackets outside strings; npos when it does not, or (`objects_only`) when it holds an array.
// Only its extent: what is inside is read (or parsed) when asked for.
size_t nested_end(std::string_view s, size_t i, bool objects_only) {
    int depth = 0;
    for (; i < s.size(); ++i) {
        char c = s[i];
        if (c == '"') {
            bool esc = false;
            i = string_end(s, i + 1, esc);
            if (i == std::string_view::npos) return i;
        } else if ((c == '[' || c == ']') && objects_only) {
            return std::string_view::npos;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if ((c == '}' || c == ']') && --depth == 0) {
            return i + 1;
        }
    }
    return std::string_view::npos;
}

int hex4(std::string_view s, size_t i) {
    if (i + 4 > s.size()) return -1;
    int v = 0;
    for (size_t k = i; k < i + 4; ++k) {
        char c = s[k];
        v <<= 4;
        if (is_digit(c)) v |= c - '0';
        else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
        else return -1;
    }
    return v;
}

void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

// A string's escapes resolved as nlohmann resolves them; false for one it would refuse.
bool unescape(std::string_view s, std::string& out) {
    out.clear();
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\') {
            out += s[i];
            continue;
        }
        if (++i >= s.size()) return false;
        switch (s[i]) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '/': out += '/'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                int cp = hex4(s, i + 1);
                if (cp < 0) return false;
                i += 4;
                if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a low surrogate first
                if (cp >= 0xD800 && cp <= 0xDBFF) {  // a high one: its low one must follow
                    if (i + 2 >= s.size() || s[i + 1] != '\\' || s[i + 2] != 'u') return false;
                    int lo = hex4(s, i + 3);
                    if (lo < 0xDC00 || lo > 0xDFFF) return false;
                    i += 6;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                }
                append_utf8(out, unsigned(cp));
                break;
            }
            default: return false;
        }
    }
    return true;
}

}  // namespace

JsonTextFields::JsonTextFields(std::string_view object_text) {
    values_.reserve(16);
    scan(object_text);
}

// The top level of one object: its keys and their values' text. Nested objects are kept as
// text and scanned when asked for.
void JsonTextFields::scan(std::string_view s) {
    size_t i = 0;
    auto skip = [&] { while (i < s.size() && is_space(s[i])) ++i; };
    skip();
    if (i >= s.size() || s[i] != '{') return give_up();
    ++i;
    skip();
    if (i < s.size() && s[i] == '}') {
        ++i;
    } else {
        for (;;) {
            skip();
            if (i >= s.size() || s[i] != '"') return give_up();
            bool escaped = false;
            size_t end = string_end(s, i + 1, escaped);
            if (end == std::string_view::npos || escaped) return give_up();
            std::string_view key = s.substr(i + 1, end - i - 1);
            i = end + 1;
            skip();
            if (i >= s.size() || s[i] != ':') return give_up();
            ++i;
            skip();
            if (i >= s.size()) return give_up();
            Value v{key, {}, Kind::null};
            char c = s[i];
            if (c == '"') {
                bool esc = false;
                size_t e = string_end(s, i + 1, esc);
                if (e == std::string_view::npos) return give_up();
                v.text = s.substr(i + 1, e - i - 1);
                v.kind = esc ? Kind::escaped_string : Kind::string;
                i = e + 1;
            } else if (c == '{' || c == '[') {
                size_t end = nested_end(s, i, c == '{');
                if (end == std::string_view::npos) return give_up();
                v.text = s.substr(i, end - i);
                v.kind = c == '{' ? Kind::object : Kind::array;
                i = end;
            } else if (s.compare(i, 4, "true") == 0 || s.compare(i, 4, "null") == 0) {
                v.text = s.substr(i, 4);
                v.kind = c == 'n' ? Kind::null : Kind::boolean;
                i += 4;
            } else if (s.compare(i, 5, "false") == 0) {
                v.text = s.substr(i, 5);
                v.kind = Kind::boolean;
                i += 5;
            } else {
                bool integer = false;
                size_t n = number_length(s.substr(i), integer);
                if (!n) return give_up();
                v.text = s.substr(i, n);
                v.kind = integer ? Kind::integer : Kind::number;
                i += n;
            }
            values_.push_back(v);
            skip();
            if (i < s.size() && s[i] == ',') {
                ++i;
                continue;
            }
            if (i < s.size() && s[i] == '}') {
                ++i;
                break;
            }
            return give_up();
        }
    }
    skip();
    if (i != s.size()) give_up();
}

// The value of `key` (first of that name; a repeated key stays untaken, so done() refuses),
// nullptr when absent or null, as JsonReader treats null. A required one missing: give up.
const JsonTextFields::Value* JsonTextFields::take(const char* key, bool required) {
    if (gave_up_) return nullptr;
    for (Value& v : values_) {
        if (v.taken || v.key != key) continue;
        v.taken = true;
        if (v.kind == Kind::null) break;
        return &v;
    }
    if (required) give_up();
    return nullptr;
}

bool JsonTextFields::text(const char* key, bool required, std::string& out) {
    const Value* v = take(key, required);
    if (!v) return false;
    if (v->kind == Kind::string) {
        out.assign(v->text.data(), v->text.size());
    } else if (v->kind != Kind::escaped_string || !unescape(v->text, out)) {
        give_up();
        return false;
    }
    return true;
}

std::string_view JsonTextFields::raw(const char* key, bool required, Kind kind) {
    const Value* v = take(key, required);
    if (!v) return {};
    if (v->kind != kind) {
        give_up();
        return {};
    }
    return v->text;
}

bool JsonTextFields::build(json& out) const {
    if (gave_up_) return false;
    json object = json::object();
    std::string text;
    for (const Value& v : values_) {
        json value;  // null
        switch (v.kind) {
            case Kind::string: value = std::string(v.text); break;
            case Kind::escaped_string:
                if (!unescape(v.text, text)) return false;
                value = text;
                break;
            case Kind::integer: {
                // As nlohmann: unsigned without a sign, signed with one; longer ones to it.
                bool negative = v.text[0] == '-';
                std::string_view digits = v.text.substr(negative ? 1 : 0);
                if (digits.size() > 18) return false;
                std::int64_t n = 0;
                for (char ch : digits) n = n * 10 + (ch - '0');
                if (negative) value = -n;
                else value = std::uint64_t(n);
                break;
            }
            case Kind::boolean: value = v.text[0] == 't'; break;
            case Kind::null: break;
            case Kind::object:
                if (!JsonTextFields(v.text).build(value)) return false;
                break;
            default: return false;  // a float (nlohmann's own conversion), an array
        }
        // A key twice: nlohmann keeps the last one; leave that to it.
        if (!object.emplace(std::string(v.key), std::move(value)).second) return false;
    }
    out = std::move(object);
    return true;
}

bool JsonTextFields::array_objects(std::string_view s, std::vector<std::string_view>& out) {
    out.clear();
    size_t i = 0;
    auto skip = [&] { while (i < s.size() && is_space(s[i])) ++i; };
    if (s.empty() || s[0] != '[') return false;
    ++i;
    skip();
    if (i < s.size() && s[i] == ']') return i + 1 == s.size();
    for (;;) {
        skip();
        if (i >= s.size() || s[i] != '{') return false;
        size_t end = nested_end(s, i, true);
        if (end == std::string_view::npos) return false;
        out.push_back(s.substr(i, end - i));
        i = end;
        skip();
        if (i < s.size() && s[i] == ',') {
            ++i;
            continue;
        }
        return i < s.size() && s[i] == ']' && i + 1 == s.size();
    }
}

void JsonTextFields::id(const char* key, std::string& out, bool required) {
    std::string s;
    if (!text(key, required, s)) return;
    if (check_id(s, required)) return give_up();
    out = std::move(s);
}

void JsonTextFields::string(const char* key, std::string& out, bool required, size_t max_bytes) {
    std::string s;
    if (!text(key, required, s)) return;
    if (check_string(s, required, max_bytes)) return give_up();
    out = std::move(s);
}

void JsonTextFields::integer(const char* key, std::int64_t& out, bool required, std::int64_t min,
                             std::int64_t max) {
    const Value* v = take(key, required);
    if (!v) return;
    if (v->kind != Kind::integer) return give_up();
    // At most 18 digits: no overflow (a longer one is left to JsonReader).
    std::string_view t = v->text;
    bool negative = t[0] == '-';
    if (negative) t.remove_prefix(1);
    if (t.size() > 18) return give_up();
    std::int64_t n = 0;
    for (char c : t) n = n * 10 + (c - '0');
    if (negative) n = -n;
    if (check_integer(n, min, max)) return give_up();
    out = n;
}

void JsonTextFields::int32(const char* key, std::int32_t& out, bool required, std::int32_t min,
                           std::int32_t max) {
    std::int64_t n = out;
    integer(key, n, required, min, max);
    if (!gave_up_) out = std::int32_t(n);
}

void JsonTextFields::number(const char* key, double& out, bool required, double min, double max) {
    const Value* v = take(key, required);
    if (!v) return;
    if (v->kind != Kind::integer && v->kind != Kind::number) return give_up();
    char buf[64];
    if (v->text.size() >= sizeof buf) return give_up();
    std::memcpy(buf, v->text.data(), v->text.size());
    buf[v->text.size()] = 0;
    double d = std::strtod(buf, nullptr);
    if (check_number(d, min, max)) return give_up();
    out = d;
}

void JsonTextFields::boolean(const char* key, bool& out, bool required) {
    const Value* v = take(key, required);
    if (!v) return;
    if (v->kind != Kind::boolean) return give_up();
    out = v->text[0] == 't';
}

bool JsonTextFields::done() const {
    if (gave_up_) return false;
    for (const Value& v : values_)
        if (!v.taken) return false;
    return true;
}

}  // namespace fc
