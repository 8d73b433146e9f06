// The Import screen as a user meets it, headless: pick a file (the fake platform hands over
// the bytes as the browser would), check the preview and mapping, run it over several frames,
// read the counts and rejected rows, download the rejects, find the records in the inbox, undo.
// And exports of the current views through the same platform.
#include <doctest/doctest.h>
#include <algorithm>
#include "import_screen.h"
#include "import_values.h"
#include "inbox_filter.h"
#include "text_encoding.h"
#include "ui_harness.h"
#include "ui_test_data.h"

using namespace fc;

namespace {

// The platform as the tests see it: remembers what the UI asked for.
struct FakePlatform final : ui::PlatformServices {
    int picks = 0, keep_drawing_calls = 0;
    std::string accept;
    struct File {
        std::string name, mime, bytes;
    };
    std::vector<File> downloads;
    void request_file_pick(const std::string& a) override { ++picks, accept = a; }
    void offer_download(const std::string& n, const std::string& m, const std::string& b) override {
        downloads.push_back({n, m, b});
    }
    void keep_drawing() override { ++keep_drawing_calls; }
};

// A file written the way Excel writes it in Germany: Windows-1252, semicolons.
std::string leads_file_1252() {
    std::string text =
        "Company;Product;Status\r\n"
        "M\xFCller Autoteile;New cars;new\r\n"   // ü as one byte
        "Broken Boats;boats;new\r\n"              // no such product category
        "=SUM(A1) Trading;vans;working\r\n";      // a name a spreadsheet would run
    return text;
}

std::vector<std::string> lines_of(const std::string& csv) {
    std::vector<std::string> out;
    size_t at = 0;
    while (at < csv.size()) {
        size_t end = csv.find("\r\n", at);
        if (end == std::string::npos) end = csv.size();
        out.push_back(csv.substr(at, end - at));
        at = end + 2;
    }
    return out;
}

bool inbox_shows_account(ui::AppState& app, const std::string& name) {
    ui::refresh_inbox(app.store, app.index, app.inbox);
    return std::any_of(app.inbox.order.begin(), app.inbox.order.end(), [&](std::uint32_t r) {
        const Account* a = app.store.accounts.find(app.store.leads.rows[r].account_id);
        return a && a->name == name;
    });
}

// Picks the entry `choice` in the combo labelled `combo`, with the mouse.
void choose(test::UiHarness& ui, const std::string& combo, const std::string& choice) {
    REQUIRE(ui.click(combo, "Import"));
    ui.frame();
    const ui::DrawnItem* entry = nullptr;
    for (const ui::DrawnItem& it : ui::published_items())
        if (it.label == choice && it.window.rfind("##Combo", 0) == 0) entry = &it;
    REQUIRE(entry);
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent((entry->min.x + entry->max.x) / 2, (entry->min.y + entry->max.y) / 2);
    ui.frame();
    io.AddMouseButtonEvent(0, true);
    ui.frame();
    io.AddMouseButtonEvent(0, false);
    ui.frame();
    ui.frame();
}

}  // namespace

