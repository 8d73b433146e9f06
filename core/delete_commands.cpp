#include "delete_commands.h"
#include "lead_engine.h"

namespace fc {
namespace {

MaybeError read_id(const Command& c, Id& id) {
    JsonReader r(c.payload, "payload");
    r.id("id", id, true);
    return r.finish();
}

Error missing(const Id& id) {
    return Error{"not_found", "payload.id", "payload.id refers to \"" + id + "\", which does not exist"};
}

MaybeError delete_task(Store& s, const Command& c) {
    Id id;
    if (auto e = read_id(c, id)) return e;
    if (!s.tasks.erase(id)) return missing(id);
    return std::nullopt;
}

MaybeError delete_contact(Store& s, const Command& c) {
    Id id;
    if (auto e = read_id(c, id)) return e;
    if (!s.contacts.contains(id)) return missing(id);
    for (const Activity& a : s.activities.rows)
        if (a.contact_id == id)
            return Error{"conflict", "payload.id",
                         "payload.id has activities on its timeline (\"" + a.id +
                             "\"); it cannot be deleted"};
    for (const Task& t : s.tasks.rows)
        if (t.contact_id == id)
            return Error{"conflict", "payload.id",
                         "payload.id is named by task \"" + t.id + "\"; delete that first"};
    s.contacts.erase(id);
    // Another contact took the deleted one's row: the book indexes contacts by row.
    if (s.lead_book.built) rebuild_leads(s, s.lead_book.now);
    return std::nullopt;
}

}  // namespace

bool is_delete_command(const std::string& kind) {
    return kind == "task.delete" || kind == "contact.delete";
}

MaybeError apply_delete_command(Store& s, const Command& c) {
    if (c.kind == "task.delete") return delete_task(s, c);
    if (c.kind == "contact.delete") return delete_contact(s, c);
    return Error{"unknown_command", "kind", "\"" + c.kind + "\" is not a known command"};
}

}  // namespace fc
