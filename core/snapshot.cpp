#include "snapshot.h"
#include "deal_json.h"
#include "record_json.h"
#include "follow_up_rules.h"
#include "scoring_rules.h"
#include "sla.h"

namespace fc {
namespace {

MaybeError missing_ref(const std::string& path, const char* field, const Id& id) {
    std::string f = path.empty() ? std::string(field) : path + "." + field;
    return Error{"not_found", f, f + " refers to \"" + id + "\", which does not exist"};
}

template <class T>
void write_table(json& doc, const char* key, const Table<T>& t) {
    json arr = json::array();
    for (const T& r : t.rows) arr.push_back(to_json(r));
    doc[key] = std::move(arr);
}

// Tables are read in dependency order, so each record's references are checked against the
// records already read.
template <class T>
MaybeError read_table(const json& doc, const char* key, Store& s, Table<T>& t) {
    auto it = doc.find(key);
    if (it == doc.end()) return std::nullopt;
    if (!it->is_array())
        return Error{"invalid_type", key, std::string(key) + " must be an array"};
    t.reserve(it->size());
    size_t i = 0;
    for (const json& j : *it) {
        std::string path = std::string(key) + "[" + std::to_string(i++) + "]";
        T r;
        if (auto e = from_json(j, r, path)) return e;
        if (t.contains(r.id))
            return Error{"duplicate_id", path + ".id", path + ".id \"" + r.id + "\" appears twice"};
        if (auto e = check_references(s, r, path)) return e;
        t.put(std::move(r));
    }
    return std::nullopt;
}

}  // namespace

MaybeError check_references(const Store& s, const Account& a, const std::string& path) {
    if (!s.dealers.contains(a.dealer_id)) return missing_ref(path, "dealer_id", a.dealer_id);
    return std::nullopt;
}
MaybeError check_references(const Store& s, const Contact& c, const std::string& path) {
    if (!s.accounts.contains(c.account_id)) return missing_ref(path, "account_id", c.account_id);
    return std::nullopt;
}
MaybeError check_references(const Store& s, const Activity& a, const std::string& path) {
    if (!s.accounts.contains(a.account_id)) return missing_ref(path, "account_id", a.account_id);
    if (!a.contact_id.empty()) {
        const Contact* c = s.contacts.find(a.contact_id);
        if (!c) return missing_ref(path, "contact_id", a.contact_id);
        if (c->account_id != a.account_id) {
            std::string f = path.empty() ? "contact_id" : path + ".contact_id";
            return Error{"invalid_field", f, f + " belongs to another account"};
        }
    }
    if (!a.product_category.empty() && !s.categories.contains(a.product_category))
        return missing_ref(path, "product_category", a.product_category);
    if (!a.campaign_id.empty() && !s.campaigns.contains(a.campaign_id))
        return missing_ref(path, "campaign_id", a.campaign_id);
    return std::nullopt;
}
MaybeError check_references(const Store& s, const Lead& l, const std::string& path) {
    if (!s.accounts.contains(l.account_id)) return missing_ref(path, "account_id", l.account_id);
    if (!s.categories.contains(l.product_category))
        return missing_ref(path, "product_category", l.product_category);
    if (!s.dealers.contains(l.dealer_id)) return missing_ref(path, "dealer_id", l.dealer_id);
    if (!l.owner.empty() && !s.users.contains(l.owner)) return missing_ref(path, "owner", l.owner);
    return std::nullopt;
}
MaybeError check_references(const Store& s, const Task& t, const std::string& path) {
    if (!t.account_id.empty() && !s.accounts.contains(t.account_id))
        return missing_ref(path, "account_id", t.account_id);
    if (!t.lead_id.empty() && !s.leads.contains(t.lead_id))
        return missing_ref(path, "lead_id", t.lead_id);
    if (!t.assignee.empty() && !s.users.contains(t.assignee))
        return missing_ref(path, "assignee", t.assignee);
    return std::nullopt;
}
MaybeError check_references(const Store&, const Dealer&, const std::string&) {
    return std::nullopt;
}
MaybeError check_references(const Store&, const ProductCategory&, const std::string&) {
    return std::nullopt;
}
MaybeError check_references(const Store&, const Campaign&, const std::string&) {
    return std::nullopt;
}
MaybeError check_references(const Store& s, const User& u, const std::string& path) {
    if (!u.dealer_id.empty() && !s.dealers.contains(u.dealer_id))
        return missing_ref(path, "dealer_id", u.dealer_id);
    return std::nullopt;
}

MaybeError check_references(const Store& s, const LeadEvent& e, const std::string& path) {
    if (!s.leads.contains(e.lead_id)) return missing_ref(path, "lead_id", e.lead_id);
    if (!e.to_dealer.empty() && !s.dealers.contains(e.to_dealer))
        return missing_ref(path, "to_dealer", e.to_dealer);
    return std::nullopt;
}

namespace {

// Every table with its wire name, in dependency order. S is Store or const Store.
template <class S, class Fn>
void for_each_table(S& s, Fn fn) {
    fn("dealers", s.dealers);
    fn("users", s.users);
    fn("categories", s.categories);
    fn("campaigns", s.campaigns);
    fn("accounts", s.accounts);
    fn("contacts", s.contacts);
    fn("activities", s.activities);
    fn("leads", s.leads);
    fn("tasks", s.tasks);
    fn("deals", s.deals);
    fn("lead_events", s.lead_events);
}

// The scoring rules travel with the data (rules are data), beside the tables.
constexpr const char* kRulesKey = "scoring_rules";
// The SLA policy and follow-up rules travel the same way once someone has set them.
constexpr const char* kSlaKey = "sla_policy";
constexpr const char* kFollowUpsKey = "follow_up_rules";

void write_rule_documents(const Store& s, json& doc) {
    if (!s.sla_policy.is_null()) doc[kSlaKey] = s.sla_policy;
    if (!s.follow_up_rules.is_null()) doc[kFollowUpsKey] = s.follow_up_rules;
}

MaybeError read_rule_documents(const json& doc, Store& s) {
    if (auto it = doc.find(kSlaKey); it != doc.end()) {
        SlaPolicy p;
        if (auto e = from_json(*it, p, kSlaKey)) return e;
        s.sla_policy = *it;
    }
    if (auto it = doc.find(kFollowUpsKey); it != doc.end()) {
        FollowUpRules r;
        if (auto e = from_json(*it, r, kFollowUpsKey)) return e;
        s.follow_up_rules = *it;
    }
    return std::nullopt;
}

}  // namespace

json snapshot_to_json(const Store& s) {
    json doc = json::object();
    for_each_table(s, [&](const char* name, const auto& table) { write_table(doc, name, table); });
    doc[kRulesKey] = to_json(s.lead_book.rules);
    write_rule_documents(s, doc);
    return doc;
}

json snapshot_tables_to_json(const Store& s, std::initializer_list<const char*> tables) {
    json doc = json::object();
    for_each_table(s, [&](const char* name, const auto& table) {
        for (const char* t : tables)
            if (std::string_view(t) == name) write_table(doc, name, table);
    });
    for (const char* t : tables)
        if (std::string_view(t) == kRulesKey) doc[kRulesKey] = to_json(s.lead_book.rules);
    return doc;
}

namespace {

MaybeError check_table_names(const json& doc) {
    if (!doc.is_object()) return not_an_object("");
    const Store empty;
    for (const auto& item : doc.items()) {
        bool ok = item.key() == kRulesKey || item.key() == kSlaKey || item.key() == kFollowUpsKey;
        for_each_table(empty, [&](const char* name, const auto&) { ok = ok || item.key() == name; });
        if (!ok) return Error{"unknown_field", item.key(), item.key() + " is not a known table"};
    }
    return std::nullopt;
}

// Reads the tables present in `doc` into `s`, in dependency order (each record's references
// are checked against what is already there).
MaybeError read_tables(const json& doc, Store& s) {
    MaybeError e;
    for_each_table(s, [&](const char* name, auto& table) {
        if (!e) e = read_table(doc, name, s, table);
    });
    if (auto it = doc.find(kRulesKey); !e && it != doc.end())
        e = from_json(*it, s.lead_book.rules, kRulesKey);
    if (!e) e = read_rule_documents(doc, s);
    return e;
}

}  // namespace

MaybeError load_snapshot(const json& doc, Store& out) {
    if (auto e = check_table_names(doc)) return e;
    Store s;
    if (auto e = read_tables(doc, s)) return e;
    out = std::move(s);
    return std::nullopt;
}

MaybeError add_snapshot_tables(const json& doc, Store& store) {
    if (auto e = check_table_names(doc)) return e;
    MaybeError e;
    for_each_table(store, [&](const char* name, auto& table) {
        if (!e && doc.contains(name) && table.size() != 0)
            e = Error{"conflict", name, std::string(name) + " are loaded already"};
    });
    if (e) return e;
    if ((e = read_tables(doc, store))) {
        // The tables this document brings were empty before: emptying them undoes it.
        for_each_table(store, [&](const char* name, auto& table) {
            if (doc.contains(name)) table = std::decay_t<decltype(table)>{};
        });
    }
    return e;
}

}  // namespace fc
