// Importing accounts, contacts, activities and leads from CSV and JSON: mapping, values,
// duplicates, row errors, progress, cancel, undo and idempotence.
#include <doctest/doctest.h>
#include "lead_engine.h"
#include <algorithm>
#include <filesystem>
#include <fstream>
#include "csv_reader.h"
#include "import_fixture.h"
#include "import_row.h"
#include "import_values.h"
#include "record_json.h"
#include "iso_time.h"

using namespace fc;
using namespace fc::test;
using F = ImportField;

TEST_CASE("headers in English, German, French and Polish map to the same fields") {
    auto m = guess_mapping(ImportKind::contacts,
                           {"Vorname", "Nachname", "E-Mail", "Telefon", "Firma", "Rolle"});
    CHECK(m == ColumnMapping{F::first_name, F::last_name, F::email, F::phone, F::account_name,
                             F::role});
    m = guess_mapping(ImportKind::contacts,
                      {"Prénom", "Nom", "Courriel", "Téléphone", "Société"});
    CHECK(m == ColumnMapping{F::first_name, F::last_name, F::email, F::phone, F::account_name});
    // "Nom" alone is the full name.
    m = guess_mapping(ImportKind::contacts, {"Nom", "Adresse e-mail"});
    CHECK(m == ColumnMapping{F::name, F::email});
    m = guess_mapping(ImportKind::contacts, {"Imię i nazwisko", "Nazwa firmy", "Numer telefonu"});
    CHECK(m == ColumnMapping{F::name, F::account_name, F::phone});
    m = guess_mapping(ImportKind::accounts, {" FIRMA ", "plz", "Ort", "Land", "Mitarbeiter"});
    CHECK(m == ColumnMapping{F::name, F::postal_code, F::city, F::country, F::employees});
    // Unknown headers and a second column for a taken field are left for the user.
    m = guess_mapping(ImportKind::contacts, {"email", "E_MAIL", "Lieblingsfarbe"});
    CHECK(m == ColumnMapping{F::email, F::ignore, F::ignore});
    CHECK(missing_required_field(ImportKind::contacts, {F::email}) == F::name);
    CHECK(missing_required_field(ImportKind::activities, {F::type}) == F::at);
}

TEST_CASE("cell values as spreadsheets write them") {
    CHECK(parse_money_text("1.234,56") == 123456);
    CHECK(parse_money_text("1,234.56") == 123456);
    CHECK(parse_money_text("€ 1 234,5") == 123450);
    CHECK(parse_money_text("-12.50") == -1250);
    CHECK(parse_money_text("1.200") == 120000);  // three digits after the mark: thousands
    CHECK_FALSE(parse_money_text("twelve").has_value());
    CHECK(parse_bool_text(" Ja ") == true);
    CHECK(parse_bool_text("non") == false);
    CHECK(parse_bool_text("x") == true);
    CHECK_FALSE(parse_bool_text("maybe").has_value());
    CHECK(phone_match_key("+49 (89) 123-4567") == phone_match_key("0049 89 1234567"));
    CHECK(phone_match_key("112").empty());
    CHECK(parse_time_text("2026-09-21", 0) == kImportNow - kImportNow % 86400);
    CHECK(parse_time_text("21.09.2026 10:00", 120) == parse_time_text("2026-09-21T08:00:00Z", 0));
    CHECK(parse_time_text("2026-09-21T10:00:00+02:00", 0) == parse_time_text("21/09/2026 08:00", 0));
    CHECK(parse_time_text("1790000000", 0) == 1790000000);
    CHECK_FALSE(parse_time_text("31.02.2026", 0).has_value());
    CHECK_FALSE(parse_time_text("next tuesday", 0).has_value());
    CHECK(format_iso_utc(1790000000) == "2026-09-21T14:13:20Z");
    CHECK(parse_time_text(format_iso_utc(1790000000), 0) == 1790000000);
}

