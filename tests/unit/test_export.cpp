// Exports of the current view to CSV and JSON, and the round trip back through the importer.
#include <doctest/doctest.h>
#include <fstream>
#include <sstream>
#include "csv_reader.h"
#include "demo_data.h"
#include "export.h"
#include "import_fixture.h"
#include "record_json.h"

using namespace fc;
using namespace fc::test;

namespace {

Store demo() { return generate_demo(demo_size_tiny(), 11, kImportNow); }

// The reference data a file import does not bring: dealers, users, categories, campaigns.
Store reference_only(const Store& s) {
    Store r;
    r.dealers = s.dealers;
    r.users = s.users;
    r.categories = s.categories;
    r.campaigns = s.campaigns;
    return r;
}

// Imports a file into `into` and requires that every row went in.
void import_all(Store& into, const std::string& file, ImportKind kind) {
    ImportJob job = run_import(into, file, import_options(kind), 1000);
    for (const RowReject& r : job.rejects) FAIL_CHECK("line " << r.line << ": " << r.reason);
    CHECK(import_progress(job).finished);
}

std::vector<std::string> naughty_strings() {
    std::ifstream in(std::string(FC_SHARED_DATA_DIR) + "/naughty-strings/blns.json");
    std::stringstream ss;
    ss << in.rdbuf();
    return json::parse(ss.str()).get<std::vector<std::string>>();
}

// A lead of account A1 at dealer D1, created at kImportNow.
Lead lead(const char* id, const char* category, const char* owner, LeadState state, double score) {
    Lead l;
    l.id = id;
    l.account_id = "A1";
    l.product_category = category;
    l.dealer_id = "D1";
    l.owner = owner;
    l.state = state;
    l.created_at = kImportNow;
    l.score = score;
    return l;
}

}  // namespace

TEST_CASE("the leads view exports with account, category, state, score and owner") {
    Store s = import_store();
    s.leads.put(lead("L1", "new-cars", "D1-R1", LeadState::working, 42.5));
    s.leads.put(lead("L2", "vans", "", LeadState::new_lead, 0));
    std::string csv = export_leads_csv(s, {1, 0});  // the view's order, not the table's
    CHECK(csv ==
          "id,account_id,account,product_category,category,dealer_id,owner,owner_name,state,"
          "score,created_at,first_response_at\r\n"
          "L2,A1,Müller GmbH,vans,Light commercial vehicles,D1,,,new,0.0,2026-09-21T14:13:20Z,\r\n"
          "L1,A1,Müller GmbH,new-cars,New cars,D1,D1-R1,Anna Müller,working,42.5,"
          "2026-09-21T14:13:20Z,\r\n");
    json j = export_leads_json(s, {0});
    REQUIRE(j.size() == 1);
    CHECK(j[0]["account"] == "Müller GmbH");
    CHECK(j[0]["owner_name"] == "Anna Müller");
    CHECK(j[0]["score"] == 42.5);
    CHECK(j[0]["state"] == "working");
    CHECK(export_leads_csv(s, {}, CsvOptions{',', true, true}).rfind("\xEF\xBB\xBFid,", 0) == 0);
}

TEST_CASE("names that look like formulas are neutralised in every export") {
    Store s = import_store();
    s.accounts.find("A1")->name = "=HYPERLINK(\"http://evil.example\",\"click\")";
    s.leads.put(lead("L1", "new-cars", "", LeadState::new_lead, -3));
    s.activities.put(Activity{"E1", "A1", "A1-C1", ActivityType::note, kImportNow, "", "",
                              -1250, "", "@SUM(1+1)*cmd|' /C calc'!A0", ""});
    ImportTable leads = parse_csv(export_leads_csv(s, {0}));
    CHECK(leads.cell(leads.rows[0], 2) == "'=HYPERLINK(\"http://evil.example\",\"click\")");
    CHECK(leads.cell(leads.rows[0], 9) == "-3.0");  // a score is a number, not a formula
    ImportTable acts = parse_csv(export_activities_csv(s, {0}));
    CHECK(acts.cell(acts.rows[0], 9) == "-12.50");
    CHECK(acts.cell(acts.rows[0], 11) == "'@SUM(1+1)*cmd|' /C calc'!A0");
    ExportTable report{{"campaign", "sales"}, {{"+49 radio", "3"}, {"-10% promo", "1"}}};
    CHECK(export_table_csv(report) == "campaign,sales\r\n\"'+49 radio\",3\r\n\"'-10% promo\",1\r\n");
    // A column the report formatted as numbers keeps a negative figure as a number.
    ExportTable roi{{"campaign", "roi_percent"}, {{"-10% promo", "-12.5"}}, {false, true}};
    CHECK(export_table_csv(roi) == "campaign,roi_percent\r\n\"'-10% promo\",-12.5\r\n");
}

TEST_CASE("a report table exports to CSV and to JSON objects keyed by its header") {
    ExportTable t{{"Dealer", "Leads", "Response time"},
                  {{"Autohaus Łódź", "12", "1h 05m"}, {"Autohaus \"Köln\"", "7", ""}}};
    CHECK(export_table_csv(t, CsvOptions{';', false, true}) ==
          "Dealer;Leads;Response time\r\nAutohaus Łódź;12;1h 05m\r\n"
          "\"Autohaus \"\"Köln\"\"\";7;\r\n");
    json j = export_table_json(t);
    REQUIRE(j.size() == 2);
    CHECK(j[1]["Dealer"] == "Autohaus \"Köln\"");
    CHECK(j[1]["Response time"] == "");
    CHECK(json::parse(json_file_text(j)) == j);
    // A stray non-UTF-8 byte does not fail the download; it is replaced.
    ExportTable bad{{"name"}, {{"K\xE4se"}}};
    std::string text = json_file_text(export_table_json(bad));
    CHECK(text.find("K\xEF\xBF\xBDse") != std::string::npos);
}

