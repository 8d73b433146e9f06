// Which records a command changed (core/change_set.h): what a sync server writes per command.
#include <doctest/doctest.h>
#include <algorithm>
#include "change_set.h"
#include "demo_data.h"
#include "follow_up_rules.h"
#include "lead_engine.h"
#include "record_table.h"
#include "sla.h"
#include "snapshot_tables.h"

using namespace fc;

namespace {

constexpr Time kNow = 1790000000;

bool has(const ChangeSet& cs, const std::string& table, const Id& id, bool deleted = false) {
    return std::any_of(cs.begin(), cs.end(), [&](const Change& c) {
        return c.table == table && c.id == id && c.deleted == deleted;
    });
}

Command cmd(const std::string& id, const std::string& kind, json payload, Time at = kNow) {
    return Command{id, "tab", 1, kind, at, "D1-M", std::move(payload)};
}

// Every demo lead already has an owner, so open a fresh one the way a web form does.
const Lead* open_new_lead(Store& s) {
    ensure_lead_book(s, kNow);
    auto account = std::find_if(s.accounts.rows.begin(), s.accounts.rows.end(),
                                [](const Account& a) { return a.dealer_id == "D1"; });
    if (account == s.accounts.rows.end()) return nullptr;
    json act = {{"id", "E-open-1"}, {"account_id", account->id}, {"type", "quote_request"},
                {"at", kNow}, {"product_category", s.categories.rows[0].id}};
    ChangeSet cs;
    if (apply_command_tracked(s, cmd("open1", "activity.log", act), cs)) return nullptr;
    for (const Change& c : cs)
        if (c.table == "leads") return s.leads.find(c.id);
    return nullptr;
}

}  // namespace

TEST_CASE("every kind core knows is listed, and none of them is an unknown command") {
    Store s = generate_demo(demo_size_tiny(), 3, kNow);
    for (const std::string& kind : command_kinds()) {
        Store copy = s;
        MaybeError e = apply_command(copy, cmd("c1", kind, json::object()));
        CHECK_MESSAGE((!e || e->code != "unknown_command"), kind);
    }
    MaybeError e = apply_command(s, cmd("c1", "telegram.send", json::object()));
    REQUIRE(e);
    CHECK(e->code == "unknown_command");
}

TEST_CASE("a transition reports the lead and its event; a retry reports nothing") {
    Store s = generate_demo(demo_size_tiny(), 3, kNow);
    const Lead* lead = open_new_lead(s);
    REQUIRE(lead);
    Id lead_id = lead->id;
    ChangeSet cs;
    REQUIRE_FALSE(apply_command_tracked(s, cmd("t1", "lead.transition",
                                               {{"lead_id", lead_id}, {"to", "working"}}), cs));
    CHECK(has(cs, "leads", lead_id));
    CHECK(std::count_if(cs.begin(), cs.end(), [](const Change& c) { return c.table == "lead_events"; }) == 1);
    CHECK(find_record_json(s, "leads", lead_id)->at("state") == "working");

    // Routing may already have given the fresh lead an owner: move it to another rep of D1.
    auto rep = std::find_if(s.users.rows.begin(), s.users.rows.end(), [&](const User& u) {
        return u.dealer_id == "D1" && u.role == "rep" && u.id != s.leads.find(lead_id)->owner;
    });
    REQUIRE(rep != s.users.rows.end());
    Command move = cmd("r1", "lead.reassign", {{"lead_id", lead_id}, {"to", rep->id}, {"reason", "r"}});
    MaybeError moved = apply_command_tracked(s, move, cs);
    REQUIRE_MESSAGE(!moved, (moved ? moved->code + " " + moved->field + " " + moved->message : ""));
    CHECK(cs.size() == 2);
    CHECK(has(cs, "leads", lead_id));
    CHECK(has(cs, "lead_events", "r1"));
    REQUIRE_FALSE(apply_command_tracked(s, move, cs));
    CHECK(cs.empty());
    // A rejected command reports nothing and changes nothing.
    CHECK(apply_command_tracked(s, cmd("t2", "lead.transition", {{"lead_id", lead_id}, {"to", "working"}}), cs));
    CHECK(cs.empty());
}

