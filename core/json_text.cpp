#include "json_text.h"
#include <nlohmann/json.hpp>

namespace fc {

void append_json_string(std::string& out, std::string_view s) {
    for (char ch : s)
        if (static_cast<unsigned char>(ch) >= 0x80) {
            out += nlohmann::json(std::string(s)).dump();
            return;
        }
    static const char kHex[] = "0123456789abcdef";
    out += '"';
    for (char ch : s) {
        switch (ch) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(ch) < 0x20) {
                    out += "\\u00";
                    out += kHex[(ch >> 4) & 0xF];
                    out += kHex[ch & 0xF];
                } else {
                    out += ch;
                }
        }
    }
    out += '"';
}

}  // namespace fc