TEST_CASE("a file with good and bad rows imports the good ones and lists the bad by line") {
    Store s = import_store();
    std::string file =
        "Vorname;Nachname;E-Mail;Telefon;Firma;Rolle\n"        // line 1
        "Anna;Nowak;anna@nowak.example;+48 12 345678;Nowak Transport;influencer\n"  // 2: ok, new account
        "Piotr;Nowak;piotr-at-nowak;;Nowak Transport;\n"       // 3: bad email
        "\"Łukasz\nJan\";Kowalski;lk@example.com;;Müller GmbH;\n"  // 4-5: ok, existing account
        "Ewa;;ewa@example.com;;Kowalski Bau\n"                  // 6: ragged
        ";;nobody@example.com;;Müller GmbH;\n"                  // 7: no name
        "Jan;Wiśniewski;jw@example.com;;Müller GmbH;boss\n"    // 8: bad role
        "Ola;Nowak;ola@nowak.example;;Nowak Transport;user\n";  // 9: ok, account made on line 2
    ImportJob job = run_import(s, file, import_options(ImportKind::contacts));
    ImportProgress p = import_progress(job);
    CHECK(p.finished);
    CHECK(p.rows_total == 7);
    CHECK(p.rows_done == 7);
    CHECK(p.counts.created == 3);
    CHECK(p.counts.rejected == 4);
    CHECK(p.counts.accounts_created == 1);
    CHECK(s.contacts.size() == 4);
    CHECK(s.accounts.size() == 2);

    REQUIRE(job.rejects.size() == 4);
    CHECK(job.rejects[0].line == 3);
    CHECK(job.rejects[0].field == "email");
    CHECK(job.rejects[0].reason == "email is not an email address (column \"E-Mail\")");
    CHECK(job.rejects[1].line == 6);
    CHECK(job.rejects[1].reason == "the row has 5 fields where the header has 6");
    CHECK(job.rejects[2].line == 7);
    CHECK(job.rejects[2].field == "name");
    CHECK(job.rejects[3].line == 8);
    CHECK(job.rejects[3].field == "role");
    CHECK(job.rejects[3].reason.find("column \"Rolle\"") != std::string::npos);

    // The contact from lines 4-5 keeps its quoted line break and joined first and last name.
    const Contact* lk = s.contacts.find(generated_id(job, 4));
    REQUIRE(lk);
    CHECK(lk->name == "Łukasz\nJan Kowalski");
    CHECK(lk->account_id == "A1");
    // Both Nowak contacts share the one account made for "Nowak Transport".
    const Contact* anna = s.contacts.find(generated_id(job, 2));
    const Contact* ola = s.contacts.find(generated_id(job, 9));
    REQUIRE((anna && ola));
    CHECK(anna->account_id == ola->account_id);
    CHECK(s.accounts.find(anna->account_id)->name == "Nowak Transport");
    CHECK(s.accounts.find(anna->account_id)->dealer_id == "D1");

    // Every applied change is a command in the outbox, numbered without gaps.
    REQUIRE(job.outbox.size() == 4);  // one account.put + three contact.put
    CHECK(job.outbox[0].kind == "account.put");
    for (size_t i = 0; i < job.outbox.size(); ++i) CHECK(job.outbox[i].seq == i + 1);
    CHECK(job.options.next_seq == 5);
}

TEST_CASE("the rejects CSV holds the original cells, the line and the reason") {
    Store s = import_store();
    std::string file = "name,email,company\n"
                       "Good,good@example.com,Müller GmbH\n"
                       "=cmd|' /C calc'!A0,bad-email,Müller GmbH\n"
                       "Short,short@example.com\n";
    ImportJob job = run_import(s, file, import_options(ImportKind::contacts));
    std::string csv = rejects_csv(job);
    ImportTable back = parse_csv(csv);
    CHECK(back.header == std::vector<std::string>{"name", "email", "company", "line", "reason"});
    REQUIRE(back.rows.size() == 2);
    // The formula-looking name stays neutralised in the rejects file too.
    CHECK(back.cell(back.rows[0], 0) == "'=cmd|' /C calc'!A0");
    CHECK(back.cell(back.rows[0], 3) == "3");
    CHECK(back.cell(back.rows[0], 4) == "email is not an email address (column \"email\")");
    CHECK(back.cell(back.rows[1], 0) == "Short");
    CHECK(back.cell(back.rows[1], 2) == "");
    CHECK(back.cell(back.rows[1], 3) == "4");
}

