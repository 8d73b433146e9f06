#include "record_text.h"
#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>
#include "json_text.h"
#include "record_fields.h"

namespace fc {
namespace {

// A field visitor (record_fields.h) over a const record that renders each field's value, then
// joins them in nlohmann's key order (its objects are sorted maps).
class TextWriter {
public:
    TextWriter() { fields_.reserve(16); }

    void id(const char* key, const std::string& v, bool) { append_json_string(add(key), v); }
    void string(const char* key, const std::string& v, bool, size_t = 0) {
        append_json_string(add(key), v);
    }
    void integer(const char* key, std::int64_t v, bool, std::int64_t, std::int64_t) {
        add(key) += std::to_string(v);
    }
    void int32(const char* key, std::int32_t v, bool, std::int32_t, std::int32_t) {
        add(key) += std::to_string(v);
    }
    // Doubles go through nlohmann: its shortest round-trip form is not worth copying.
    void number(const char* key, double v, bool, double, double) { add(key) += json(v).dump(); }
    void boolean(const char* key, bool v, bool) { add(key) += v ? "true" : "false"; }
    template <class E, class Parse>
    void enumeration(const char* key, const E& v, bool, Parse) {
        append_json_string(add(key), name_of(v));
    }
    template <class Fn>
    void object(const char* key, Fn fn) {
        TextWriter child;
        fn(child);
        add(key) += child.text();
    }
    bool failed() const { return false; }
    void fail(const char*, const char*, const std::string&) {}

    // Leaves a field out (one to_json writes only when set).
    void drop(const char* key) {
        fields_.erase(std::remove_if(fields_.begin(), fields_.end(),
                                     [&](const auto& f) { return std::strcmp(f.first, key) == 0; }),
                      fields_.end());
    }

    std::string text() {
        std::sort(fields_.begin(), fields_.end(),
                  [](const auto& a, const auto& b) { return std::strcmp(a.first, b.first) < 0; });
        size_t size = 2;
        for (const auto& [key, value] : fields_) size += std::strlen(key) + value.size() + 4;
        std::string out;
        out.reserve(size);
        out += '{';
        for (const auto& [key, value] : fields_) {
            if (out.size() > 1) out += ',';
            out += '"';
            out += key;  // keys are plain ASCII names: nothing to escape
            out += "\":";
            out += value;
        }
        out += '}';
        return out;
    }

private:
    std::string& add(const char* key) {
        fields_.emplace_back(key, std::string());
        return fields_.back().second;
    }
    std::vector<std::pair<const char*, std::string>> fields_;
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