TEST_CASE("a Windows-1252 lead file is previewed, imported over several frames, and undone as one") {
    ui::AppState app = test::loaded_demo_app();
    FakePlatform platform;
    app.platform = &platform;
    test::UiHarness ui(app);
    const size_t leads_before = app.store.leads.size(), accounts_before = app.store.accounts.size();

    REQUIRE(ui.click("Import", "Navigation"));
    REQUIRE(ui.click("Choose file", "Import"));
    CHECK(platform.picks == 1);
    CHECK(platform.accept.find(".csv") != std::string::npos);
    ui::deliver_picked_file(app, "leads.csv", leads_file_1252());
    ui.frame();

    CHECK(ui.shows("leads.csv: 3 rows, CSV", "Import"));
    CHECK(ui.shows("Encoding: windows-1252   Delimiter: semicolon", "Import"));
    CHECK(ui.shows("Müller Autoteile", "Import"));  // the preview, decoded
    choose(ui, "Record type", "Leads");
    CHECK(app.imports.kind == ImportKind::leads);
    CHECK(app.imports.mapping ==
          ColumnMapping{ImportField::account_name, ImportField::category_name, ImportField::state});
    CHECK(ui.shows("Column Company", "Import"));

    app.imports.slice_rows = 1;  // one row a frame, to watch it go
    REQUIRE(ui.click("Start import", "Import"));
    // The click's own frames ran some slices; the job is not done before its rows are.
    ImportProgress p = import_progress(app.imports.job);
    CHECK(p.rows_total == 3);
    int frames = 0;
    while (app.imports.stage == ui::ImportStage::running && frames < 20) {
        CHECK(ui.shows(std::to_string(import_progress(app.imports.job).rows_done) + " of 3 rows", "Import"));
        CHECK(ui.shows("Cancel import", "Import"));
        ui.frame();
        ++frames;
    }
    REQUIRE(app.imports.stage == ui::ImportStage::done);
    CHECK(platform.keep_drawing_calls >= 2);  // frames were asked for while rows remained
    ui.frame();
    CHECK(ui.shows("Imported: 2", "Import"));
    CHECK(ui.shows("Updated: 0", "Import"));
    CHECK(ui.shows("Rejected: 1", "Import"));
    const ui::DrawnItem* reject = ui.item("Line 3", "Import");
    REQUIRE(reject);
    REQUIRE(reject->cells.size() == 3);
    CHECK(reject->cells[0] == "3");
    CHECK(reject->cells[1] == "category_name");
    CHECK(reject->cells[2].find("boats") != std::string::npos);

    // Same commands as typed data: in the outbox, numbered from 1 without gaps.
    CHECK(app.store.leads.size() == leads_before + 2);
    CHECK(app.store.accounts.size() == accounts_before + 2);  // made for the company names
    REQUIRE_FALSE(app.outbox.empty());
    for (size_t i = 0; i < app.outbox.size(); ++i) CHECK(app.outbox[i].seq == i + 1);
    CHECK(app.next_seq == app.outbox.size() + 1);
    CHECK(std::count_if(app.outbox.begin(), app.outbox.end(),
                        [](const Command& c) { return c.kind == "lead.put"; }) == 2);
    CHECK(ui.shows(std::to_string(app.outbox.size()) + " changes waiting to sync", "Status"));

    REQUIRE(ui.click("Download rejects (CSV)", "Import"));
    REQUIRE(platform.downloads.size() == 1);
    CHECK(platform.downloads[0].name == "leads-rejects.csv");
    CHECK(platform.downloads[0].mime.rfind("text/csv", 0) == 0);
    std::vector<std::string> rejects = lines_of(decode_text(platform.downloads[0].bytes).text);
    REQUIRE(rejects.size() == 2);
    CHECK(rejects[0] == "Company,Product,Status,line,reason");
    CHECK(rejects[1].rfind("Broken Boats,boats,new,3,", 0) == 0);

    // The new leads are in the inbox, found by the name as typed in the file.
    CHECK(inbox_shows_account(app, "Müller Autoteile"));
    REQUIRE(ui.click("Leads", "Navigation"));
    REQUIRE(ui.click_and_type("Search", "muller auto", "Lead inbox"));
    CHECK(ui.shows("Müller Autoteile", "Lead inbox"));

    // Undo takes the whole batch back: records, outbox and numbering.
    REQUIRE(ui.click("Import", "Navigation"));
    REQUIRE(ui.click("Undo import", "Import"));
    CHECK(app.store.leads.size() == leads_before);
    CHECK(app.store.accounts.size() == accounts_before);
    CHECK(app.outbox.empty());
    CHECK(app.next_seq == 1);
    CHECK_FALSE(inbox_shows_account(app, "Müller Autoteile"));
    CHECK(ui.shows("Import of leads.csv undone", "Import"));
    CHECK(ui.shows("No changes waiting to sync", "Status"));
}