TEST_CASE("a row is all or nothing: a bad contact leaves no account behind") {
    Store s = import_store();
    std::string before = dump(s);
    // The account for "Neu AG" would be made first; the contact then fails on its email.
    ImportJob job = run_import(s, "name,email,company\nX,not-an-email,Neu AG\n",
                               import_options(ImportKind::contacts));
    CHECK(job.counts.rejected == 1);
    CHECK(job.counts.accounts_created == 0);
    CHECK(dump(s) == before);
    CHECK(job.outbox.empty());
    CHECK(job.journal.empty());

    // Here the account goes in first and the activity fails on a reference afterwards (the
    // contact belongs to another account): the account is taken out again.
    ImportJob acts = run_import(
        s, "type,at,contact_id,company\nvisit,2026-09-21,A1-C1,Neu AG\n",
        import_options(ImportKind::activities));
    CHECK(acts.counts.rejected == 1);
    REQUIRE(acts.rejects.size() == 1);
    CHECK(acts.rejects[0].field == "contact_id");
    CHECK(dump(s) == before);
    CHECK(acts.outbox.empty());
    CHECK(acts.options.next_seq == 1);
}

TEST_CASE("a Windows-1252 file from a German Excel imports with its umlauts and euro sign") {
    Store s = import_store();
    // "Name;Firma" then "Käthe Weiß;Müller GmbH", bytes as Excel writes them in 1252.
    ImportJob job = run_import(s, "Name;Firma\r\nK\xE4the Wei\xDF;M\xFCller GmbH\r\n",
                               import_options(ImportKind::contacts));
    CHECK(job.source.encoding == TextEncoding::windows1252);
    CHECK(job.source.delimiter == ';');
    REQUIRE(job.counts.created == 1);
    const Contact* c = s.contacts.find(generated_id(job, 2));
    REQUIRE(c);
    CHECK(c->name == "Käthe Weiß");
    CHECK(c->account_id == "A1");  // "Müller GmbH" matched the existing account after decoding

    ImportSource empty;
    auto e = read_import_source("\xEF\xBB\xBF\r\n\r\n", ImportFormat::detect, empty);
    REQUIRE(e);
    CHECK(e->code == "empty_file");
}

TEST_CASE("duplicates are matched by email, phone or external id and follow the policy") {
    std::string file = "name,email,phone,company\n"
                       "Jürgen Müller,JUERGEN@mueller.example,,Müller GmbH\n"   // same email
                       "J. Müller,,0049 89 1234567,Müller GmbH\n";              // same phone
    SUBCASE("skip") {
        Store s = import_store();
        auto o = import_options(ImportKind::contacts);
        o.on_duplicate = DuplicatePolicy::skip;
        ImportJob job = run_import(s, file, o);
        CHECK(job.counts.skipped == 2);
        CHECK(s.contacts.size() == 1);
    }
    SUBCASE("update: non-empty cells overwrite, empty cells keep the old value") {
        Store s = import_store();
        ImportJob job = run_import(s, file, import_options(ImportKind::contacts));
        CHECK(job.counts.unchanged == 1);  // line 2 says nothing new (email case is ignored)
        CHECK(job.counts.updated == 1);
        REQUIRE(s.contacts.size() == 1);
        const Contact& c = s.contacts.rows[0];
        CHECK(c.name == "J. Müller");
        CHECK(c.email == "juergen@mueller.example");
        CHECK(c.role == ContactRole::decision_maker);
    }
    SUBCASE("create") {
        Store s = import_store();
        auto o = import_options(ImportKind::contacts);
        o.on_duplicate = DuplicatePolicy::create;
        ImportJob job = run_import(s, file, o);
        CHECK(job.counts.created == 2);
        CHECK(s.contacts.size() == 3);
    }
    SUBCASE("external id") {
        Store s = import_store();
        ImportJob job = run_import(s, "id,name,city\nA1,Müller GmbH & Co. KG,\n",
                                   import_options(ImportKind::accounts));
        CHECK(job.counts.updated == 1);
        CHECK(s.accounts.find("A1")->name == "Müller GmbH & Co. KG");
        CHECK(s.accounts.find("A1")->city == "München");
    }
}

