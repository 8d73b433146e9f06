#include "commands.h"
#include "command_fields.h"
#include "deal_commands.h"
#include "deal_json.h"
#include "delete_commands.h"
#include "lead_commands.h"
#include "lead_engine.h"
#include "record_json.h"
#include "snapshot.h"
#include "workflow_commands.h"

namespace fc {
namespace {

template <class T>
MaybeError put_record(Store& store, Table<T>& table, const json& payload,
                      std::uint32_t* row = nullptr) {
    T r;
    if (auto e = from_json(payload, r, "payload")) return e;
    if (auto e = check_references(store, r, "payload")) return e;
    std::uint32_t at = table.put(std::move(r));
    if (row) *row = at;
    return std::nullopt;
}

// Puts a record, then lets the lead engine follow (when it has been built: an unbuilt book
// reads everything when it is first needed).
template <class T, class Follow>
MaybeError put_and_follow(Store& store, Table<T>& table, const json& payload, Follow follow) {
    std::uint32_t row = 0;
    if (auto e = put_record(store, table, payload, &row)) return e;
    if (store.lead_book.built) follow(store, row);
    return std::nullopt;
}

// lead.put logs state and owner changes to the lead event log, then keeps the engine in step.
MaybeError put_lead_and_follow(Store& store, const Command& c) {
    if (auto e = put_lead(store, c)) return e;
    std::uint32_t row = store.leads.row_of(c.payload.at("id").get<Id>());
    if (store.lead_book.built && row != kNoRow) leads_on_lead(store, row);
    return std::nullopt;
}

MaybeError log_activity(Store& store, const json& payload) {
    Activity a;
    if (auto e = from_json(payload, a, "payload")) return e;
    if (const Activity* old = store.activities.find(a.id)) {
        if (to_json(*old) == to_json(a)) return std::nullopt;
        return Error{"conflict", "payload.id",
                     "activity \"" + a.id + "\" already exists; activities cannot be changed"};
    }
    if (auto e = check_references(store, a, "payload")) return e;
    // The lead engine follows every activity: it updates (or opens) the one lead it touches.
    std::uint32_t row = store.activities.put(std::move(a));
    leads_on_activity(store, row);
    return std::nullopt;
}

}  // namespace

json to_json(const Command& c) {
    return {{"id", c.id}, {"client_id", c.client_id}, {"seq", c.seq}, {"kind", c.kind},
            {"at", c.at}, {"author", c.author}, {"payload", c.payload}};
}

MaybeError from_json(const json& j, Command& out, const std::string& path) {
    Command c;
    JsonReader r(j, path);
    std::int64_t seq = 0;
    command_fields(r, c, seq, [](JsonReader& reader, json& payload) {
        if (const json* p = reader.nested("payload", true, json::value_t::object, "an object"))
            payload = *p;
    });
    if (auto e = r.finish()) return e;
    c.seq = std::uint64_t(seq);
    out = std::move(c);
    return std::nullopt;
}

MaybeError apply_command(Store& s, const Command& c) {
    const json& p = c.payload;
    if (c.kind == "activity.log") return log_activity(s, p);
    if (c.kind == "account.put") return put_and_follow(s, s.accounts, p, leads_on_account);
    if (c.kind == "contact.put") return put_and_follow(s, s.contacts, p, leads_on_contact);
    if (c.kind == "lead.put") return put_lead_and_follow(s, c);
    if (c.kind == "deal.put") return put_record(s, s.deals, p);
    if (is_deal_command(c.kind)) return apply_deal_command(s, c);
    if (is_workflow_command(c.kind)) return apply_workflow_command(s, c);
    if (is_delete_command(c.kind)) return apply_delete_command(s, c);
    if (c.kind == "task.put") return put_record(s, s.tasks, p);
    if (c.kind == "dealer.put") return put_record(s, s.dealers, p);
    if (c.kind == "user.put") return put_record(s, s.users, p);
    if (c.kind == "category.put") return put_record(s, s.categories, p);
    if (c.kind == "campaign.put")
        return put_and_follow(s, s.campaigns, p,
                              [](Store& st, std::uint32_t) { leads_on_campaign(st); });
    bool handled = false;
    MaybeError e = apply_lead_command(s, c, handled);
    if (handled) return e;
    return Error{"unknown_command", "kind", "\"" + c.kind + "\" is not a known command"};
}

}  // namespace fc
