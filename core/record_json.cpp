// Field lists live in one place per record: the writer and the reader below must name the same
// keys, and the round-trip tests hold them to it.
#include "record_json.h"
#include "enum_names.h"
#include "record_fields.h"

namespace fc {
namespace {

// Reads the record's fields (record_fields.h) into a copy and commits it only if nothing failed.
template <class T>
MaybeError read_record(const json& j, T& out, const std::string& path) {
    T tmp{};
    JsonReader r(j, path);
    fields(r, tmp);
    if (auto e = r.finish()) return e;
    out = std::move(tmp);
    return std::nullopt;
}

}  // namespace

json bant_to_json(const BantItem& b) { return {{"met", b.met}, {"evidence", b.evidence}}; }

void read_bant(JsonReader& parent, const char* key, BantItem& out) {
    BantItem item;
    bool read = false;
    parent.object(key, [&](JsonReader& r) { fields(r, item); read = !r.failed(); });
    if (read && !parent.failed()) out = std::move(item);
}

json to_json(const Account& r) {
    return {{"id", r.id}, {"dealer_id", r.dealer_id}, {"name", r.name},
            {"postal_code", r.postal_code}, {"city", r.city}, {"country", r.country},
            {"segment", r.segment}, {"employees", r.employees}};
}
MaybeError from_json(const json& j, Account& out, const std::string& path) {
    return read_record(j, out, path);
}

json to_json(const Contact& r) {
    return {{"id", r.id}, {"account_id", r.account_id}, {"name", r.name}, {"email", r.email},
            {"phone", r.phone}, {"role", name_of(r.role)}, {"do_not_contact", r.do_not_contact},
            {"consent_email", r.consent_email}, {"consent_phone", r.consent_phone}};
}
MaybeError from_json(const json& j, Contact& out, const std::string& path) {
    return read_record(j, out, path);
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
    return read_record(j, out, path);
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
    return read_record(j, out, path);
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
    return read_record(j, out, path);
}

json to_json(const Dealer& r) {
    return {{"id", r.id}, {"name", r.name}, {"time_zone", r.time_zone}};
}
MaybeError from_json(const json& j, Dealer& out, const std::string& path) {
    return read_record(j, out, path);
}

json to_json(const User& r) {
    return {{"id", r.id}, {"dealer_id", r.dealer_id}, {"name", r.name}, {"role", r.role}};
}
MaybeError from_json(const json& j, User& out, const std::string& path) {
    return read_record(j, out, path);
}

json to_json(const ProductCategory& r) { return {{"id", r.id}, {"name", r.name}}; }
MaybeError from_json(const json& j, ProductCategory& out, const std::string& path) {
    return read_record(j, out, path);
}

json to_json(const Campaign& r) { return {{"id", r.id}, {"name", r.name}, {"spend", r.spend}}; }
MaybeError from_json(const json& j, Campaign& out, const std::string& path) {
    return read_record(j, out, path);
}

json to_json(const LeadEvent& r) {
    return {{"id", r.id}, {"lead_id", r.lead_id}, {"kind", name_of(r.kind)}, {"at", r.at},
            {"actor", r.actor}, {"from_owner", r.from_owner}, {"to_owner", r.to_owner},
            {"to_dealer", r.to_dealer}, {"from_state", name_of(r.from_state)},
            {"to_state", name_of(r.to_state)}, {"reason", r.reason}};
}
MaybeError from_json(const json& j, LeadEvent& out, const std::string& path) {
    return read_record(j, out, path);
}

}  // namespace fc