TEST_CASE("the match key chosen decides which contact a row is, with no fallback to another") {
    // A shared switchboard number: three people, one phone.
    std::string file = "name,email,phone,company\n"
                       "J. Müller,juergen@mueller.example,+49 89 1234567,Müller GmbH\n"
                       "Petra Müller,PETRA@mueller.example,0049 89 1234567,Müller GmbH\n"
                       "Hans Müller,hans@mueller.example,+49 (89) 123-4567,Müller GmbH\n";
    auto store = [] {
        Store s = import_store();
        s.contacts.put(Contact{"A1-C2", "A1", "Petra Müller", "petra@mueller.example",
                               "+49 89 7654321", ContactRole::user, false, true, true});
        return s;
    };
    auto by = [](MatchKey key) {
        auto o = import_options(ImportKind::contacts);
        o.match_key = key;
        return o;
    };
    SUBCASE("phone: every row is the one contact with that number") {
        Store s = store();
        ImportJob job = run_import(s, file, by(MatchKey::phone));
        CHECK(job.counts.updated == 3);
        CHECK(job.counts.created == 0);
        CHECK(s.contacts.size() == 2);
        CHECK(s.contacts.find("A1-C1")->name == "Hans Müller");  // the last row wins
        CHECK(s.contacts.find("A1-C2")->phone == "+49 89 7654321");  // never touched
    }
    SUBCASE("email: two known contacts, and Hans is new rather than matched by phone") {
        Store s = store();
        ImportJob job = run_import(s, file, by(MatchKey::email));
        CHECK(job.counts.updated == 2);
        CHECK(job.counts.created == 1);
        REQUIRE(s.contacts.size() == 3);
        CHECK(s.contacts.find("A1-C1")->name == "J. Müller");
        CHECK(s.contacts.find("A1-C2")->phone == "0049 89 1234567");
        CHECK(s.contacts.find(generated_id(job, 4))->name == "Hans Müller");
    }
    SUBCASE("automatic: email first, then phone") {
        Store s = store();
        ImportJob job = run_import(s, file, by(MatchKey::automatic));
        CHECK(job.counts.updated == 3);
        CHECK(s.contacts.size() == 2);
        CHECK(s.contacts.find("A1-C1")->name == "Hans Müller");
        CHECK(s.contacts.find("A1-C2")->phone == "0049 89 1234567");
    }
    SUBCASE("phone: an empty phone makes a new contact even when the email is known") {
        Store s = store();
        ImportJob job = run_import(
            s, "name,email,phone,company\nJürgen,juergen@mueller.example,,Müller GmbH\n",
            by(MatchKey::phone));
        CHECK(job.counts.created == 1);
        CHECK(s.contacts.size() == 3);
    }
    SUBCASE("external id: an empty id is a new record even when the email is known") {
        std::string ids = "id,name,email,company\n"
                          ",Jürgen,juergen@mueller.example,Müller GmbH\n"
                          "A1-C2,Petra M.,,\n";
        Store s = store();
        ImportJob job = run_import(s, ids, by(MatchKey::external_id));
        CHECK(job.counts.created == 1);
        CHECK(job.counts.updated == 1);
        CHECK(s.contacts.size() == 3);
        CHECK(s.contacts.find("A1-C1")->name == "Jürgen Müller");
        CHECK(s.contacts.find("A1-C2")->name == "Petra M.");
        Store t = store();
        ImportJob automatic = run_import(t, ids, by(MatchKey::automatic));
        CHECK(automatic.counts.created == 0);  // the empty id fell back to the email
        CHECK(t.contacts.find("A1-C1")->name == "Jürgen");
    }
}

