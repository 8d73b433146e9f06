#include "text_fold.h"
#include <cstdint>

namespace fc::ui {
namespace {

// Base letters of U+00C0..U+00FF and U+0100..U+017F; '*' marks the few that fold to two
// letters (Æ, Þ, ß, Œ), handled in fold_latin(); '=' keeps the character (× and ÷).
constexpr char kLatin1[] =
    "aaaaaa*ceeeeiiii"   // C0 À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï
    "dnooooo=ouuuuy**"   // D0 Ð Ñ Ò Ó Ô Õ Ö × Ø Ù Ú Û Ü Ý Þ ß
    "aaaaaa*ceeeeiiii"   // E0
    "dnooooo=ouuuuy*y";  // F0
constexpr char kLatinExtA[] =
    "aaaaaaccccccccdd"   // 100 Ā ā Ă ă Ą ą Ć ć Ĉ ĉ Ċ ċ Č č Ď ď
    "ddeeeeeeeeeegggg"   // 110 Đ đ Ē ē Ĕ ĕ Ė ė Ę ę Ě ě Ĝ ĝ Ğ ğ
    "gggghhhhiiiiiiii"   // 120 Ġ ġ Ģ ģ Ĥ ĥ Ħ ħ Ĩ ĩ Ī ī Ĭ ĭ Į į
    "iijjjjkkklllllll"   // 130 İ ı Ĳ ĳ Ĵ ĵ Ķ ķ ĸ Ĺ ĺ Ļ ļ Ľ ľ Ŀ
    "lllnnnnnnnnnoooo"   // 140 ŀ Ł ł Ń ń Ņ ņ Ň ň ŉ Ŋ ŋ Ō ō Ŏ ŏ
    "oo**rrrrrrssssss"   // 150 Ő ő Œ œ Ŕ ŕ Ŗ ŗ Ř ř Ś ś Ŝ ŝ Ş ş
    "ssttttttuuuuuuuu"   // 160 Š š Ţ ţ Ť ť Ŧ ŧ Ũ ũ Ū ū Ŭ ŭ Ů ů
    "uuuuwwyyyzzzzzzs";  // 170 Ű ű Ų ų Ŵ ŵ Ŷ ŷ Ÿ Ź ź Ż ż Ž ž ſ
static_assert(sizeof(kLatin1) == 64 + 1 && sizeof(kLatinExtA) == 128 + 1);

void append_utf8(char32_t c, std::string& out) {
    if (c < 0x80) {
        out += char(c);
    } else if (c < 0x800) {
        out += char(0xC0 | (c >> 6));
        out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += char(0xE0 | (c >> 12));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    } else {
        out += char(0xF0 | (c >> 18));
        out += char(0x80 | ((c >> 12) & 0x3F));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    }
}

// Returns false when `c` is not a Latin letter this table knows.
bool fold_latin(char32_t c, std::string& out) {
    char base = 0;
    if (c >= 0xC0 && c <= 0xFF) base = kLatin1[c - 0xC0];
    else if (c >= 0x100 && c <= 0x17F) base = kLatinExtA[c - 0x100];
    else if (c >= 0x218 && c <= 0x21B) base = c < 0x21A ? 's' : 't';  // Ș ș Ț ț
    else return false;
    if (base == '=') return false;
    if (base != '*') {
        out += base;
        return true;
    }
    switch (c) {
        case 0xC6: case 0xE6: out += "ae"; break;
        case 0xDE: case 0xFE: out += "th"; break;
        case 0xDF: out += "ss"; break;
        default: out += "oe"; break;  // Œ œ
    }
    return true;
}

char32_t fold_greek_cyrillic(char32_t c) {
    if (c >= 0x391 && c <= 0x3A9) return c + 0x20;  // Α..Ω
    switch (c) {
        case 0x386: case 0x3AC: return 0x3B1;  // ά
        case 0x388: case 0x3AD: return 0x3B5;  // έ
        case 0x389: case 0x3AE: return 0x3B7;  // ή
        case 0x38A: case 0x3AF: case 0x3CA: case 0x390: return 0x3B9;  // ί ϊ ΐ
        case 0x38C: case 0x3CC: return 0x3BF;  // ό
        case 0x38E: case 0x3CD: case 0x3CB: case 0x3B0: return 0x3C5;  // ύ ϋ ΰ
        case 0x38F: case 0x3CE: return 0x3C9;  // ώ
        case 0x3C2: return 0x3C3;              // final ς
        case 0x401: case 0x451: return 0x435;  // Ё ё -> е
    }
    if (c >= 0x410 && c <= 0x42F) return c + 0x20;  // А..Я
    if (c >= 0x400 && c <= 0x40F) return c + 0x50;  // Ѐ..Џ
    return c;
}

}  // namespace

void append_folded(std::string_view s, std::string& out) {
    size_t i = 0;
    while (i < s.size()) {
        unsigned char b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            out += char(b >= 'A' && b <= 'Z' ? b + 32 : b);
            ++i;
            continue;
        }
        size_t len = (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + len > s.size()) {
            ++i;  // stray byte
            continue;
        }
        char32_t c = b & (0x7F >> len);
        bool ok = true;
        for (size_t k = 1; k < len; ++k) {
            unsigned char cb = static_cast<unsigned char>(s[i + k]);
            ok = ok && (cb >> 6) == 2;
            c = (c << 6) | (cb & 0x3F);
        }
        i += ok ? len : 1;
        if (!ok) continue;
        if (c >= 0x300 && c <= 0x36F) continue;  // combining marks of decomposed text
        if (fold_latin(c, out)) continue;
        append_utf8(fold_greek_cyrillic(c), out);
    }
}

std::string fold_for_search(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    append_folded(utf8, out);
    return out;
}

}  // namespace fc::ui