TEST_CASE("task.complete reports the task; task.delete and contact.delete report deletions") {
    Store s = generate_demo(demo_size_tiny(), 3, kNow);
    auto open = std::find_if(s.tasks.rows.begin(), s.tasks.rows.end(),
                             [](const Task& t) { return t.state == TaskState::open; });
    REQUIRE(open != s.tasks.rows.end());
    Id task_id = open->id;
    ChangeSet cs;
    REQUIRE_FALSE(apply_command_tracked(s, cmd("k1", "task.complete", {{"task_id", task_id}, {"outcome", "ok"}}), cs));
    REQUIRE(cs.size() == 1);
    CHECK(has(cs, "tasks", task_id));
    REQUIRE_FALSE(apply_command_tracked(s, cmd("k2", "task.delete", {{"id", task_id}}), cs));
    REQUIRE(cs.size() == 1);
    CHECK(has(cs, "tasks", task_id, true));
    CHECK_FALSE(s.tasks.contains(task_id));
    CHECK(apply_command(s, cmd("k3", "task.delete", {{"id", task_id}}))->code == "not_found");

    // A contact nothing names can go; one with a timeline cannot.
    json dup = {{"id", "C-dup"}, {"account_id", s.accounts.rows[0].id}, {"name", "Dup"}};
    REQUIRE_FALSE(apply_command(s, cmd("p1", "contact.put", dup)));
    size_t contacts = s.contacts.size();
    REQUIRE_FALSE(apply_command_tracked(s, cmd("d1", "contact.delete", {{"id", "C-dup"}}), cs));
    CHECK(has(cs, "contacts", "C-dup", true));
    CHECK(s.contacts.size() == contacts - 1);
    for (const Contact& c : s.contacts.rows) CHECK(s.contacts.find(c.id) == &c);  // index intact
    Id busy = s.activities.rows[0].contact_id;
    REQUIRE_FALSE(busy.empty());
    MaybeError e = apply_command(s, cmd("d2", "contact.delete", {{"id", busy}}));
    REQUIRE(e);
    CHECK(e->code == "conflict");
    CHECK(s.contacts.contains(busy));
}

TEST_CASE("an activity reports itself and the lead it opens or updates") {
    Store s = generate_demo(demo_size_tiny(), 3, kNow);
    ensure_lead_book(s, kNow);
    const Account& a = s.accounts.rows[0];
    json act = {{"id", "E-new-1"}, {"account_id", a.id}, {"type", "quote_request"},
                {"at", kNow}, {"product_category", s.categories.rows[0].id}};
    ChangeSet cs;
    REQUIRE_FALSE(apply_command_tracked(s, cmd("a1", "activity.log", act), cs));
    CHECK(has(cs, "activities", "E-new-1"));
    auto lead = std::find_if(cs.begin(), cs.end(), [](const Change& c) { return c.table == "leads"; });
    REQUIRE(lead != cs.end());
    const Lead* l = s.leads.find(lead->id);
    REQUIRE(l);
    CHECK(l->account_id == a.id);
    CHECK(l->product_category == s.categories.rows[0].id);
    // The same activity again (a retry) changes nothing.
    REQUIRE_FALSE(apply_command_tracked(s, cmd("a1", "activity.log", act), cs));
    CHECK(cs.empty());
}

TEST_CASE("the scoring rules and deals travel as records by table name") {
    Store s = generate_demo(demo_size_tiny(), 3, kNow);
    auto rules = find_record_json(s, "scoring_rules", "current");
    REQUIRE(rules);
    Store copy;
    REQUIRE_FALSE(put_record_unchecked(copy, "scoring_rules", *rules));
    CHECK(find_record_json(copy, "scoring_rules", "current") == rules);
    CHECK(is_record_table("deals"));
    CHECK(is_record_table("lead_events"));
}

