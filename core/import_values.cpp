#include "import_values.h"
#include <cmath>
#include <cstdlib>

namespace fc {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = lower(c);
    return out;
}

}  // namespace

std::string_view trim_cell(std::string_view s) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    // A no-break space (U+00A0) is what spreadsheets pad numbers with in French locales.
    while (s.size() >= 2 && s.substr(0, 2) == "\xC2\xA0") s.remove_prefix(2);
    while (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") s.remove_suffix(2);
    return s;
}

std::optional<bool> parse_bool_text(std::string_view s) {
    std::string v = lower_ascii(trim_cell(s));
    static const char* yes[] = {"true", "yes", "y", "1", "x", "ja", "j", "oui", "tak", "wahr",
                                "vrai"};
    static const char* no[] = {"false", "no", "n", "0", "nein", "non", "nie", "falsch", "faux"};
    for (const char* w : yes)
        if (v == w) return true;
    for (const char* w : no)
        if (v == w) return false;
    return std::nullopt;
}

std::optional<std::int64_t> parse_money_text(std::string_view s) {
    s = trim_cell(s);
    bool negative = false;
    std::string digits;  // the number with '.' as the only separator left
    size_t last_sep = std::string::npos;
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c >= '0' && c <= '9') digits += c;
        else if (c == '-' && digits.empty()) negative = true;
        else if (c == '.' || c == ',') {
            last_sep = digits.size();
            digits += '.';
        } else if (c == ' ' || c == '\'' || static_cast<unsigned char>(c) >= 0x80 || c == '$') {
            // spaces, Swiss thousands marks, currency signs and NBSP bytes carry no value
        } else {
            return std::nullopt;
        }
    }
    if (digits.empty() || digits == ".") return std::nullopt;
    std::string whole, frac;
    size_t frac_len = last_sep == std::string::npos ? 0 : digits.size() - last_sep - 1;
    bool decimal = last_sep != std::string::npos && frac_len >= 1 && frac_len <= 2;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (digits[i] == '.') continue;
        if (decimal && i > last_sep) frac += digits[i];
        else whole += digits[i];
    }
    if (whole.size() > 13) return std::nullopt;
    while (frac.size() < 2) frac += '0';
    std::int64_t v = (whole.empty() ? 0 : std::stoll(whole)) * 100 + std::stoll(frac);
    return negative ? -v : v;
}

std::optional<std::int64_t> parse_integer_text(std::string_view s) {
    s = trim_cell(s);
    if (s.empty() || s.size() > 18) return std::nullopt;
    bool negative = s.front() == '-';
    if (negative) s.remove_prefix(1);
    if (s.empty()) return std::nullopt;
    std::int64_t v = 0;
    for (char c : s) {
        if (c == '.' || c == ' ' || c == '\'') continue;  // thousands marks: "1.200", "1 200"
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return negative ? -v : v;
}

std::optional<double> parse_number_text(std::string_view s) {
    std::string v(trim_cell(s));
    if (v.empty() || v.size() > 40) return std::nullopt;
    for (char& c : v)
        if (c == ',') c = '.';
    char* end = nullptr;
    double d = std::strtod(v.c_str(), &end);
    if (end != v.c_str() + v.size() || !std::isfinite(d)) return std::nullopt;
    return d;
}

std::string phone_match_key(std::string_view phone) {
    std::string d;
    for (char c : phone)
        if (c >= '0' && c <= '9') d += c;
    if (d.size() >= 2 && d[0] == '0' && d[1] == '0') d.erase(0, 2);
    return d.size() >= 6 ? d : std::string();
}

std::string email_match_key(std::string_view email) { return lower_ascii(trim_cell(email)); }

std::string enum_text(std::string_view s) {
    std::string out = lower_ascii(trim_cell(s));
    for (char& c : out)
        if (c == ' ' || c == '-') c = '_';
    return out;
}

std::string content_hash_hex(std::string_view bytes) {
    std::uint64_t h = 1469598103934665603ull;
    for (char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    static const char* hex = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4) out[size_t(i)] = hex[h & 15];
    return out;
}

}  // namespace fc
