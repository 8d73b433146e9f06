// The value rules every record reader applies, whatever the encoding (JSON in json_reader,
// binary in snapshot_binary): one place, so both accept and refuse exactly the same values.
// Each returns nullopt, or the error's code and the message that follows the field's path.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fc {

struct FieldProblem {
    const char* code;
    std::string message;  // "is longer than 64 bytes": the caller puts the field's path first
};
using MaybeProblem = std::optional<FieldProblem>;

MaybeProblem check_string(std::string_view s, bool required, size_t max_bytes);
// An id: a string of at most 64 bytes from a safe alphabet (ids travel in URLs, CSV and logs).
MaybeProblem check_id(std::string_view s, bool required);
MaybeProblem check_integer(std::int64_t n, std::int64_t min, std::int64_t max);
MaybeProblem check_number(double d, double min, double max);

constexpr size_t kMaxIdBytes = 64;
constexpr size_t kDefaultMaxStringBytes = 200;

}  // namespace fc
