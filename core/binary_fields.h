// The binary record codec the binary snapshot (snapshot_binary.h) and binary pull pages
// (pull_page.h) share: varints and strings, and field visitors (record_fields.h) that write a
// record's values in field order and read them back with the same checks as JSON. Internal to
// core.
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>
#include "error.h"
#include "field_checks.h"
#include "record_fields.h"

namespace fc::binary_detail {

struct Bytes {
    std::string out;
    void u8(std::uint8_t v) { out.push_back(char(v)); }
    void varint(std::uint64_t v) {
        while (v >= 0x80) {
            out.push_back(char((v & 0x7F) | 0x80));
            v >>= 7;
        }
        out.push_back(char(v));
    }
    void zigzag(std::int64_t v) { varint((std::uint64_t(v) << 1) ^ std::uint64_t(v >> 63)); }
    void f64(double v) {
        std::uint64_t b;
        std::memcpy(&b, &v, sizeof b);
        for (int i = 0; i < 8; ++i) out.push_back(char((b >> (8 * i)) & 0xFF));
    }
    void str(std::string_view s) {
        varint(s.size());
        out.append(s.data(), s.size());
    }
};

// Writes a record's values in field order (record_fields.h); names go once per section.
struct FieldWriter {
    Bytes& b;
    void id(const char*, const std::string& v, bool) { b.str(v); }
    void string(const char*, const std::string& v, bool, size_t = kDefaultMaxStringBytes) { b.str(v); }
    void integer(const char*, std::int64_t v, bool, std::int64_t, std::int64_t) { b.zigzag(v); }
    void int32(const char*, std::int32_t v, bool, std::int32_t, std::int32_t) { b.zigzag(v); }
    void number(const char*, double v, bool, double, double) { b.f64(v); }
    void boolean(const char*, bool v, bool) { b.u8(v ? 1 : 0); }
    template <class E, class Parse>
    void enumeration(const char*, E v, bool, Parse) { b.u8(std::uint8_t(v)); }
    template <class Fn>
    void object(const char*, Fn fn) { fn(*this); }
    bool failed() const { return false; }
    void fail(const char*, const char*, const std::string&) {}
};

// How a field's value is encoded, which is all a reader needs to step over it.
enum class WireKind : std::uint8_t { string, varint, f64, byte };

// A record type's fields in field order: dotted name ("bant.need.met"), wire kind, and the
// encoding of its default value (what a record written without that field holds).
struct FieldLayout {
    std::vector<std::string> names;
    std::vector<WireKind> kinds;
    std::vector<std::string> defaults;
    std::string prefix;

    void add(const char* key, WireKind kind, Bytes b) {
        names.push_back(prefix + key);
        kinds.push_back(kind);
        defaults.push_back(std::move(b.out));
    }
    void id(const char* k, const std::string& v, bool) { string(k, v, false); }
    void string(const char* k, const std::string& v, bool, size_t = 0) {
        Bytes b;
        b.str(v);
        add(k, WireKind::string, std::move(b));
    }
    void integer(const char* k, std::int64_t v, bool, std::int64_t, std::int64_t) {
        Bytes b;
        b.zigzag(v);
        add(k, WireKind::varint, std::move(b));
    }
    void int32(const char* k, std::int32_t v, bool, std::int32_t min, std::int32_t max) {
        integer(k, v, false, min, max);
    }
    void number(const char* k, double v, bool, double, double) {
        Bytes b;
        b.f64(v);
        add(k, WireKind::f64, std::move(b));
    }
    void boolean(const char* k, bool v, bool) {
        Bytes b;
        b.u8(v ? 1 : 0);
        add(k, WireKind::byte, std::move(b));
    }
    template <class E, class Parse>
    void enumeration(const char* k, E v, bool, Parse) {
        Bytes b;
        b.u8(std::uint8_t(v));
        add(k, WireKind::byte, std::move(b));
    }
    template <class Fn>
    void object(const char* k, Fn fn) {
        std::string saved = prefix;
        prefix += std::string(k) + ".";
        fn(*this);
        prefix = saved;
    }
    bool failed() const { return false; }
    void fail(const char*, const char*, const std::string&) {}
};

template <class T>
const FieldLayout& field_layout() {
    static const FieldLayout layout = [] {
        FieldLayout l;
        const T record{};
        fields(l, record);
        return l;
    }();
    return layout;
}

// The field list of a record type as the binary forms name it: "id,dealer_id,...,bant.budget.met".
template <class T>
const std::string& field_list() {
    static const std::string list = [] {
        std::string out;
        for (const std::string& name : field_layout<T>().names) {
            if (!out.empty()) out += ',';
            out += name;
        }
        return out;
    }();
    return list;
}

// A cursor over bytes; reading past the end clears `ok` and yields zeros.
struct Cursor {
    const unsigned char* p;
    const unsigned char* end;
    bool ok = true;

