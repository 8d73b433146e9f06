// One error shape for every layer: a machine code, the offending field as a path
// ("contacts[3].email"), and a sentence a user can act on.
#pragma once
#include <optional>
#include <string>

namespace fc {

struct Error {
    std::string code;     // "invalid_field", "unknown_field", "missing_field", "not_found", ...
    std::string field;    // path of the offending field; empty when the error is not about one
    std::string message;
};

using MaybeError = std::optional<Error>;

}  // namespace fc
