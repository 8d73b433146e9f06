#include "text_encoding.h"
#include <cstdint>

namespace fc {
namespace {

// Windows-1252 bytes 0x80..0x9F; the rest of the upper half equals Latin-1.
constexpr char16_t kHigh1252[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

std::string utf16_to_utf8(std::string_view bytes, bool little_endian) {
    std::string out;
    out.reserve(bytes.size() * 3 / 2);
    auto unit = [&](size_t i) -> char32_t {
        auto b0 = std::uint8_t(bytes[i]), b1 = std::uint8_t(bytes[i + 1]);
        return little_endian ? char32_t(b0 | b1 << 8) : char32_t(b1 | b0 << 8);
    };
    size_t n = bytes.size() & ~size_t(1);
    for (size_t i = 0; i < n; i += 2) {
        char32_t u = unit(i);
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
            char32_t lo = unit(i + 2);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
                i += 2;
                continue;
            }
        }
        append_utf8(out, u);  // a lone surrogate becomes U+FFFD there
    }
    if (bytes.size() & 1) append_utf8(out, 0xFFFD);  // a truncated last unit
    return out;
}

}  // namespace

std::string_view name_of(TextEncoding e) {
    switch (e) {
        case TextEncoding::utf8: return "utf-8";
        case TextEncoding::utf8_bom: return "utf-8 (bom)";
        case TextEncoding::utf16le_bom: return "utf-16le";
        case TextEncoding::utf16be_bom: return "utf-16be";
        case TextEncoding::windows1252: return "windows-1252";
    }
    return "?";
}

void append_utf8(std::string& out, char32_t cp) {
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | cp >> 6);
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | cp >> 12);
        out += char(0x80 | (cp >> 6 & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | cp >> 18);
        out += char(0x80 | (cp >> 12 & 0x3F));
        out += char(0x80 | (cp >> 6 & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

bool is_valid_utf8(std::string_view s) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
    size_t n = s.size(), i = 0;
    while (i < n) {
        std::uint8_t c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t len;
        std::uint8_t lo = 0x80, hi = 0xBF;  // allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if (c == 0xE0) len = 3, lo = 0xA0;
        else if (c == 0xED) len = 3, hi = 0x9F;  // excludes surrogates
        else if (c >= 0xE1 && c <= 0xEF) len = 3;
        else if (c == 0xF0) len = 4, lo = 0x90;
        else if (c == 0xF4) len = 4, hi = 0x8F;  // nothing past U+10FFFF
        else if (c >= 0xF1 && c <= 0xF3) len = 4;
        else return false;
        if (i + len > n) return false;
        if (p[i + 1] < lo || p[i + 1] > hi) return false;
        for (size_t k = 2; k < len; ++k)
            if ((p[i + k] & 0xC0) != 0x80) return false;
        i += len;
    }
    return true;
}

std::string windows1252_to_utf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (char ch : bytes) {
        auto b = std::uint8_t(ch);
        if (b < 0x80) out += ch;
        else if (b < 0xA0) append_utf8(out, kHigh1252[b - 0x80]);
        else append_utf8(out, b);
    }
    return out;
}

DecodedText decode_text(std::string_view bytes) {
    if (starts_with(bytes, "\xEF\xBB\xBF")) {
        std::string_view rest = bytes.substr(3);
        // A BOM promises UTF-8; if the bytes break the promise, keep what is readable.
        if (is_valid_utf8(rest)) return {std::string(rest), TextEncoding::utf8_bom};
        return {windows1252_to_utf8(rest), TextEncoding::windows1252};
    }
    if (starts_with(bytes, "\xFF\xFE"))
        return {utf16_to_utf8(bytes.substr(2), true), TextEncoding::utf16le_bom};
    if (starts_with(bytes, "\xFE\xFF"))
        return {utf16_to_utf8(bytes.substr(2), false), TextEncoding::utf16be_bom};
    if (is_valid_utf8(bytes)) return {std::string(bytes), TextEncoding::utf8};
    return {windows1252_to_utf8(bytes), TextEncoding::windows1252};
}

}  // namespace fc