    explicit Cursor(std::string_view s)
        : p(reinterpret_cast<const unsigned char*>(s.data())), end(p + s.size()) {}
    bool at_end() const { return p == end; }
    std::uint8_t u8() {
        if (p == end) return ok = false, 0;
        return *p++;
    }
    std::uint64_t varint() {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (p == end) return ok = false, 0;
            std::uint8_t byte = *p++;
            v |= std::uint64_t(byte & 0x7F) << shift;
            if (!(byte & 0x80)) return v;
        }
        return ok = false, 0;  // more than 10 bytes: not a varint we wrote
    }
    std::int64_t zigzag() {
        std::uint64_t v = varint();
        return std::int64_t(v >> 1) ^ -std::int64_t(v & 1);
    }
    double f64() {
        if (end - p < 8) return ok = false, p = end, 0;
        std::uint64_t b = 0;
        for (int i = 0; i < 8; ++i) b |= std::uint64_t(p[i]) << (8 * i);
        p += 8;
        double d;
        std::memcpy(&d, &b, sizeof d);
        return d;
    }
    std::string_view str() {
        std::uint64_t n = varint();
        if (!ok || n > std::uint64_t(end - p)) return ok = false, p = end, std::string_view();
        std::string_view s(reinterpret_cast<const char*>(p), size_t(n));
        p += n;
        return s;
    }
};

// Reads a record's values in field order and applies each field's rules (field_checks.h), as
// JsonReader does for JSON. The first problem wins; its path ("leads[12].score") is built only
// then.
class FieldReader {
public:
    explicit FieldReader(std::string_view bytes) : in_(bytes) {}

    void begin_record(const char* table, size_t index) {
        table_ = table;
        index_ = index;
    }
    bool at_end() const { return in_.at_end(); }
    const MaybeError& error() const { return error_; }
    bool failed() const { return error_.has_value(); }

    void id(const char* key, std::string& out, bool required) {
        std::string_view s;
        if (!take(key, s)) return;
        if (auto p = check_id(s, required)) return fail(p->code, key, p->message);
        out.assign(s.data(), s.size());
    }
    void string(const char* key, std::string& out, bool required,
                size_t max_bytes = kDefaultMaxStringBytes) {
        std::string_view s;
        if (!take(key, s)) return;
        if (auto p = check_string(s, required, max_bytes)) return fail(p->code, key, p->message);
        out.assign(s.data(), s.size());
    }
    void integer(const char* key, std::int64_t& out, bool, std::int64_t min, std::int64_t max) {
        if (failed()) return;
        std::int64_t n = in_.zigzag();
        if (!in_.ok) return truncated(key);
        if (auto p = check_integer(n, min, max)) return fail(p->code, key, p->message);
        out = n;
    }
    void int32(const char* key, std::int32_t& out, bool required, std::int32_t min,
               std::int32_t max) {
        std::int64_t n = out;
        integer(key, n, required, min, max);
        if (!failed()) out = std::int32_t(n);
    }
    void number(const char* key, double& out, bool, double min, double max) {
        if (failed()) return;
        double d = in_.f64();
        if (!in_.ok) return truncated(key);
        if (auto p = check_number(d, min, max)) return fail(p->code, key, p->message);
        out = d;
    }
    void boolean(const char* key, bool& out, bool) {
        if (failed()) return;
        std::uint8_t b = in_.u8();
        if (!in_.ok) return truncated(key);
        if (b > 1) return fail("invalid_type", key, "must be true or false");
        out = b == 1;
    }
    template <class E, class Parse>
    void enumeration(const char* key, E& out, bool, Parse) {
        if (failed()) return;
        std::uint8_t v = in_.u8();
        if (!in_.ok) return truncated(key);
        if (v >= std::uint8_t(E::count_)) return fail("invalid_field", key, "is not one of the allowed values");
        out = E(v);
    }
    template <class Fn>
    void object(const char* key, Fn fn) {
        if (failed()) return;
        size_t saved = prefix_.size();
        prefix_ += key;
        prefix_ += '.';
        fn(*this);
        prefix_.resize(saved);
    }
    void fail(const char* code, const char* key, const std::string& message) {
        if (failed()) return;
        std::string field = path_of(key);
        error_ = Error{code, field, field + " " + message};
    }

private:
    bool take(const char* key, std::string_view& s) {
        if (failed()) return false;
        s = in_.str();
        if (!in_.ok) return truncated(key), false;
        return true;
    }
    void truncated(const char* key) {
        fail("truncated", key, "is cut short: the data ends inside this record");
    }
    std::string path_of(const char* key) const {
        return std::string(table_) + "[" + std::to_string(index_) + "]." + prefix_ + key;
    }

    Cursor in_;
    const char* table_ = "";
    size_t index_ = 0;
    std::string prefix_;
    MaybeError error_;
};

}  // namespace fc::binary_detail
