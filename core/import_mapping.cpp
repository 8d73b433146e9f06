#include "import_mapping.h"
#include <algorithm>
#include <array>
#include <cstring>

namespace fc {
namespace {

using F = ImportField;

constexpr std::array<std::string_view, size_t(F::count_)> kFieldNames = {
    "ignore", "id", "account_id", "account_name", "dealer_id", "name", "first_name",
    "last_name", "email", "phone", "role", "do_not_contact", "consent_email", "consent_phone",
    "postal_code", "city", "country", "segment", "employees", "contact_id", "contact_email",
    "type", "at", "product_category", "category_name", "campaign_id", "amount", "author", "note",
    "owner", "state", "created_at", "first_response_at", "score"};

struct Synonyms {
    F field;
    std::vector<const char*> names;  // already normalised
};

// Header spellings per field, normalised (see normalise_header). Field names themselves match
// too, so our own exports map back without help.
const std::vector<Synonyms>& synonyms() {
    static const std::vector<Synonyms> s = {
        {F::id, {"id", "externalid", "extid", "externeid", "identifiant", "identyfikator", "ref",
                 "reference", "referenz"}},
        {F::account_id, {"accountid", "kontoid", "kundennummer", "customerid", "idcompte"}},
        {F::account_name, {"account", "accountname", "company", "companyname", "organisation",
                           "organization", "firma", "firmenname", "unternehmen", "kunde",
                           "societe", "entreprise", "raisonsociale", "nazwafirmy", "firmy",
                           "przedsiebiorstwo", "klient"}},
        {F::dealer_id, {"dealerid", "dealer", "handler", "haendler", "concessionnaire",
                        "dealerzy"}},
        {F::first_name, {"firstname", "givenname", "vorname", "prenom", "imie"}},
        {F::last_name, {"lastname", "surname", "familyname", "nachname", "familienname",
                        "nom", "nomdefamille", "nazwisko"}},
        {F::name, {"name", "fullname", "contactname", "contact", "kontakt", "ansprechpartner",
                   "nomcomplet", "imieinazwisko", "nazwa", "kontaktname"}},
        {F::email, {"email", "emailaddress", "mail", "emailadresse", "courriel", "adresseemail",
                    "adressemail", "adresemail", "adresemailowy"}},
        {F::phone, {"phone", "phonenumber", "telephone", "tel", "mobile", "telefon",
                    "telefonnummer", "handy", "mobil", "portable", "numerodetelephone",
                    "numertelefonu", "komorka"}},
        {F::role, {"role", "rolle", "funktion", "fonction", "rola"}},
        {F::do_not_contact, {"donotcontact", "nichtkontaktieren", "nepascontacter",
                             "niekontaktowac"}},
        {F::consent_email, {"consentemail", "emailconsent", "einwilligungemail",
                            "consentementemail", "zgodaemail"}},
        {F::consent_phone, {"consentphone", "phoneconsent", "einwilligungtelefon",
                            "consentementtelephone", "zgodatelefon"}},
        {F::postal_code, {"postalcode", "postcode", "zip", "zipcode", "plz", "postleitzahl",
                          "codepostal", "kodpocztowy"}},
        {F::city, {"city", "town", "ort", "stadt", "ville", "miasto", "miejscowosc"}},
        {F::country, {"country", "land", "pays", "kraj"}},
        {F::segment, {"segment", "branche", "industry", "secteur", "branza"}},
        {F::employees, {"employees", "mitarbeiter", "anzahlmitarbeiter", "employes", "salaries",
                        "pracownicy", "liczbapracownikow"}},
        {F::contact_id, {"contactid", "kontaktid", "idcontact"}},
        {F::contact_email, {"contactemail", "kontaktemail", "emailcontact", "emailkontaktu"}},
        {F::type, {"type", "activitytype", "activity", "typ", "art", "aktivitat", "aktivitaet",
                   "typedactivite", "rodzaj"}},
        {F::at, {"at", "date", "time", "datetime", "when", "datum", "zeit", "zeitpunkt",
                 "heure", "data", "czas"}},
        {F::product_category, {"productcategory", "categoryid", "produktkategorieid"}},
        {F::category_name, {"category", "productcategoryname", "product", "kategorie",
                            "produktkategorie", "produkt", "categorie", "produit", "kategoria",
                            "produkt"}},
        {F::campaign_id, {"campaignid", "campaign", "kampagne", "campagne", "kampania"}},
        {F::amount, {"amount", "value", "betrag", "wert", "montant", "kwota", "wartosc"}},
        {F::author, {"author", "user", "autor", "auteur", "benutzer", "utilisateur",
                     "uzytkownik"}},
        {F::note, {"note", "notes", "comment", "comments", "notiz", "bemerkung", "kommentar",
                   "remarque", "commentaire", "notatka", "uwagi", "komentarz"}},
        {F::owner, {"owner", "assignee", "salesperson", "rep", "besitzer", "verantwortlich",
                    "verkaufer", "verkaeufer", "proprietaire", "responsable", "commercial",
                    "wlasciciel", "handlowiec", "opiekun"}},
        {F::state, {"state", "status", "stage", "zustand", "etat", "statut", "stan"}},
        {F::created_at, {"createdat", "created", "createdon", "erstellt", "erstelltam",
                         "creele", "datecreation", "utworzono", "datautworzenia"}},
        {F::first_response_at, {"firstresponseat", "firstresponse", "ersteantwort"}},
        {F::score, {"score", "punkte", "bewertung", "punkty", "ocena"}},
    };
    return s;
}

// Two-byte UTF-8 letters that fold to ASCII (Latin-1 Supplement and Latin Extended-A),
// enough for header names in the languages we serve.
struct Fold {
    const char* utf8;
    const char* ascii;
};
constexpr Fold kFolds[] = {
    {"ä", "a"}, {"Ä", "a"}, {"ö", "o"}, {"Ö", "o"}, {"ü", "u"}, {"Ü", "u"}, {"ß", "ss"},
    {"é", "e"}, {"É", "e"}, {"è", "e"}, {"È", "e"}, {"ê", "e"}, {"Ê", "e"}, {"ë", "e"},
    {"à", "a"}, {"À", "a"}, {"â", "a"}, {"ç", "c"}, {"Ç", "c"}, {"î", "i"}, {"ï", "i"},
    {"ô", "o"}, {"û", "u"}, {"ù", "u"}, {"ÿ", "y"}, {"ó", "o"}, {"Ó", "o"}, {"ą", "a"},
    {"Ą", "a"}, {"ć", "c"}, {"Ć", "c"}, {"ę", "e"}, {"Ę", "e"}, {"ł", "l"}, {"Ł", "l"},
    {"ń", "n"}, {"Ń", "n"}, {"ś", "s"}, {"Ś", "s"}, {"ź", "z"}, {"Ź", "z"}, {"ż", "z"},
    {"Ż", "z"}, {"œ", "oe"}, {"Œ", "oe"}};

}  // namespace

std::string_view name_of(ImportKind k) {
    switch (k) {
        case ImportKind::accounts: return "accounts";
        case ImportKind::contacts: return "contacts";
        case ImportKind::activities: return "activities";
        case ImportKind::leads: return "leads";
    }
    return "?";
}

std::string_view name_of(ImportField f) { return kFieldNames[size_t(f)]; }

const std::vector<ImportField>& fields_for(ImportKind k) {
    static const std::vector<F> accounts = {F::id, F::name, F::dealer_id, F::postal_code,
                                            F::city, F::country, F::segment, F::employees};
    static const std::vector<F> contacts = {
        F::id, F::name, F::first_name, F::last_name, F::email, F::phone, F::account_id,
        F::account_name, F::role, F::do_not_contact, F::consent_email, F::consent_phone};
    static const std::vector<F> activities = {
        F::id, F::type, F::at, F::account_id, F::account_name, F::contact_id, F::contact_email,
        F::product_category, F::category_name, F::campaign_id, F::amount, F::author, F::note};
    static const std::vector<F> leads = {
        F::id, F::account_id, F::account_name, F::product_category, F::category_name,
        F::dealer_id, F::owner, F::state, F::created_at, F::first_response_at, F::score};
    switch (k) {
        case ImportKind::accounts: return accounts;
        case ImportKind::contacts: return contacts;
        case ImportKind::activities: return activities;
        case ImportKind::leads: return leads;
    }
    return accounts;
}

std::string normalise_header(std::string_view h) {
    std::string out;
    for (size_t i = 0; i < h.size();) {
        unsigned char c = static_cast<unsigned char>(h[i]);
        if (c < 0x80) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += char(c);
            else if (c >= 'A' && c <= 'Z') out += char(c - 'A' + 'a');
            ++i;
            continue;
        }
        bool folded = false;
        for (const Fold& f : kFolds) {
            size_t n = std::strlen(f.utf8);
            if (h.substr(i, n) == f.utf8) {
                out += f.ascii;
                i += n;
                folded = true;
                break;
            }
        }
        if (folded) continue;
        // Other letters (山田, Đ...) are kept as they are: they still match themselves.
        out += char(c);
        ++i;
    }
    return out;
}