TEST_CASE("a match key without its column, or one the record type has not, is refused") {
    Store s = import_store();
    ImportSource src;
    REQUIRE_FALSE(read_import_source("name,email\nAnna,a@b.example\n", ImportFormat::csv, src));
    ImportJob job;
    auto o = import_options(ImportKind::contacts);
    o.match_key = MatchKey::external_id;
    auto e = start_import(job, s, src, {F::name, F::email}, o);
    REQUIRE(e);
    CHECK(e->field == "mapping");
    CHECK(e->message == "rows match by id, but no column is mapped to id");
    o.match_key = MatchKey::phone;
    e = start_import(job, s, src, {F::name, F::email}, o);
    REQUIRE(e);
    CHECK(e->message == "rows match by phone, but no column is mapped to phone");
    CHECK(match_field_left_out(MatchKey::email, {F::name, F::email}) == F::ignore);
    CHECK(match_field_left_out(MatchKey::automatic, {F::name}) == F::ignore);

    o = import_options(ImportKind::accounts);
    o.match_key = MatchKey::email;
    e = start_import(job, s, src, {F::name, F::ignore}, o);
    REQUIRE(e);
    CHECK(e->field == "match_key");
    CHECK(e->message == "accounts cannot be matched by email");
    CHECK(match_keys_for(ImportKind::leads) ==
          std::vector<MatchKey>{MatchKey::automatic, MatchKey::external_id});
    CHECK_FALSE(job.started);
    CHECK(s.contacts.size() == 1);
}

TEST_CASE("activities and leads resolve contacts, accounts, categories and owners") {
    Store s = import_store();
    ImportJob acts = run_import(
        s,
        "Datum;Typ;Kontakt E-Mail;Produktkategorie;Betrag;Notiz\n"
        "21.09.2026 10:00;Test drive;juergen@mueller.example;New cars;1.234,56;liked it\n"
        "2026-09-22;telegram;juergen@mueller.example;;;\n"
        "2026-09-23;visit;nobody@example.com;;;\n"
        "yesterday;visit;juergen@mueller.example;;;\n",
        [] {
            auto o = import_options(ImportKind::activities);
            o.utc_offset_minutes = 120;
            return o;
        }());
    CHECK(acts.counts.created == 1);
    REQUIRE(acts.rejects.size() == 3);
    CHECK(acts.rejects[0].field == "type");
    CHECK(acts.rejects[1].field == "contact_email");
    CHECK(acts.rejects[2].field == "at");
    REQUIRE(s.activities.size() == 1);
    const Activity& a = s.activities.rows[0];
    CHECK(a.type == ActivityType::test_drive);
    CHECK(a.account_id == "A1");
    CHECK(a.contact_id == "A1-C1");
    CHECK(a.product_category == "new-cars");
    CHECK(a.amount == 123456);
    CHECK(a.at == *parse_time_text("2026-09-21T08:00:00Z", 0));

    ImportJob leads = run_import(
        s,
        "account,category,owner,status,score\n"
        "Müller GmbH,vans,Anna Müller,working,\"12,5\"\n"
        "Müller GmbH,boats,,,\n"
        "Müller GmbH,new-cars,Somebody Else,,\n",
        import_options(ImportKind::leads));
    CHECK(leads.counts.created == 1);
    REQUIRE(leads.rejects.size() == 2);
    CHECK(leads.rejects[0].field == "category_name");
    CHECK(leads.rejects[1].field == "owner");
    // Looked up by id: a lead engine that follows activity.log may have opened leads too.
    const Lead* lead = s.leads.find(generated_id(leads, 2));
    REQUIRE(lead);
    CHECK(lead->account_id == "A1");
    CHECK(lead->product_category == "vans");
    CHECK(lead->owner == "D1-R1");
    CHECK(lead->state == LeadState::working);
    // The file's score is not taken: scores are the lead engine's, from the account's signals.
    double explained = 0;
    for (const Contribution& c : explain_lead(s, s.leads.row_of(lead->id))) explained += c.points;
    CHECK(lead->score == doctest::Approx(explained));
    CHECK(lead->score != doctest::Approx(12.5));
    CHECK(lead->created_at == kImportNow);
}

