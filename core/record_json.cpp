// Field lists live in one place per record: the writer and the reader below must name the same
// keys, and the round-trip tests hold them to it.
#include "record_json.h"
#include "enum_names.h"

namespace fc {
namespace {

constexpr std::int64_t kMaxTime = 32503680000;    // year 3000: rejects ms-for-s mistakes
constexpr std::int64_t kMaxMoney = 1000000000000;  // 10 billion in major units

// Reads into a copy and commits it only if nothing failed.
template <class T, class ReadFields>
MaybeError read_record(const json& j, T& out, const std::string& path, ReadFields read_fields) {
    T tmp{};
    JsonReader r(j, path);
    read_fields(r, tmp);
    if (auto e = r.finish()) return e;
    out = std::move(tmp);
    return std::nullopt;
}

}  // namespace

json bant_to_json(const BantItem& b) { return {{"met", b.met}, {"evidence", b.evidence}}; }

void read_bant(JsonReader& parent, const char* key, BantItem& out) {
    const json* v = parent.nested(key, false, json::value_t::object, "an object");
    if (!v) return;
    BantItem item;
    JsonReader r(*v, parent.path_of(key));
    r.boolean("met", item.met, true);
    r.string("evidence", item.evidence, false, 2000);
    if (!r.failed() && item.met && item.evidence.find_first_not_of(" \t") == std::string::npos)
        r.fail("missing_field", "evidence", "is required when the item is met");
    if (auto e = r.finish()) return parent.fail_with(*e);
    out = std::move(item);
}

json to_json(const Account& r) {
    return {{"id", r.id}, {"dealer_id", r.dealer_id}, {"name", r.name},
            {"postal_code", r.postal_code}, {"city", r.city}, {"country", r.country},
            {"segment", r.segment}, {"employees", r.employees}};
}
MaybeError from_json(const json& j, Account& out, const std::string& path) {
    return read_record(j, out, path, [](JsonReader& r, Account& a) {
        r.id("id", a.id, true);
        r.id("dealer_id", a.dealer_id, true);
        r.string("name", a.name, true);
        r.string("postal_code", a.postal_code, false, 16);
        r.string("city", a.city, false);
        r.string("country", a.country, false, 2);
        r.string("segment", a.segment, false, 64);
        r.int32("employees", a.employees, false, 0, 10000000);
    });
}

json to_json(const Contact& r) {
    return {{"id", r.id}, {"account_id", r.account_id}, {"name", r.name}, {"email", r.email},
            {"phone", r.phone}, {"role", name_of(r.role)}, {"do_not_contact", r.do_not_contact},
            {"consent_email", r.consent_email}, {"consent_phone", r.consent_phone}};
}
MaybeError from_json(const json& j, Contact& out, const std::string& path) {
    return read_record(j, out, path, [](JsonReader& r, Contact& c) {
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
    });
}

json to_json(const Activity& r) {
    json j = {{"id", r.id}, {"account_id", r.account_id}, {"contact_id", r.contact_id},
            {"type", name_of(r.type)}, {"at", r.at}, {"product_category", r.product_category},
            {"campaign_id", r.campaign_id}, {"amount", r.amount}, {"author", r.author},
            {"note", r.note}};
    // Written only when set, so activities that never had a channel keep their shape.
    if (!r.channel.empty()) j["channel"] = r.channel;
    return j;
}
MaybeError from_json(const json& j, Activity& out, const std::string& path) {
    return read_record(j, out, path, [](JsonReader& r, Activity& a) {
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
    });
}

json to_json(const Lead& r) {
    return {{"id", r.id}, {"account_id", r.account_id},
            {"product_category", r.product_category}, {"dealer_id", r.dealer_id},
            {"owner", r.owner}, {"state", name_of(r.state)}, {"created_at", r.created_at},
            {"first_response_at", r.first_response_at}, {"score", r.score},
            {"closed_at", r.closed_at}, {"disqualify_reason", r.disqualify_reason},
            {"bant", {{"budget", bant_to_json(r.budget)}, {"authority", bant_to_json(r.authority)},
                      {"need", bant_to_json(r.need)}, {"timeline", bant_to_json(r.timeline)}}}};
}
MaybeError from_json(const json& j, Lead& out, const std::string& path) {
    return read_record(j, out, path, [](JsonReader& r, Lead& l) {
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
        if (const json* b = r.nested("bant", false, json::value_t::object, "an object")) {
            JsonReader br(*b, r.path_of("bant"));
            read_bant(br, "budget", l.budget);
            read_bant(br, "authority", l.authority);
            read_bant(br, "need", l.need);
            read_bant(br, "timeline", l.timeline);
            if (auto e = br.finish()) r.fail_with(*e);
        }
    });
}

json to_json(const Task& r) {
    return {{"id", r.id}, {"account_id", r.account_id}, {"contact_id", r.contact_id},
            {"lead_id", r.lead_id}, {"assignee", r.assignee}, {"title", r.title},
            {"due", r.due}, {"state", name_of(r.state)}, {"outcome", r.outcome},
            {"created_at", r.created_at}, {"done_at", r.done_at}, {"rule_id", r.rule_id},
            {"source_id", r.source_id}, {"occurrence", r.occurrence},
            {"blocked_reason", r.blocked_reason}, {"done_by", r.done_by}};
}
MaybeError from_json(const json& j, Task& out, const std::string& path) {
    return read_record(j, out, path, [](JsonReader& r, Task& t) {
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
    });
}

json to_json(const Dealer& r) {
    return {{"id", r.id}, {"name", r.name}, {"time_zone", r.time_zone}};
}
MaybeError from_json(const json& j, Dealer& out, const std::string& path) {
    return read_record(j, out, path, [](JsonReader& r, Dealer& d) {
        r.id("id", d.id, true);
        r.string("name", d.name, true);
        r.string("time_zone", d.time_zone, false, 64);
    });
}

json to_json(const User& r) {
    return {{"id", r.id}, {"dealer_id", r.dealer_id}, {"name", r.name}, {"role", r.role}};
}
MaybeError from_json(const json& j, User& out, const std::string& path) {
    return read_record(j, out, path, [](JsonReader& r, User& u) {
        r.id("id", u.id, true);
        r.id("dealer_id", u.dealer_id, false);
        r.string("name", u.name, true);
        r.string("role", u.role, true, 16);
        if (!r.failed() && u.role != "rep" && u.role != "manager" && u.role != "central")
            r.fail("invalid_field", "role", "must be rep, manager or central");
    });
}

json to_json(const ProductCategory& r) { return {{"id", r.id}, {"name", r.name}}; }
MaybeError from_json(const json& j, ProductCategory& out, const std::string& path) {
    return read_record(j, out, path, [](JsonReader& r, ProductCategory& p) {
        r.id("id", p.id, true);
        r.string("name", p.name, true);
    });
}

json to_json(const Campaign& r) { return {{"id", r.id}, {"name", r.name}, {"spend", r.spend}}; }
MaybeError from_json(const json& j, Campaign& out, const std::string& path) {
    return read_record(j, out, path, [](JsonReader& r, Campaign& c) {
        r.id("id", c.id, true);
        r.string("name", c.name, true);
        r.integer("spend", c.spend, false, 0, kMaxMoney);
    });
}

json to_json(const LeadEvent& r) {
    return {{"id", r.id}, {"lead_id", r.lead_id}, {"kind", name_of(r.kind)}, {"at", r.at},
            {"actor", r.actor}, {"from_owner", r.from_owner}, {"to_owner", r.to_owner},
            {"to_dealer", r.to_dealer}, {"from_state", name_of(r.from_state)},
            {"to_state", name_of(r.to_state)}, {"reason", r.reason}};
}
MaybeError from_json(const json& j, LeadEvent& out, const std::string& path) {
    return read_record(j, out, path, [](JsonReader& r, LeadEvent& e) {
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
    });
}

}  // namespace fc