TEST_CASE("Cancel stops an import between frames; the rows done stay, the rest are not touched") {
    ui::AppState app = test::loaded_demo_app();
    FakePlatform platform;
    app.platform = &platform;
    test::UiHarness ui(app);
    // UTF-8 with a BOM, as Excel's "CSV UTF-8" writes it.
    std::string file = "\xEF\xBB\xBFName;E-Mail;Telefon;Firma\n";
    const char* names[] = {"Dragan Đorđević", "Zoë Müller", "Łukasz Wójcik", "Ana Ćosić",
                           "Jörg Weiß", "Émile Dubois"};
    for (int i = 0; i < 12; ++i)
        file += std::string(names[i % 6]) + (i < 6 ? "" : " " + std::to_string(i)) + ";person" +
                std::to_string(i) + "@example.com;+49 30 100" + std::to_string(i) +
                ";Đorđević d.o.o.\n";
    size_t contacts_before = app.store.contacts.size();

    REQUIRE(ui.click("Import", "Navigation"));
    ui::deliver_picked_file(app, "kontakte.csv", file);
    ui.frame();
    CHECK(ui.shows("Encoding: utf-8 (bom)   Delimiter: semicolon", "Import"));
    CHECK(ui.shows("Dragan Đorđević", "Import"));
    CHECK(app.imports.kind == ImportKind::contacts);
    app.imports.slice_rows = 1;
    REQUIRE(ui.click("Start import", "Import"));
    REQUIRE(app.imports.stage == ui::ImportStage::running);
    REQUIRE(ui.click("Cancel import", "Import"));
    REQUIRE(app.imports.stage == ui::ImportStage::done);
    ImportProgress p = import_progress(app.imports.job);
    CHECK(p.cancelled);
    CHECK(p.rows_done < 12);
    CHECK(app.store.contacts.size() == contacts_before + p.counts.created);
    CHECK(p.counts.created == p.rows_done);
    ui.frame();
    CHECK(ui.shows("Import of kontakte.csv cancelled after " + std::to_string(p.rows_done) +
                       " of 12 rows", "Import"));
    // Nothing more happens in later frames.
    for (int i = 0; i < 5; ++i) ui.frame();
    CHECK(import_progress(app.imports.job).rows_done == p.rows_done);
}

TEST_CASE("mapping mistakes are shown next to the column and keep Start disabled") {
    ui::AppState app = test::loaded_demo_app();
    FakePlatform platform;
    app.platform = &platform;
    test::UiHarness ui(app);
    REQUIRE(ui.click("Import", "Navigation"));
    ui::deliver_picked_file(app, "mail.csv", "E-Mail,Mail\nanna@example.com,x\n");
    ui.frame();
    CHECK(ui.shows("Map a column to name: Contacts need it", "Import"));
    const ui::DrawnItem* start = ui.item("Start import", "Import");
    REQUIRE(start);
    CHECK(start->disabled);

    choose(ui, "Column E-Mail", "name");
    CHECK_FALSE(ui.shows("Map a column to name: Contacts need it", "Import"));
    CHECK_FALSE(ui.item("Start import", "Import")->disabled);
    choose(ui, "Column Mail", "name");
    CHECK(ui.shows("name already comes from column E-Mail: pick one", "Import"));
    CHECK(ui.item("Start import", "Import")->disabled);
    size_t contacts = app.store.contacts.size();
    ui.click("Start import", "Import");
    CHECK(app.imports.stage == ui::ImportStage::preview);
    CHECK(app.store.contacts.size() == contacts);

    // A file that is not readable at all says so and stays on the picker.
    ui::deliver_picked_file(app, "broken.json", "[{\"name\": ");
    ui.frame();
    CHECK(app.imports.stage == ui::ImportStage::pick);
    CHECK(app.imports.read_error != "");
}

TEST_CASE("the user chooses what a row matches by: email only makes a new contact of a known phone") {
    ui::AppState app = test::loaded_demo_app();
    FakePlatform platform;
    app.platform = &platform;
    test::UiHarness ui(app);
    Contact known;
    for (const Contact& c : app.store.contacts.rows)
        if (!phone_match_key(c.phone).empty() && !c.email.empty()) known = c;
    REQUIRE_FALSE(known.id.empty());
    const std::string account = app.store.accounts.find(known.account_id)->name;
    // Someone new at a number already on record (a switchboard), with an email of their own.
    std::string file = "Name;E-Mail;Telefon;Firma\nNew Colleague;new.colleague@example.com;" +
                       known.phone + ";\"" + account + "\"\n";
    const size_t contacts_before = app.store.contacts.size();

    REQUIRE(ui.click("Import", "Navigation"));
    ui::deliver_picked_file(app, "kollegen.csv", file);
    ui.frame();
    CHECK(ui.shows("A row matches the record whose id is in its id column, when a column is "
                   "mapped to id; otherwise the contact with the same email, else the one with "
                   "the same phone.", "Import"));  // the automatic key, by default
    choose(ui, "Match rows by", "External id only");
    CHECK(ui.shows("Map a column to id to match rows by it, or match them another way", "Import"));
    CHECK(ui.item("Start import", "Import")->disabled);

    choose(ui, "Match rows by", "Email only");
    CHECK(app.imports.match_key == MatchKey::email);
    CHECK_FALSE(ui.shows("Map a column to id to match rows by it, or match them another way",
                         "Import"));
    CHECK(ui.shows("A row matches the contact with the same email (letter case ignored), never by "
                   "phone; a row with an empty email is a new contact.", "Import"));
    REQUIRE(ui.click("Start import", "Import"));
    for (int i = 0; i < 5 && app.imports.stage != ui::ImportStage::done; ++i) ui.frame();
    REQUIRE(app.imports.stage == ui::ImportStage::done);
    // Matched by phone (the automatic key) it would have overwritten the known contact.
    CHECK(import_progress(app.imports.job).counts.created == 1);
    CHECK(app.store.contacts.size() == contacts_before + 1);
    CHECK(app.store.contacts.find(known.id)->name == known.name);
}