namespace {
// Leads as the importer carries them, by id. Scores are the lead engine's (derived from
// activities by the scoring rules), BANT evidence, closing time and reason travel through lead
// commands, not through import files, and the engine opens leads in the order activities arrive.
json importable_leads(const Store& s) {
    json leads = json::object();
    for (json l : snapshot_to_json(s)["leads"]) {
        for (const char* derived : {"score", "bant", "closed_at", "disqualify_reason"})
            l.erase(derived);
        leads[l["id"].get<std::string>()] = l;
    }
    return leads;
}
}  // namespace

TEST_CASE("export -> import gives the same records, through CSV and through JSON") {
    Store s = demo();
    REQUIRE(s.leads.size() > 0);
    for (bool as_json : {false, true}) {
        CAPTURE(as_json);
        Store back = reference_only(s);
        for (ImportKind k : {ImportKind::accounts, ImportKind::contacts, ImportKind::activities,
                             ImportKind::leads}) {
            RowPositions rows;
            switch (k) {
                case ImportKind::accounts: rows = all_rows(s.accounts); break;
                case ImportKind::contacts: rows = all_rows(s.contacts); break;
                case ImportKind::activities: rows = all_rows(s.activities); break;
                case ImportKind::leads: rows = all_rows(s.leads); break;
            }
            std::string file = as_json ? export_records_json(s, k, rows).dump(2)
                                       : export_records_csv(s, k, rows, CsvOptions{';', true, true});
            import_all(back, file, k);
        }
        json a = snapshot_to_json(s), b = snapshot_to_json(back);
        for (const char* table : {"accounts", "contacts", "activities"}) {
            CAPTURE(table);
            CHECK(a[table] == b[table]);
        }
        CHECK(importable_leads(s) == importable_leads(back));
    }
}

TEST_CASE("a record export puts the id first and every field after it") {
    Store s = import_store();
    std::string csv = export_records_csv(s, ImportKind::contacts, all_rows(s.contacts));
    CHECK(csv ==
          "id,account_id,consent_email,consent_phone,do_not_contact,email,name,phone,role\r\n"
          "A1-C1,A1,true,true,false,juergen@mueller.example,Jürgen Müller,\"'+49 89 1234567\","
          "decision_maker\r\n");
}

TEST_CASE("the timeline and leads views read back as the same records") {
    Store s = demo();
    Store back = reference_only(s);
    import_all(back, export_records_csv(s, ImportKind::accounts, all_rows(s.accounts)),
               ImportKind::accounts);
    import_all(back, export_records_csv(s, ImportKind::contacts, all_rows(s.contacts)),
               ImportKind::contacts);
    import_all(back, export_activities_csv(s, all_rows(s.activities)), ImportKind::activities);
    import_all(back, export_leads_csv(s, all_rows(s.leads)), ImportKind::leads);
    CHECK(snapshot_to_json(s)["activities"] == snapshot_to_json(back)["activities"]);
    CHECK(importable_leads(s) == importable_leads(back));
}

TEST_CASE("naughty strings as names survive export and import, or are refused by field") {
    std::vector<std::string> strings = naughty_strings();
    REQUIRE(strings.size() > 500);
    Store s = import_store();
    s.accounts = {};
    s.contacts = {};
    size_t valid = 0;
    for (size_t i = 0; i < strings.size(); ++i) {
        Account a{"N" + std::to_string(i), "D1", strings[i], "", "", "", "", 0};
        Account check;
        // Keep only what typed input accepts; the rest must be refused on import too.
        if (from_json(to_json(a), check)) continue;
        s.accounts.put(a);
        ++valid;
    }
    CHECK(valid > 450);
    for (bool as_json : {false, true}) {
        CAPTURE(as_json);
        Store back = import_store();
        back.accounts = {};
        back.contacts = {};
        std::string file =
            as_json ? export_records_json(s, ImportKind::accounts, all_rows(s.accounts)).dump()
                    : export_records_csv(s, ImportKind::accounts, all_rows(s.accounts));
        import_all(back, file, ImportKind::accounts);
        CHECK(snapshot_to_json(back)["accounts"] == snapshot_to_json(s)["accounts"]);
    }
    // The strings typed input refuses (blank, too long) are rejected by the import, by field.
    std::string file = "name\n";
    size_t refused = 0;
    for (const std::string& n : strings) {
        Account a{"X", "D1", n, "", "", "", "", 0}, check;
        // An empty name is an empty line in a one-column file: no row at all, nothing to refuse.
        if (!from_json(to_json(a), check) || n.empty()) continue;
        CsvWriter w;
        w.text(n);
        w.end_row();
        file += w.out;
        ++refused;
    }
    Store back = import_store();
    ImportJob job = run_import(back, file, import_options(ImportKind::accounts), 1000);
    CHECK(refused >= 5);
    CHECK(job.counts.rejected == refused);
    CHECK(job.counts.created == 0);
    for (const RowReject& r : job.rejects) CHECK(r.field == "name");
}