TEST_CASE("an SLA policy or follow-up rules put is one record; until then there is none") {
    Store s = generate_demo(demo_size_tiny(), 3, kNow);
    CHECK_FALSE(find_record_json(s, "sla_policy", "current"));
    CHECK(record_count(s, "follow_up_rules") == 0);
    json sla = to_json(SlaPolicy{});
    sla["hot"] = {{"business_minutes", 5}, {"warn_before_minutes", 2}};
    ChangeSet cs;
    REQUIRE_FALSE(apply_command_tracked(s, cmd("s1", "sla_policy.put", sla), cs));
    REQUIRE(cs.size() == 1);
    CHECK(has(cs, "sla_policy", "current"));
    REQUIRE_FALSE(apply_command_tracked(s, cmd("f1", "follow_up_rules.put", default_follow_up_rules_json()), cs));
    REQUIRE(cs.size() == 1);
    CHECK(has(cs, "follow_up_rules", "current"));

    // Another replica takes the rows as they are; a bad document is refused and changes nothing.
    Store copy;
    for (const char* table : {"sla_policy", "follow_up_rules"}) {
        auto rec = find_record_json(s, table, "current");
        REQUIRE(rec);
        REQUIRE_FALSE(put_record_unchecked(copy, table, *rec));
        CHECK(find_record_json(copy, table, "current") == rec);
    }
    CHECK(copy.sla_policy["hot"]["business_minutes"] == 5);
    json broken = {{"id", "current"}, {"policy", {{"hot", {{"business_minutes", 0}}}}}};
    CHECK(put_record_unchecked(copy, "sla_policy", broken));
    CHECK(copy.sla_policy["hot"]["business_minutes"] == 5);
}

TEST_CASE("deal.move reports the deal it moved") {
    Store s = generate_demo(demo_size_tiny(), 3, kNow);
    auto open = std::find_if(s.deals.rows.begin(), s.deals.rows.end(), [](const Deal& d) {
        return d.stage != DealStage::bought && d.stage != DealStage::lost;
    });
    REQUIRE(open != s.deals.rows.end());
    Id deal_id = open->id;
    ChangeSet cs;
    REQUIRE_FALSE(apply_command_tracked(
        s, cmd("m1", "deal.move", {{"deal_id", deal_id}, {"to", "bought"}, {"reason", "fleet deal"}}), cs));
    REQUIRE(cs.size() == 1);
    CHECK(has(cs, "deals", deal_id));
    CHECK(find_record_json(s, "deals", deal_id)->at("reason") == "fleet deal");
}

TEST_CASE("has_record finds exactly what find_record_json finds, in every table") {
    Store s = generate_demo(demo_size_tiny(), 3, kNow);
    ensure_lead_book(s, kNow);
    for (const std::string& table : record_tables()) {
        CAPTURE(table);
        for (size_t row = 0; row < record_count(s, table); ++row) {
            Id id = record_id_at(s, table, row);
            CHECK(has_record(s, table, id) == find_record_json(s, table, id).has_value());
        }
        CHECK(has_record(s, table, "no-such-id") == find_record_json(s, table, "no-such-id").has_value());
        CHECK(has_record(s, table, "current") == find_record_json(s, table, "current").has_value());
    }
    CHECK_FALSE(has_record(s, "no_such_table", "x"));
}

TEST_CASE("record_counts is record_count of every table, in record_tables() order") {
    // It counts the record tables in for_each_table's order, the rule documents after them.
    std::vector<std::string> names;
    const Store empty;
    snapshot_detail::for_each_table(empty, [&](const char* name, const auto&) { names.push_back(name); });
    REQUIRE(names.size() + 3 == record_tables().size());
    CHECK(std::equal(names.begin(), names.end(), record_tables().begin()));

    Store s = generate_demo(demo_size_tiny(), 3, kNow);
    auto same = [&] {
        std::vector<size_t> counts = record_counts(s);
        REQUIRE(counts.size() == record_tables().size());
        for (size_t k = 0; k < counts.size(); ++k) {
            CAPTURE(record_tables()[k]);
            CHECK(counts[k] == record_count(s, record_tables()[k]));
        }
    };
    same();
    s.lead_events.put(LeadEvent{"EV1", s.leads.rows[0].id, LeadEventKind::assigned, kNow, "", "",
                                "", "", LeadState::new_lead, LeadState::new_lead, ""});
    s.sla_policy = to_json(SlaPolicy{});
    same();
}
