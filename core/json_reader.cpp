#include "json_reader.h"
#include <algorithm>
#include "field_checks.h"

namespace fc {

JsonReader::JsonReader(const json& object, std::string path)
    : object_(object), path_(std::move(path)) {
    seen_.reserve(16);  // most records have fewer fields: one allocation, not one per doubling
    if (!object_.is_object()) error_ = not_an_object(path_);
}

std::string JsonReader::path_of(const char* key) const {
    return path_.empty() ? std::string(key) : path_ + "." + key;
}

void JsonReader::fail(const char* code, const char* key, const std::string& message) {
    if (error_) return;
    std::string field = path_of(key);
    error_ = Error{code, field, field + " " + message};
}

const json* JsonReader::take(const char* key, bool required, json::value_t type,
                             const char* what) {
    if (error_) return nullptr;
    seen_.push_back(key);
    auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) {
        if (required) fail("missing_field", key, "is required");
        return nullptr;
    }
    bool ok = it->type() == type ||
              (type == json::value_t::number_integer && it->is_number_unsigned()) ||
              (type == json::value_t::number_float && it->is_number());
    if (!ok) {
        fail("invalid_type", key, std::string("must be ") + what);
        return nullptr;
    }
    return &*it;
}

void JsonReader::string(const char* key, std::string& out, bool required, size_t max_bytes) {
    const json* v = take(key, required, json::value_t::string, "a string");
    if (!v) return;
    const auto& s = v->get_ref<const std::string&>();
    if (auto p = check_string(s, required, max_bytes)) return fail(p->code, key, p->message);
    out = s;
}

void JsonReader::id(const char* key, std::string& out, bool required) {
    const json* v = take(key, required, json::value_t::string, "a string");
    if (!v) return;
    const auto& s = v->get_ref<const std::string&>();
    if (auto p = check_id(s, required)) return fail(p->code, key, p->message);
    out = s;
}

void JsonReader::integer(const char* key, std::int64_t& out, bool required, std::int64_t min,
                         std::int64_t max) {
    const json* v = take(key, required, json::value_t::number_integer, "an integer");
    if (!v) return;
    if (v->is_number_unsigned() && v->get<std::uint64_t>() > std::uint64_t(INT64_MAX))
        return fail("out_of_range", key, "is too large");
    std::int64_t n = v->get<std::int64_t>();
    if (auto p = check_integer(n, min, max)) return fail(p->code, key, p->message);
    out = n;
}

void JsonReader::int32(const char* key, std::int32_t& out, bool required, std::int32_t min,
                       std::int32_t max) {
    std::int64_t n = out;
    integer(key, n, required, min, max);
    if (!error_) out = std::int32_t(n);
}

void JsonReader::number(const char* key, double& out, bool required, double min, double max) {
    const json* v = take(key, required, json::value_t::number_float, "a number");
    if (!v) return;
    double d = v->get<double>();
    if (auto p = check_number(d, min, max)) return fail(p->code, key, p->message);
    out = d;
}

void JsonReader::boolean(const char* key, bool& out, bool required) {
    const json* v = take(key, required, json::value_t::boolean, "true or false");
    if (v) out = v->get<bool>();
}

const json* JsonReader::nested(const char* key, bool required, json::value_t type,
                               const char* what) {
    return take(key, required, type, what);
}

MaybeError JsonReader::finish() {
    if (error_) return error_;
    for (const auto& item : object_.items()) {
        if (std::find(seen_.begin(), seen_.end(), item.key()) == seen_.end()) {
            std::string field = path_of(item.key().c_str());
            return Error{"unknown_field", field, field + " is not a known field"};
        }
    }
    return std::nullopt;
}

Error not_an_object(const std::string& path) {
    std::string where = path.empty() ? "the value" : path;
    return Error{"invalid_type", path, where + " must be a JSON object"};
}

}  // namespace fc
