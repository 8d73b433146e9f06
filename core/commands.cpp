#include "commands.h"
#include "record_json.h"
#include "snapshot.h"
#include "workflow_commands.h"

namespace fc {
namespace {

template <class T>
MaybeError put_record(Store& store, Table<T>& table, const json& payload) {
    T r;
    if (auto e = from_json(payload, r, "payload")) return e;
    if (auto e = check_references(store, r, "payload")) return e;
    table.put(std::move(r));
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
    store.activities.put(std::move(a));
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
    r.id("id", c.id, true);
    r.id("client_id", c.client_id, true);
    std::int64_t seq = 0;
    r.integer("seq", seq, true, 1, INT64_MAX);
    r.string("kind", c.kind, true, 32);
    r.integer("at", c.at, true, 0, 32503680000);
    r.id("author", c.author, false);
    if (const json* p = r.nested("payload", true, json::value_t::object, "an object"))
        c.payload = *p;
    if (auto e = r.finish()) return e;
    c.seq = std::uint64_t(seq);
    out = std::move(c);
    return std::nullopt;
}

MaybeError apply_command(Store& s, const Command& c) {
    const json& p = c.payload;
    if (c.kind == "activity.log") return log_activity(s, p);
    if (c.kind == "account.put") return put_record(s, s.accounts, p);
    if (c.kind == "contact.put") return put_record(s, s.contacts, p);
    if (c.kind == "lead.put") return put_lead(s, c);  // logs state/owner changes
    if (is_workflow_command(c.kind)) return apply_workflow_command(s, c);
    if (c.kind == "task.put") return put_record(s, s.tasks, p);
    if (c.kind == "dealer.put") return put_record(s, s.dealers, p);
    if (c.kind == "user.put") return put_record(s, s.users, p);
    if (c.kind == "category.put") return put_record(s, s.categories, p);
    if (c.kind == "campaign.put") return put_record(s, s.campaigns, p);
    return Error{"unknown_command", "kind", "\"" + c.kind + "\" is not a known command"};
}

}  // namespace fc
