// Which column of a file feeds which field of a record. The guess reads header names the way
// people write them in English, German, French and Polish ("E-Mail", "Firma", "Nom", "Telefon",
// "Kod pocztowy"), ignoring case, accents, spaces and punctuation; the UI shows the guess and
// lets the user change any column before the import starts.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fc {

enum class ImportKind : std::uint8_t { accounts, contacts, activities, leads };

enum class ImportField : std::uint8_t {
    ignore,
    id,              // the external id: becomes the record id, and matches existing records
    account_id, account_name, dealer_id,
    name, first_name, last_name, email, phone, role,
    do_not_contact, consent_email, consent_phone,
    postal_code, city, country, segment, employees,
    contact_id, contact_email, type, at, product_category, category_name, campaign_id, amount,
    author, note,
    owner, state, created_at, first_response_at, score,
    count_
};

using ColumnMapping = std::vector<ImportField>;  // one entry per header column

std::string_view name_of(ImportKind k);
std::string_view name_of(ImportField f);

// The fields a kind can fill, in the order a mapping screen lists them.
const std::vector<ImportField>& fields_for(ImportKind k);

// Lowercase, accents folded to ASCII (ä->a, ß->ss, ł->l, é->e), everything that is not a
// letter or digit dropped: "E-Mail " and "e_mail" and "EMAIL" all become "email".
std::string normalise_header(std::string_view header);

// One field per column; a field is given to its first matching column only.
ColumnMapping guess_mapping(ImportKind k, const std::vector<std::string>& header);

// The first required field the mapping leaves without a column, or ignore when all are there.
// Required: accounts need a name; contacts a name (or first/last name); activities a type and
// a time; leads a category. Ids, dealers and accounts can come from the options instead.
ImportField missing_required_field(ImportKind k, const ColumnMapping& m);

}  // namespace fc
