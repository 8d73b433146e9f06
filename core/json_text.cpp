#include "json_text.h"
#include <charconv>

namespace fc {

void append_json_string(std::string& out, std::string_view s) {
    const size_t start = out.size();
    static const char kHex[] = "0123456789abcdef";
    out += '"';
    size_t plain = 0;  // start of the run of characters copied as they are
    for (size_t i = 0; i < s.size(); ++i) {
        unsigned char ch = static_cast<unsigned char>(s[i]);
        if (ch >= 0x80) {
            out.resize(start);
            out += nlohmann::json(std::string(s)).dump();
            return;
        }
        if (ch >= 0x20 && ch != '"' && ch != '\\') continue;
        out.append(s.data() + plain, i - plain);
        plain = i + 1;
        switch (ch) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                out += "\\u00";
                out += kHex[ch >> 4];
                out += kHex[ch & 0xF];
        }
    }
    out.append(s.data() + plain, s.size() - plain);
    out += '"';
}

std::string json_dump(const nlohmann::json& v) {
    std::string out;
    append_json(out, v);
    return out;
}

void append_json(std::string& out, const nlohmann::json& v) {
    using Type = nlohmann::json::value_t;
    char digits[24];
    switch (v.type()) {
        case Type::object: {
            out += '{';
            bool first = true;
            for (auto it = v.begin(); it != v.end(); ++it) {
                if (!first) out += ',';
                first = false;
                append_json_string(out, it.key());
                out += ':';
                append_json(out, it.value());
            }
            out += '}';
            return;
        }
        case Type::array: {
            out += '[';
            for (size_t i = 0; i < v.size(); ++i) {
                if (i) out += ',';
                append_json(out, v[i]);
            }
            out += ']';
            return;
        }
        case Type::string: return append_json_string(out, v.get_ref<const std::string&>());
        case Type::number_integer:
            out.append(digits, std::to_chars(digits, digits + sizeof digits,
                                             v.get<std::int64_t>()).ptr);
            return;
        case Type::number_unsigned:
            out.append(digits, std::to_chars(digits, digits + sizeof digits,
                                             v.get<std::uint64_t>()).ptr);
            return;
        case Type::boolean: out += v.get<bool>() ? "true" : "false"; return;
        case Type::null: out += "null"; return;
        default: out += v.dump();  // number_float, binary, discarded
    }
}

}  // namespace fc
