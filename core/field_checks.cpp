#include "field_checks.h"
#include <algorithm>
#include <cctype>
#include <cmath>

namespace fc {

MaybeProblem check_string(std::string_view s, bool required, size_t max_bytes) {
    if (s.size() > max_bytes)
        return FieldProblem{"too_long", "is longer than " + std::to_string(max_bytes) + " bytes"};
    if (required && s.find_first_not_of(" \t") == std::string_view::npos)
        return FieldProblem{"missing_field", "must not be empty"};
    return std::nullopt;
}

MaybeProblem check_id(std::string_view s, bool required) {
    if (auto p = check_string(s, required, kMaxIdBytes)) return p;
    bool safe = std::all_of(s.begin(), s.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == ':';
    });
    if (!safe) return FieldProblem{"invalid_field", "may only contain letters, digits and - _ . :"};
    return std::nullopt;
}

MaybeProblem check_integer(std::int64_t n, std::int64_t min, std::int64_t max) {
    if (n < min || n > max)
        return FieldProblem{"out_of_range", "must be between " + std::to_string(min) + " and " +
                                                std::to_string(max)};
    return std::nullopt;
}

MaybeProblem check_number(double d, double min, double max) {
    if (!std::isfinite(d) || d < min || d > max)
        return FieldProblem{"out_of_range", "must be between " + std::to_string(min) + " and " +
                                                std::to_string(max)};
    return std::nullopt;
}

}  // namespace fc
