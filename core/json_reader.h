// Reads one JSON object field by field with validation. The first problem wins and is reported
// with its full path; keys the reader was never asked about are "unknown_field" errors, so a
// typo in a client or a rule file never passes silently.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include "error.h"
#include "field_checks.h"

namespace fc {

using json = nlohmann::json;

class JsonReader {
public:
    JsonReader(const json& object, std::string path);

    void string(const char* key, std::string& out, bool required,
                size_t max_bytes = kDefaultMaxStringBytes);
    void id(const char* key, std::string& out, bool required);
    void integer(const char* key, std::int64_t& out, bool required, std::int64_t min,
                 std::int64_t max);
    void int32(const char* key, std::int32_t& out, bool required, std::int32_t min,
               std::int32_t max);
    void number(const char* key, double& out, bool required, double min, double max);
    void boolean(const char* key, bool& out, bool required);

    // Enums by wire name: `parse` maps a name to the enum or nullopt.
    template <class E, class Parse>
    void enumeration(const char* key, E& out, bool required, Parse parse) {
        const json* v = take(key, required, json::value_t::string, "a string");
        if (!v) return;
        auto e = parse(v->template get_ref<const std::string&>());
        if (!e) return fail("invalid_field", key, "is not one of the allowed values");
        out = *e;
    }

    // Reads a nested object (absent: nothing happens) with fn(JsonReader& child); the child's
    // first error, unknown keys included, becomes this reader's.
    template <class Fn>
    void object(const char* key, Fn fn) {
        const json* v = take(key, false, json::value_t::object, "an object");
        if (!v) return;
        JsonReader child(*v, path_of(key));
        fn(child);
        if (auto e = child.finish()) fail_with(*e);
    }

    // Returns the raw value of a nested field for the caller to read (nullptr when absent).
    const json* nested(const char* key, bool required, json::value_t type, const char* what);

    // Call last: reports unknown keys and returns the first error, if any.
    MaybeError finish();
    bool failed() const { return error_.has_value(); }
    std::string path_of(const char* key) const;
    void fail(const char* code, const char* key, const std::string& message);
    // Adopts an error found by a nested reader (the first error still wins).
    void fail_with(const Error& e) {
        if (!error_) error_ = e;
    }

private:
    const json* take(const char* key, bool required, json::value_t type, const char* what);

    const json& object_;
    std::string path_;
    std::vector<std::string_view> seen_;
    MaybeError error_;
};

// An error for a value that is not an object at all.
Error not_an_object(const std::string& path);

}  // namespace fc