TEST_CASE("JSON arrays import like CSV, with the line each object starts on") {
    Store s = import_store();
    std::string file = "[\n"
                       "  {\"name\": \"Zoë\", \"email\": \"zoe@example.com\", \"company\": \"Müller GmbH\"},\n"
                       "  42,\n"
                       "  {\"name\": \"Bad\",\n"
                       "   \"email\": \"bad\", \"company\": \"Müller GmbH\"},\n"
                       "  {\"name\": \"=1+1\", \"email\": null, \"do_not_contact\": true,\n"
                       "   \"company\": \"Müller GmbH\"}\n"
                       "]\n";
    ImportJob job = run_import(s, file, import_options(ImportKind::contacts));
    CHECK(job.source.is_json);
    CHECK(job.counts.created == 2);
    CHECK(job.counts.rejected == 2);
    std::vector<std::uint32_t> lines;
    for (const auto& r : job.rejects) lines.push_back(r.line);
    std::sort(lines.begin(), lines.end());
    CHECK(lines == std::vector<std::uint32_t>{3, 4});
    const Contact* c = s.contacts.find(generated_id(job, 4));  // JSON: by element, not line
    REQUIRE(c);
    CHECK(c->name == "=1+1");  // JSON carries no formula guard: nothing is stripped
    CHECK(c->do_not_contact);

    // Minified JSON is one line: rows still get ids (and accounts) of their own.
    Store m = import_store();
    ImportJob mini = run_import(
        m,
        "[{\"name\":\"A\",\"company\":\"X\"},{\"name\":\"B\",\"company\":\"Y\"},"
        "{\"name\":\"C\",\"company\":\"X\"},{\"name\":\"\",\"company\":\"Z\"}]",
        import_options(ImportKind::contacts));
    CHECK(mini.counts.created == 3);
    CHECK(mini.counts.accounts_created == 2);
    CHECK(m.contacts.size() == 4);
    CHECK(m.accounts.size() == 3);
    REQUIRE(mini.rejects.size() == 1);
    CHECK(mini.rejects[0].line == 1);
    CHECK(mini.rejects[0].row == 3);

    ImportSource bad;
    CHECK(read_import_source("[{\"a\": 1}", ImportFormat::json, bad).has_value());
    CHECK(read_import_source("{\"a\": 1}", ImportFormat::json, bad).has_value());
}

TEST_CASE("start_import refuses a mapping that cannot work and changes nothing") {
    Store s = import_store();
    ImportSource src;
    REQUIRE_FALSE(read_import_source("email,phone\na@b.c,1\n", ImportFormat::csv, src));
    ImportJob job;
    auto e = start_import(job, s, src, {F::email, F::phone}, import_options(ImportKind::contacts));
    REQUIRE(e);
    CHECK(e->message == "no column is mapped to name");
    e = start_import(job, s, src, {F::email, F::email}, import_options(ImportKind::contacts));
    REQUIRE(e);
    e = start_import(job, s, src, {F::name, F::score}, import_options(ImportKind::contacts));
    REQUIRE(e);
    CHECK(e->message == "score is not a field of contacts");
    e = start_import(job, s, src, {F::name}, import_options(ImportKind::contacts));
    REQUIRE(e);
    e = start_import(job, s, src, {F::name, F::phone}, import_options(ImportKind::contacts, "bad id!"));
    REQUIRE(e);
    CHECK(e->field == "import_id");
    CHECK_FALSE(job.started);
    CHECK(step_import(job, s, 100) == 0);
}

