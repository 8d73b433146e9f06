#include "import_undo_check.h"
#include <unordered_set>

namespace fc {
namespace {

// Ids the import created (undo removes them) and ids it touched at all (undo removes or
// restores them; a restored record is as it was before the import, when it could not refer to
// anything the import made).
struct Created {
    std::unordered_set<Id> accounts, contacts, leads;
    std::unordered_set<Id> touched_contacts, touched_activities, touched_leads;
    bool any(const std::unordered_set<Id>& set, const Id& id) const {
        return !id.empty() && set.count(id) != 0;
    }
};

Error orphan(const char* what, const Id& id, const char* field, const Id& ref) {
    return Error{"conflict", std::string(field),
                 std::string("the import cannot be undone: ") + what + " \"" + id + "\" was added "
                     "since and refers through " + field + " to \"" + ref +
                     "\", which the import created"};
}

}  // namespace

MaybeError check_undo_leaves_no_orphans(const Store& s, const std::vector<JournalEntry>& journal) {
    Created c;
    for (const JournalEntry& e : journal) {
        switch (e.table) {
            case ImportKind::accounts:
                if (!e.before) c.accounts.insert(e.id);
                break;
            case ImportKind::contacts:
                if (!e.before) c.contacts.insert(e.id);
                c.touched_contacts.insert(e.id);
                break;
            case ImportKind::activities: c.touched_activities.insert(e.id); break;
            case ImportKind::leads:
                if (!e.before) c.leads.insert(e.id);
                c.touched_leads.insert(e.id);
                break;
        }
    }
    if (c.accounts.empty() && c.contacts.empty() && c.leads.empty()) return std::nullopt;
    for (const Contact& r : s.contacts.rows)
        if (!c.touched_contacts.count(r.id) && c.any(c.accounts, r.account_id))
            return orphan("contact", r.id, "account_id", r.account_id);
    for (const Activity& r : s.activities.rows) {
        if (c.touched_activities.count(r.id)) continue;
        if (c.any(c.accounts, r.account_id)) return orphan("activity", r.id, "account_id", r.account_id);
        if (c.any(c.contacts, r.contact_id)) return orphan("activity", r.id, "contact_id", r.contact_id);
    }
    for (const Lead& r : s.leads.rows)
        if (!c.touched_leads.count(r.id) && c.any(c.accounts, r.account_id))
            return orphan("lead", r.id, "account_id", r.account_id);
    for (const Task& r : s.tasks.rows) {
        if (c.any(c.accounts, r.account_id)) return orphan("task", r.id, "account_id", r.account_id);
        if (c.any(c.contacts, r.contact_id)) return orphan("task", r.id, "contact_id", r.contact_id);
        if (c.any(c.leads, r.lead_id)) return orphan("task", r.id, "lead_id", r.lead_id);
    }
    return std::nullopt;
}

}  // namespace fc
