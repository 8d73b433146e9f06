// Cell text -> typed values, accepting what spreadsheets in our markets write: "1.234,56" and
// "1,234.56", "ja"/"oui"/"tak", "+49 (89) 123-45". Each returns nullopt for text it cannot read,
// and the importer names the field in the row's error.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fc {

std::string_view trim_cell(std::string_view s);

// true/false, yes/no, y/n, 1/0, x (a ticked box), ja/nein, oui/non, tak/nie, wahr/falsch,
// vrai/faux; case-insensitive.
std::optional<bool> parse_bool_text(std::string_view s);

// An amount in major units -> minor units (cents). Currency signs, spaces and thousands
// separators are dropped; the last '.' or ',' followed by one or two digits is the decimal mark.
std::optional<std::int64_t> parse_money_text(std::string_view s);

std::optional<std::int64_t> parse_integer_text(std::string_view s);
std::optional<double> parse_number_text(std::string_view s);  // "12,5" and "12.5"

// Digits only, a leading "00" read as "+": "+49 89 123" and "0049-89-123" are one number.
// Phones are matched on this form; fewer than 6 digits is no match key at all (empty).
std::string phone_match_key(std::string_view phone);

// Lowercased and trimmed: email matching ignores case, as every mail provider does.
std::string email_match_key(std::string_view email);

// An enum value the way people type it: "Test drive", "test-drive" -> "test_drive".
std::string enum_text(std::string_view s);

// A deterministic, id-safe hash of bytes (FNV-1a 64, hex). Import ids come from file contents,
// so importing the same file again gives the same record ids.
std::string content_hash_hex(std::string_view bytes);

}  // namespace fc