namespace {
std::string many_contacts(int n) {
    std::string f = "name,email,company\n";
    for (int i = 0; i < n; ++i)
        f += "Person " + std::to_string(i) + ",p" + std::to_string(i) + "@example.com,Firma " +
             std::to_string(i % 7) + "\n";
    return f;
}
}  // namespace

TEST_CASE("step processes at most its budget, with progress, and cancel stops cleanly") {
    Store s = import_store();
    ImportSource src;
    REQUIRE_FALSE(read_import_source(many_contacts(50), ImportFormat::detect, src));
    ImportJob job;
    ColumnMapping m = guess_mapping(ImportKind::contacts, src.table.header);
    REQUIRE_FALSE(start_import(job, s, std::move(src), m, import_options(ImportKind::contacts)));
    CHECK(step_import(job, s, 20) == 20);
    ImportProgress p = import_progress(job);
    CHECK(p.rows_done == 20);
    CHECK(p.rows_total == 50);
    CHECK_FALSE(p.finished);
    CHECK(step_import(job, s, 3) == 3);
    cancel_import(job);
    CHECK(step_import(job, s, 100) == 0);
    p = import_progress(job);
    CHECK(p.cancelled);
    CHECK(p.finished);
    CHECK(p.rows_done == 23);
    // Consistent: exactly the 23 rows, every contact's account exists, and a snapshot of the
    // store loads back with all its references valid.
    CHECK(s.contacts.size() == 1 + 23);
    for (const Contact& c : s.contacts.rows) CHECK(s.accounts.contains(c.account_id));
    Store reloaded;
    CHECK_FALSE(load_snapshot(snapshot_to_json(s), reloaded).has_value());
}

TEST_CASE("undo restores the store exactly, after a finished or a cancelled import") {
    for (bool cancel : {false, true}) {
        CAPTURE(cancel);
        Store s = import_store();
        std::string before = dump(s);
        // Updates (the existing contact by email, the account by id) and creations mixed.
        // The last row moves the existing contact to a company the import makes: undo must
        // put it back rather than call it an orphan.
        std::string file = many_contacts(30) +
                           "Jürgen M.,juergen@mueller.example,Ganz Neu GmbH\n";
        ImportSource src;
        REQUIRE_FALSE(read_import_source(file, ImportFormat::csv, src));
        ImportJob job;
        ColumnMapping m = guess_mapping(ImportKind::contacts, src.table.header);
        REQUIRE_FALSE(start_import(job, s, std::move(src), m, import_options(ImportKind::contacts)));
        step_import(job, s, cancel ? 17 : 1000);
        if (cancel) cancel_import(job);
        else CHECK(job.counts.updated == 1);
        CHECK(dump(s) != before);
        size_t sent = job.outbox.size();
        CHECK_FALSE(undo_import(job, s).has_value());
        CHECK(dump(s) == before);
        CHECK(import_progress(job).undone);
        // The restoring put of the updated contact is queued for sync like any command.
        CHECK(job.outbox.size() == sent + (cancel ? 0 : 1));
        CHECK(step_import(job, s, 10) == 0);
    }
}

TEST_CASE("undo is refused, changing nothing, while newer records refer to imported ones") {
    Store s = import_store();
    ImportJob job = run_import(s, "name,email,company\nNeu,neu@example.com,Neu AG\n",
                               import_options(ImportKind::contacts));
    REQUIRE(job.counts.created == 1);
    const Contact* c = s.contacts.find(generated_id(job, 2));
    REQUIRE(c);
    // A call is logged on the imported contact after the import.
    Activity call{"E-after", c->account_id, c->id, ActivityType::outbound_call, kImportNow + 60,
                  "", "", 0, "D1-R1", "first call", ""};
    REQUIRE_FALSE(apply_command(s, Command{"cmd-x", "client-1", 99, "activity.log", kImportNow,
                                           "D1-R1", to_json(call)}));
    std::string before = dump(s);
    auto e = undo_import(job, s);
    REQUIRE(e);
    CHECK(e->code == "conflict");
    CHECK(e->message.find("E-after") != std::string::npos);
    CHECK(dump(s) == before);
    CHECK_FALSE(import_progress(job).undone);
}

