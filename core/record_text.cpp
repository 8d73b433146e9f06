#include "record_text.h"
#include <algorithm>
#include <charconv>
#include <cstring>
#include <vector>
#include "json_text.h"
#include "record_fields.h"

namespace fc {
namespace {

// A field visitor (record_fields.h) over a const record that writes each field's value into
// one buffer as it comes, then joins them in nlohmann's key order (its objects are sorted
// maps): two allocations a record, not one per field.
class TextWriter {
public:
    TextWriter() {
        values_.reserve(256);
        fields_.reserve(24);
    }

    void id(const char* key, const std::string& v, bool) { string(key, v, false); }
    void string(const char* key, const std::string& v, bool, size_t = 0) {
        put(key, [&](std::string& out) { append_json_string(out, v); });
    }
    void integer(const char* key, std::int64_t v, bool, std::int64_t, std::int64_t) {
        put(key, [&](std::string& out) {
            char digits[24];
            out.append(digits, std::to_chars(digits, digits + sizeof digits, v).ptr);
        });
    }
    void int32(const char* key, std::int32_t v, bool, std::int32_t, std::int32_t) {
        integer(key, v, false, 0, 0);
    }
    // Doubles go through nlohmann: its shortest round-trip form is not worth copying.
    void number(const char* key, double v, bool, double, double) {
        put(key, [&](std::string& out) { out += json(v).dump(); });
    }
    void boolean(const char* key, bool v, bool) {
        put(key, [&](std::string& out) { out += v ? "true" : "false"; });
    }
    template <class E, class Parse>
    void enumeration(const char* key, const E& v, bool, Parse) {
        put(key, [&](std::string& out) { append_json_string(out, name_of(v)); });
    }
    template <class Fn>
    void object(const char* key, Fn fn) {
        TextWriter child;
        fn(child);
        put(key, [&](std::string& out) { out += child.text(); });
    }
    bool failed() const { return false; }
    void fail(const char*, const char*, const std::string&) {}

    // Leaves a field out (one to_json writes only when set).
    void drop(const char* key) {
        fields_.erase(std::remove_if(fields_.begin(), fields_.end(),
                                     [&](const Field& f) { return std::strcmp(f.key, key) == 0; }),
                      fields_.end());
    }

    std::string text() {
        std::sort(fields_.begin(), fields_.end(),
                  [](const Field& a, const Field& b) { return std::strcmp(a.key, b.key) < 0; });
        std::string out;
        out.reserve(values_.size() + fields_.size() * 24 + 2);
        out += '{';
        for (const Field& f : fields_) {
            if (out.size() > 1) out += ',';
            out += '"';
            out += f.key;  // keys are plain ASCII names: nothing to escape
            out += "\":";
            out.append(values_, f.begin, f.end - f.begin);
        }
        out += '}';
        return out;
    }

private:
    struct Field {
        const char* key;
        size_t begin, end;  // the value's text in values_
    };

    template <class Write>
    void put(const char* key, Write write) {
        size_t begin = values_.size();
        write(values_);
        fields_.push_back(Field{key, begin, values_.size()});
    }

    std::string values_;
    std::vector<Field> fields_;
};

// `leave_out(w)` drops the fields to_json writes only when set.
template <class T, class LeaveOut>
std::string text_of(const T& r, LeaveOut leave_out) {
    TextWriter w;
    fields(w, r);
    leave_out(w);
    return w.text();
}
template <class T>
std::string text_of(const T& r) {
    return text_of(r, [](TextWriter&) {});
}

}  // namespace

std::string record_text(const Account& r) { return text_of(r); }
std::string record_text(const Contact& r) { return text_of(r); }
std::string record_text(const Activity& r) {
    return text_of(r, [&](TextWriter& w) {
        if (r.channel.empty()) w.drop("channel");
    });
}
std::string record_text(const Lead& r) { return text_of(r); }
std::string record_text(const Task& r) { return text_of(r); }
std::string record_text(const Dealer& r) { return text_of(r); }
std::string record_text(const User& r) { return text_of(r); }
std::string record_text(const ProductCategory& r) { return text_of(r); }
std::string record_text(const Campaign& r) { return text_of(r); }
std::string record_text(const Deal& r) {
    return text_of(r, [&](TextWriter& w) {
        if (!r.closed_at) w.drop("closed_at");
        if (r.reason.empty()) w.drop("reason");
    });
}
std::string record_text(const LeadEvent& r) { return text_of(r); }

}  // namespace fc