TEST_CASE("the inbox as filtered is exported to CSV and JSON, with formulas neutralised") {
    ui::AppState app = test::loaded_demo_app();
    FakePlatform platform;
    app.platform = &platform;
    test::UiHarness ui(app);
    REQUIRE(ui.click("Import", "Navigation"));
    ui::deliver_picked_file(app, "leads.csv", leads_file_1252());
    ui.frame();
    choose(ui, "Record type", "Leads");
    REQUIRE(ui.click("Start import", "Import"));
    for (int i = 0; i < 5 && app.imports.stage != ui::ImportStage::done; ++i) ui.frame();
    REQUIRE(app.imports.stage == ui::ImportStage::done);

    REQUIRE(ui.click("Leads", "Navigation"));
    REQUIRE(ui.click_and_type("Search", "trading", "Lead inbox"));
    ui::refresh_inbox(app.store, app.index, app.inbox);
    REQUIRE(app.inbox.order.size() == 1);
    REQUIRE(ui.click("Import", "Navigation"));
    CHECK(ui.shows("1 lead, as filtered and sorted in Leads", "Import"));
    REQUIRE(ui.click("Export inbox (CSV)", "Import"));
    REQUIRE(ui.click("Export inbox (JSON)", "Import"));
    REQUIRE(platform.downloads.size() == 2);
    const std::string& csv = platform.downloads[0].bytes;
    CHECK(platform.downloads[0].name == "leads.csv");
    CHECK(csv.rfind("\xEF\xBB\xBFid,account_id,account,", 0) == 0);
    std::vector<std::string> lines = lines_of(csv);
    REQUIRE(lines.size() == 2);  // the header and the one lead the filter shows
    CHECK(lines[1].find(",\"'=SUM(A1) Trading\",") != std::string::npos);
    CHECK(platform.downloads[1].name == "leads.json");
    json leads = json::parse(platform.downloads[1].bytes);
    REQUIRE(leads.size() == 1);
    CHECK(leads[0]["account"] == "=SUM(A1) Trading");  // JSON is data, not a spreadsheet
    CHECK(ui.shows("Offered for download: leads.json", "Import"));

    // An account's timeline, newest first as on its screen.
    std::uint32_t busy = 0;
    for (std::uint32_t a = 0; a < app.store.accounts.size(); ++a)
        if (app.index.activities_of[a].size() > app.index.activities_of[busy].size()) busy = a;
    REQUIRE(app.index.activities_of[busy].size() >= 2);
    app.accounts.selected = busy;  // as a click in Accounts does
    ui.frame();
    CHECK(ui.shows("Activities of " + app.store.accounts.rows[busy].name, "Import"));
    REQUIRE(ui.click("Export timeline (CSV)", "Import"));
    std::vector<std::string> timeline = lines_of(platform.downloads.back().bytes);
    CHECK(timeline.size() == app.index.activities_of[busy].size() + 1);
    const Activity& newest = app.store.activities.rows[app.index.activities_of[busy][0]];
    CHECK(timeline[1].rfind(newest.id + ",", 0) == 0);

    REQUIRE(ui.click("Export campaign report (CSV)", "Import"));
    CHECK(lines_of(platform.downloads.back().bytes)[0] ==
          "\xEF\xBB\xBF" "campaign_id,campaign,leads,qualified,won,spend,revenue,cost_per_sale,roi_percent");
}