TEST_CASE("undo keeps what was added since, in its order") {
    Store s = import_store();
    Store expected = import_store();
    ImportJob job = run_import(s, many_contacts(10), import_options(ImportKind::contacts));
    Account later{"A-later", "D1", "Später GmbH", "", "", "", "", 0};
    Command put{"cmd-l", "client-1", 50, "account.put", kImportNow, "D1-R1", to_json(later)};
    REQUIRE_FALSE(apply_command(s, put));
    REQUIRE_FALSE(apply_command(expected, put));
    REQUIRE_FALSE(undo_import(job, s).has_value());
    CHECK(dump(s) == dump(expected));
    CHECK(s.accounts.find("A-later"));
    CHECK(s.accounts.find("A1"));
}

TEST_CASE("importing the same file twice changes nothing the second time") {
    Store s = import_store();
    // The last row has no email: only its generated id can recognise it the second time.
    std::string file = many_contacts(12) + "No Email,,Firma 1\n";
    std::string id = content_hash_hex(file);
    ImportJob first = run_import(s, file, import_options(ImportKind::contacts, id));
    CHECK(first.counts.created == 13);
    std::string after_first = dump(s);
    for (DuplicatePolicy policy :
         {DuplicatePolicy::update, DuplicatePolicy::skip, DuplicatePolicy::create}) {
        auto o = import_options(ImportKind::contacts, id);
        o.on_duplicate = policy;
        ImportJob again = run_import(s, file, o);
        CHECK(again.counts.created == 0);
        if (policy == DuplicatePolicy::skip) CHECK(again.counts.skipped == 13);
        else CHECK(again.counts.unchanged == 13);
        CHECK(again.counts.rejected == 0);
        CHECK(again.outbox.empty());
        CHECK(dump(s) == after_first);
    }
    CHECK(content_hash_hex(file) == id);
    CHECK(content_hash_hex(file + " ") != id);
}

TEST_CASE("the JSON test suite: y_ arrays are read, n_ files are refused, nothing crashes") {
    namespace fs = std::filesystem;
    fs::path dir = fs::path(FC_SHARED_DATA_DIR) / "json-test-suite" / "test_parsing";
    REQUIRE(fs::is_directory(dir));
    size_t files = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        std::string name = entry.path().filename().string();
        std::ifstream in(entry.path(), std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        CAPTURE(name);
        ImportSource src;
        MaybeError e = read_import_source(bytes, ImportFormat::json, src);
        ++files;
        if (name[0] == 'n') CHECK(e.has_value());
        if (name[0] == 'y') {
            // Valid JSON; only arrays are import files.
            bool is_array = json::parse(bytes).is_array();
            CHECK(e.has_value() != is_array);
            if (!e) CHECK(src.table.rows.size() + src.table.errors.size() ==
                          json::parse(bytes).size());
        }
        if (!e && !src.table.header.empty()) {
            // Whatever was read imports without harm, and every row is accounted for: the
            // first key as an account name, created or refused.
            Store s = import_store();
            ImportJob job;
            ColumnMapping m(src.table.header.size(), ImportField::ignore);
            m[0] = ImportField::name;
            size_t rows = src.table.rows.size() + src.table.errors.size();
            REQUIRE_FALSE(start_import(job, s, src, m, import_options(ImportKind::accounts)));
            while (step_import(job, s, 100) > 0) {
            }
            CHECK(job.counts.created + job.counts.rejected + job.counts.updated +
                      job.counts.unchanged == rows);
            CHECK(s.accounts.size() == 1 + job.counts.created);
        }
    }
    CHECK(files > 300);
}
