#include "scope.h"
#include "deal_json.h"
#include "record_json.h"
#include "record_table.h"
#include "sync_merge.h"

namespace fc::server {
namespace {

std::string account_dealer(const Store& s, const Id& account_id) {
    const Account* a = s.accounts.find(account_id);
    return a ? a->dealer_id : std::string();
}

std::string scope_of_record(const Store&, const Account& r) { return r.dealer_id; }
std::string scope_of_record(const Store& s, const Contact& r) {
    return account_dealer(s, r.account_id);
}
std::string scope_of_record(const Store& s, const Activity& r) {
    return account_dealer(s, r.account_id);
}
std::string scope_of_record(const Store&, const Lead& r) { return r.dealer_id; }
std::string scope_of_record(const Store& s, const Task& r) {
    if (!r.account_id.empty()) return account_dealer(s, r.account_id);
    if (const Lead* l = s.leads.find(r.lead_id)) return l->dealer_id;
    if (const User* u = s.users.find(r.assignee)) return u->dealer_id;
    return "";  // anchored to nothing of a dealer: central's
}
std::string scope_of_record(const Store&, const Dealer& r) { return r.id; }
std::string scope_of_record(const Store&, const User& r) {
    return r.dealer_id.empty() ? kNetworkWide : r.dealer_id;
}
std::string scope_of_record(const Store&, const Deal& r) { return r.dealer_id; }
std::string scope_of_record(const Store& s, const LeadEvent& r) {
    const Lead* l = s.leads.find(r.lead_id);
    return l ? l->dealer_id : std::string();
}
std::string scope_of_record(const Store&, const ProductCategory&) { return kNetworkWide; }
std::string scope_of_record(const Store&, const Campaign&) { return kNetworkWide; }

Error hidden(const char* field, const Id& id) {
    std::string f = std::string("payload.") + field;
    return Error{"not_found", f, f + " refers to \"" + id + "\", which does not exist"};
}
Error forbidden(const std::string& field, const std::string& message) {
    return Error{"forbidden", field, message};
}

// References a scoped user names must be records of their own dealer.
bool mine(const Store& s, const Actor& a, const Id& account_id) {
    return account_dealer(s, account_id) == a.dealer_id;
}
MaybeError refs_visible(const Store&, const Actor&, const Account&) { return std::nullopt; }
MaybeError refs_visible(const Store& s, const Actor& a, const Contact& r) {
    if (!mine(s, a, r.account_id)) return hidden("account_id", r.account_id);
    return std::nullopt;
}
MaybeError refs_visible(const Store& s, const Actor& a, const Activity& r) {
    if (!mine(s, a, r.account_id)) return hidden("account_id", r.account_id);
    return std::nullopt;
}
MaybeError refs_visible(const Store& s, const Actor& a, const Lead& r) {
    if (!mine(s, a, r.account_id)) return hidden("account_id", r.account_id);
    if (!r.owner.empty()) {
        const User* u = s.users.find(r.owner);
        if (!u || u->dealer_id != a.dealer_id) return hidden("owner", r.owner);
    }
    return std::nullopt;
}
MaybeError refs_visible(const Store& s, const Actor& a, const Task& r) {
    if (!r.account_id.empty() && !mine(s, a, r.account_id))
        return hidden("account_id", r.account_id);
    if (!r.lead_id.empty()) {
        const Lead* l = s.leads.find(r.lead_id);
        if (!l || l->dealer_id != a.dealer_id) return hidden("lead_id", r.lead_id);
    }
    if (!r.assignee.empty()) {
        const User* u = s.users.find(r.assignee);
        if (!u || u->dealer_id != a.dealer_id) return hidden("assignee", r.assignee);
    }
    return std::nullopt;
}

// A rep works its own leads: it may take an unassigned one, never give one away or take a
// colleague's. Reassigning is the manager's job.
MaybeError lead_owner_rules(const Store& s, const Actor& a, const Lead& r) {
    if (a.role != "rep") return std::nullopt;
    const Lead* old = s.leads.find(r.id);
    if (old && !old->owner.empty() && old->owner != a.user_id)
        return forbidden("payload.owner", "this lead is assigned to someone else; ask a manager");
    if (!r.owner.empty() && r.owner != a.user_id)
        return forbidden("payload.owner", "a rep may assign a lead only to themselves");
    return std::nullopt;
}
MaybeError lead_owner_rules(const Store&, const Actor&, const Account&) { return std::nullopt; }
MaybeError lead_owner_rules(const Store&, const Actor&, const Contact&) { return std::nullopt; }
MaybeError lead_owner_rules(const Store&, const Actor&, const Activity&) { return std::nullopt; }
MaybeError lead_owner_rules(const Store&, const Actor&, const Task&) { return std::nullopt; }
MaybeError refs_visible(const Store& s, const Actor& a, const Deal& r) {
    if (!mine(s, a, r.account_id)) return hidden("account_id", r.account_id);
    if (!r.lead_id.empty()) {
        const Lead* l = s.leads.find(r.lead_id);
        if (!l || l->dealer_id != a.dealer_id) return hidden("lead_id", r.lead_id);
    }
    return std::nullopt;
}
MaybeError lead_owner_rules(const Store&, const Actor&, const Deal&) { return std::nullopt; }

template <class T>
MaybeError check_dealer_record(const Store& s, const Actor& a, const Table<T>& table,
                               const T& r, const std::string& scope) {
    if (auto e = refs_visible(s, a, r)) return e;
    if (scope != a.dealer_id)
        return forbidden("payload.dealer_id", "you may only write records of your dealer");
    if (const T* old = table.find(r.id)) {
        if (scope_of_record(s, *old) != a.dealer_id)
            return forbidden("payload.id", "this id belongs to a record of another dealer");
    }
    return lead_owner_rules(s, a, r);
}

template <class T>
MaybeError check(const Store& s, const Actor& a, const Table<T>& table, const Command& c,
                 bool dealer_writable) {
    T r;
    if (auto e = from_json(c.payload, r, "payload")) return e;
    std::string scope = scope_of_record(s, r);
    if (sees_everything(a)) return std::nullopt;
    if (!dealer_writable)
        return forbidden("kind", "only central users may change dealers, users, categories "
                                 "and campaigns");
    if constexpr (std::is_same_v<T, Account> || std::is_same_v<T, Contact> ||
                  std::is_same_v<T, Activity> || std::is_same_v<T, Lead> ||
                  std::is_same_v<T, Task> || std::is_same_v<T, Deal>)
        return check_dealer_record(s, a, table, r, scope);
    return std::nullopt;
}

template <class T>
std::string scope_from_json(const Store& s, const json& j) {
    T r;
    if (from_json(j, r)) return "";
    return scope_of_record(s, r);
}


// The records an operation (lead.transition, task.complete, lead.reassign, a delete...) names
// must be the caller's dealer's; moving a lead has the same rules as writing its owner.
MaybeError authorize_operation(const Store& s, const Actor& a, const Command& c) {
    if (c.kind == "scoring_rules.put" && !sees_everything(a))
        return forbidden("kind", "only central users may change the scoring rules");
    if ((c.kind == "sla_policy.put" || c.kind == "follow_up_rules.put") && !sees_everything(a))
        return forbidden("kind", "only central users may change the SLA policy and follow-up rules");
    if (sees_everything(a)) return std::nullopt;
    for (const RecordRef& r : command_records(c)) {
        if (!has_record(s, r.table, r.id)) continue;  // apply_command reports what does not exist
        if (scope_of_stored(s, r.table, r.id) != a.dealer_id) {
            std::string field = c.kind == "task.complete" ? "task_id"
                                : c.kind == "deal.move"   ? "deal_id"
                                : r.table == "deals"      ? "deal.id"
                                : r.table == "leads"      ? "lead_id"
                                                          : "id";
            return hidden(field.c_str(), r.id);
        }
    }
    const Lead* lead = c.payload.is_object() && c.payload.contains("lead_id") &&
                               c.payload["lead_id"].is_string()
                           ? s.leads.find(c.payload["lead_id"].get<std::string>())
                           : nullptr;
    auto named_user = [&](const char* key, const User*& out) -> MaybeError {
        out = nullptr;
        auto it = c.payload.find(key);
        if (it == c.payload.end() || !it->is_string()) return std::nullopt;
        Id id = it->get<std::string>();
        out = s.users.find(id);
        // Users of other dealers do not exist for a scoped caller; central users are shared.
        if (out && !out->dealer_id.empty() && out->dealer_id != a.dealer_id)
            return hidden(key, id);
        return std::nullopt;
    };
    const User* user = nullptr;
    if (c.kind == "lead.sla_notice") return named_user("notify", user);
    if (c.kind == "deal.move") {
        // As with leads: a rep moves its own deals and unassigned ones; a manager any of the dealer's.
        const Deal* deal = c.payload.is_object() && c.payload.contains("deal_id") &&
                                   c.payload["deal_id"].is_string()
                               ? s.deals.find(c.payload["deal_id"].get<std::string>())
                               : nullptr;
        if (a.role == "rep" && deal && !deal->owner.empty() && deal->owner != a.user_id)
            return forbidden("payload.deal_id", "this deal is someone else's; ask a manager");
        return std::nullopt;
    }
    if (c.kind == "lead.transition" || c.kind == "lead.qualify") {
        // A rep works its own leads and unassigned ones, as with lead.put.
        if (a.role == "rep" && lead && !lead->owner.empty() && lead->owner != a.user_id)
            return forbidden("payload.lead_id", "this lead is assigned to someone else; ask a manager");
        return std::nullopt;
    }
    if (c.kind == "lead.reassign" || c.kind == "lead.redirect") {
        if (auto e = named_user("to", user)) return e;
        auto dealer = c.payload.find("dealer_id");
        if (dealer != c.payload.end() && dealer->is_string() &&
            dealer->get<std::string>() != a.dealer_id)
            return forbidden("payload.dealer_id", "you may not move a lead to another dealer");
        if (user && user->dealer_id.empty())
            return forbidden("payload.to", "only central users may hand a lead to a central desk");
        if (a.role == "rep") {
            if (user && user->id != a.user_id)
                return forbidden("payload.to", "a rep may assign a lead only to themselves");
            if (lead && !lead->owner.empty() && lead->owner != a.user_id)
                return forbidden("payload.lead_id", "this lead is assigned to someone else; ask a manager");
        }
    }
    return std::nullopt;
}

}  // namespace

bool can_see(const Actor& a, const std::string& scope) {
    return sees_everything(a) || scope == kNetworkWide || (!scope.empty() && scope == a.dealer_id);
}

std::string scope_of(const Store& s, const std::string& table, const json& record) {
    if (table == "accounts") return scope_from_json<Account>(s, record);
    if (table == "contacts") return scope_from_json<Contact>(s, record);
    if (table == "activities") return scope_from_json<Activity>(s, record);
    if (table == "leads") return scope_from_json<Lead>(s, record);
    if (table == "tasks") return scope_from_json<Task>(s, record);
    if (table == "dealers") return scope_from_json<Dealer>(s, record);
    if (table == "users") return scope_from_json<User>(s, record);
    if (table == "deals") return scope_from_json<Deal>(s, record);
    if (table == "lead_events") return scope_from_json<LeadEvent>(s, record);
    return kNetworkWide;  // categories, campaigns, scoring rules
}

std::string scope_of_stored(const Store& s, const std::string& table, const Id& id) {
    auto of = [&](const auto& t) {
        const auto* r = t.find(id);
        return r ? scope_of_record(s, *r) : std::string();
    };
    if (table == "accounts") return of(s.accounts);
    if (table == "contacts") return of(s.contacts);
    if (table == "activities") return of(s.activities);
    if (table == "leads") return of(s.leads);
    if (table == "tasks") return of(s.tasks);
    if (table == "dealers") return of(s.dealers);
    if (table == "users") return of(s.users);
    if (table == "deals") return of(s.deals);
    if (table == "lead_events") return of(s.lead_events);
    return has_record(s, table, id) ? kNetworkWide : std::string();
}

MaybeError authorize(const Store& s, const Actor& a, const Command& c) {
    // The server's own rules sign their commands "system".
    if (!c.author.empty() && c.author != a.user_id && a.role != "system")
        return forbidden("author", "author must be the signed-in user");
    if (auto t = command_target(c)) {
        const std::string& table = t->table;
        if (table == "accounts") return check(s, a, s.accounts, c, true);
        if (table == "contacts") return check(s, a, s.contacts, c, true);
        if (table == "activities") return check(s, a, s.activities, c, true);
        if (table == "leads") return check(s, a, s.leads, c, true);
        if (table == "tasks") return check(s, a, s.tasks, c, true);
        if (table == "dealers") return check(s, a, s.dealers, c, false);
        if (table == "users") return check(s, a, s.users, c, false);
        if (table == "categories") return check(s, a, s.categories, c, false);
        return check(s, a, s.campaigns, c, false);
    }
    if (c.kind == "deal.put") return check(s, a, s.deals, c, true);
    if (c.kind == "task.create") return check(s, a, s.tasks, c, true);
    return authorize_operation(s, a, c);
}

}  // namespace fc::server
