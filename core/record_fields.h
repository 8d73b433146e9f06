// The fields of every record with their rules (required, longest, range), in one place per
// record type. A field visitor walks them: JsonReader reads and validates JSON (record_json),
// and the binary snapshot codec (snapshot_binary) writes and reads the same fields in the same
// order with the same checks, so both ways of loading accept exactly the same records.
//
// A visitor has: id, string, integer, int32, number, boolean, enumeration (as JsonReader),
// object(key, fn) for a nested object, failed() and fail(code, key, message). Writers visit a
// const record, readers a record to fill.
#pragma once
#include <type_traits>
#include "deal_json.h"
#include "enum_names.h"
#include "records.h"

namespace fc {

constexpr std::int64_t kMaxTime = 32503680000;    // year 3000: rejects ms-for-s mistakes
constexpr std::int64_t kMaxMoney = 1000000000000;  // 10 billion in major units

// Lets one template serve a record and a const record of type T.
template <class R, class T>
using IfRecord = std::enable_if_t<std::is_same_v<std::remove_const_t<R>, T>, int>;

template <class V, class R, IfRecord<R, BantItem> = 0>
void fields(V& r, R& item) {
    r.boolean("met", item.met, true);
    r.string("evidence", item.evidence, false, 2000);
    if (!r.failed() && item.met && item.evidence.find_first_not_of(" \t") == std::string::npos)
        r.fail("missing_field", "evidence", "is required when the item is met");
}

template <class V, class R, IfRecord<R, Account> = 0>
void fields(V& r, R& a) {
    r.id("id", a.id, true);
    r.id("dealer_id", a.dealer_id, true);
    r.string("name", a.name, true);
    r.string("postal_code", a.postal_code, false, 16);
    r.string("city", a.city, false);
    r.string("country", a.country, false, 2);
    r.string("segment", a.segment, false, 64);
    r.int32("employees", a.employees, false, 0, 10000000);
}

template <class V, class R, IfRecord<R, Contact> = 0>
void fields(V& r, R& c) {
    r.id("id", c.id, true);
    r.id("account_id", c.account_id, true);
    r.string("name", c.name, true);
    r.string("email", c.email, false, 254);
    if (!r.failed() && !c.email.empty() && c.email.find('@') == std::string::npos)
        r.fail("invalid_field", "email", "is not an email address");
    r.string("phone", c.phone, false, 32);
    r.enumeration("role", c.role, false, parse_contact_role);
    r.boolean("do_not_contact", c.do_not_contact, false);
    r.boolean("consent_email", c.consent_email, false);
    r.boolean("consent_phone", c.consent_phone, false);
}

template <class V, class R, IfRecord<R, Activity> = 0>
void fields(V& r, R& a) {
    r.id("id", a.id, true);
    r.id("account_id", a.account_id, true);
    r.id("contact_id", a.contact_id, false);
    r.enumeration("type", a.type, true, parse_activity_type);
    r.integer("at", a.at, true, 0, kMaxTime);
    r.id("product_category", a.product_category, false);
    r.id("campaign_id", a.campaign_id, false);
    r.integer("amount", a.amount, false, -kMaxMoney, kMaxMoney);
    r.id("author", a.author, false);
    r.string("note", a.note, false, 10000);
    r.id("channel", a.channel, false);
}

template <class V, class R, IfRecord<R, Lead> = 0>
void fields(V& r, R& l) {
    r.id("id", l.id, true);
    r.id("account_id", l.account_id, true);
    r.id("product_category", l.product_category, true);
    r.id("dealer_id", l.dealer_id, true);
    r.id("owner", l.owner, false);
    r.enumeration("state", l.state, false, parse_lead_state);
    r.integer("created_at", l.created_at, true, 0, kMaxTime);
    r.integer("first_response_at", l.first_response_at, false, 0, kMaxTime);
    r.number("score", l.score, false, -1e9, 1e9);
    r.integer("closed_at", l.closed_at, false, 0, kMaxTime);
    r.string("disqualify_reason", l.disqualify_reason, false, 2000);
    r.object("bant", [&](auto& b) {
        b.object("budget", [&](auto& i) { fields(i, l.budget); });
        b.object("authority", [&](auto& i) { fields(i, l.authority); });
        b.object("need", [&](auto& i) { fields(i, l.need); });
        b.object("timeline", [&](auto& i) { fields(i, l.timeline); });
    });
}

template <class V, class R, IfRecord<R, Task> = 0>
void fields(V& r, R& t) {
    r.id("id", t.id, true);
    r.id("account_id", t.account_id, false);
    r.id("contact_id", t.contact_id, false);
    r.id("lead_id", t.lead_id, false);
    r.id("assignee", t.assignee, false);
    r.string("title", t.title, true);
    r.integer("due", t.due, true, 0, kMaxTime);
    r.enumeration("state", t.state, false, parse_task_state);
    r.string("outcome", t.outcome, false, 2000);
    r.integer("created_at", t.created_at, false, 0, kMaxTime);
    r.integer("done_at", t.done_at, false, 0, kMaxTime);
    r.id("rule_id", t.rule_id, false);
    r.id("source_id", t.source_id, false);
    r.int32("occurrence", t.occurrence, false, 0, 100000);
    r.string("blocked_reason", t.blocked_reason, false, 500);
    r.id("done_by", t.done_by, false);
}

template <class V, class R, IfRecord<R, Dealer> = 0>
void fields(V& r, R& d) {
    r.id("id", d.id, true);
    r.string("name", d.name, true);
    r.string("time_zone", d.time_zone, false, 64);
}

template <class V, class R, IfRecord<R, User> = 0>
void fields(V& r, R& u) {
    r.id("id", u.id, true);
    r.id("dealer_id", u.dealer_id, false);
    r.string("name", u.name, true);
    r.string("role", u.role, true, 16);
    if (!r.failed() && u.role != "rep" && u.role != "manager" && u.role != "central")
        r.fail("invalid_field", "role", "must be rep, manager or central");
}

template <class V, class R, IfRecord<R, ProductCategory> = 0>
void fields(V& r, R& p) {
    r.id("id", p.id, true);
    r.string("name", p.name, true);
}

template <class V, class R, IfRecord<R, Campaign> = 0>
void fields(V& r, R& c) {
    r.id("id", c.id, true);
    r.string("name", c.name, true);
    r.integer("spend", c.spend, false, 0, kMaxMoney);
}

template <class V, class R, IfRecord<R, Deal> = 0>
void fields(V& r, R& d) {
    r.id("id", d.id, true);
    r.id("lead_id", d.lead_id, false);
    r.id("account_id", d.account_id, true);
    r.id("dealer_id", d.dealer_id, true);
    r.id("owner", d.owner, false);
    r.id("product_category", d.product_category, false);
    r.enumeration("stage", d.stage, false, parse_deal_stage);
    r.integer("amount", d.amount, false, 0, kMaxMoney);
    r.integer("created_at", d.created_at, true, 0, kMaxTime);
    r.integer("closed_at", d.closed_at, false, 0, kMaxTime);
    r.string("reason", d.reason, false, 2000);
}

template <class V, class R, IfRecord<R, LeadEvent> = 0>
void fields(V& r, R& e) {
    r.id("id", e.id, true);
    r.id("lead_id", e.lead_id, true);
    r.enumeration("kind", e.kind, true, parse_lead_event_kind);
    r.integer("at", e.at, true, 0, kMaxTime);
    r.id("actor", e.actor, false);
    r.id("from_owner", e.from_owner, false);
    r.id("to_owner", e.to_owner, false);
    r.id("to_dealer", e.to_dealer, false);
    r.enumeration("from_state", e.from_state, false, parse_lead_state);
    r.enumeration("to_state", e.to_state, false, parse_lead_state);
    r.string("reason", e.reason, false, 500);
}

}  // namespace fc
