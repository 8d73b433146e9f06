// Reads a record's fields (record_fields.h) straight from its JSON text, without building a
// DOM: for the server, which keeps every record as compact JSON and turns them into binary
// pull pages by the million (pull_page.h); nlohmann's parse and JsonReader took ~5x longer
// than the rest of a page.
//
// It reads only the plain forms such stored text has (strings, integers, numbers, booleans,
// null, nested objects; and the text of an array, for a push body's list of commands) and
// gives up on anything else: an array in a field, an unknown or repeated key,
// a type or value JsonReader would refuse, an escape or UTF-8 it does not take. A caller then
// reads the record with JsonReader, which has the last word on what is valid and says why;
// when this reader succeeds, the record is exactly what JsonReader would have made.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include "field_checks.h"
#include "json_reader.h"

namespace fc {

class JsonTextFields {
public:
    explicit JsonTextFields(std::string_view object_text);

    void id(const char* key, std::string& out, bool required);
    void string(const char* key, std::string& out, bool required,
                size_t max_bytes = kDefaultMaxStringBytes);
    void integer(const char* key, std::int64_t& out, bool required, std::int64_t min,
                 std::int64_t max);
    void int32(const char* key, std::int32_t& out, bool required, std::int32_t min,
               std::int32_t max);
    void number(const char* key, double& out, bool required, double min, double max);
    void boolean(const char* key, bool& out, bool required);
    template <class E, class Parse>
    void enumeration(const char* key, E& out, bool required, Parse parse) {
        std::string name;
        if (!text(key, required, name)) return;
        auto e = parse(name);
        if (!e) return give_up();
        out = *e;
    }
    template <class Fn>
    void object(const char* key, Fn fn) {
        const Value* v = take(key, false);
        if (!v) return;
        if (v->kind != Kind::object) return give_up();
        JsonTextFields child(v->text);
        fn(child);
        if (!child.done()) give_up();
    }
    // The text of a nested object or array, to read further (an object's with another
    // JsonTextFields, an array's objects with array_objects); empty when absent or null.
    std::string_view object_text(const char* key, bool required) { return raw(key, required, Kind::object); }
    std::string_view array_text(const char* key, bool required) { return raw(key, required, Kind::array); }
    // The text of each object of an array's text; false when it holds anything else.
    static bool array_objects(std::string_view array_text, std::vector<std::string_view>& out);

    // The whole object as nlohmann's parse would build it (the same values of the same types),
    // when it holds only strings, integers, booleans, null and such objects; false on anything
    // else (a float, an array, a key twice), to leave to nlohmann. Reads no field.
    bool build(json& out) const;

    bool failed() const { return gave_up_; }
    void fail(const char*, const char*, const std::string&) { give_up(); }

    // Call last: true when every field read plainly and every key was asked for.
    bool done() const;

private:
    enum class Kind : std::uint8_t {
        string, escaped_string, integer, number, boolean, null, object, array
    };
    struct Value {
        std::string_view key, text;  // text: a string's bytes without quotes, else the token
        Kind kind;
        bool taken = false;
    };

    void give_up() { gave_up_ = true; }
    const Value* take(const char* key, bool required);
    bool text(const char* key, bool required, std::string& out);
    std::string_view raw(const char* key, bool required, Kind kind);
    void scan(std::string_view s);

    std::vector<Value> values_;
    bool gave_up_ = false;
};

}  // namespace fc