ColumnMapping guess_mapping(ImportKind k, const std::vector<std::string>& header) {
    const auto& allowed = fields_for(k);
    ColumnMapping m(header.size(), F::ignore);
    std::vector<bool> taken(size_t(F::count_), false);
    for (size_t col = 0; col < header.size(); ++col) {
        std::string h = normalise_header(header[col]);
        for (const Synonyms& s : synonyms()) {
            // In an accounts file "Firma" is the record's own name.
            F f = k == ImportKind::accounts && s.field == F::account_name ? F::name : s.field;
            if (taken[size_t(f)]) continue;
            if (std::find(allowed.begin(), allowed.end(), f) == allowed.end()) continue;
            bool hit = h == normalise_header(name_of(s.field));
            for (const char* n : s.names) hit = hit || h == n;
            if (!hit) continue;
            m[col] = f;
            taken[size_t(f)] = true;
            break;
        }
    }
    // "Nom" alone is a full name in French files; with "Prénom" beside it, it is the surname.
    bool has_first = taken[size_t(F::first_name)], has_name = taken[size_t(F::name)];
    if (k == ImportKind::contacts && !has_first && !has_name)
        for (auto& f : m)
            if (f == F::last_name) f = F::name;
    return m;
}

ImportField missing_required_field(ImportKind k, const ColumnMapping& m) {
    auto has = [&](F f) { return std::find(m.begin(), m.end(), f) != m.end(); };
    switch (k) {
        case ImportKind::accounts: return has(F::name) ? F::ignore : F::name;
        case ImportKind::contacts:
            return has(F::name) || has(F::first_name) || has(F::last_name) ? F::ignore : F::name;
        case ImportKind::activities:
            if (!has(F::type)) return F::type;
            return has(F::at) ? F::ignore : F::at;
        case ImportKind::leads:
            return has(F::product_category) || has(F::category_name) ? F::ignore
                                                                     : F::category_name;
    }
    return F::ignore;
}

}  // namespace fc
