#include "snapshot.h"
#include "record_json.h"

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

json snapshot_to_json(const Store& s) {
    json doc = json::object();
    write_table(doc, "dealers", s.dealers);
    write_table(doc, "users", s.users);
    write_table(doc, "categories", s.categories);
    write_table(doc, "campaigns", s.campaigns);
    write_table(doc, "accounts", s.accounts);
    write_table(doc, "contacts", s.contacts);
    write_table(doc, "activities", s.activities);
    write_table(doc, "leads", s.leads);
    write_table(doc, "tasks", s.tasks);
    if (s.lead_events.size()) write_table(doc, "lead_events", s.lead_events);
    return doc;
}

MaybeError load_snapshot(const json& doc, Store& out) {
    if (!doc.is_object()) return not_an_object("");
    static const char* known[] = {"dealers", "users",      "categories", "campaigns", "accounts",
                                  "contacts", "activities", "leads",      "tasks",
                                  "lead_events"};
    for (const auto& item : doc.items()) {
        bool ok = false;
        for (const char* k : known) ok = ok || item.key() == k;
        if (!ok) return Error{"unknown_field", item.key(), item.key() + " is not a known table"};
    }
    Store s;
    MaybeError e;
    if (!e) e = read_table(doc, "dealers", s, s.dealers);
    if (!e) e = read_table(doc, "users", s, s.users);
    if (!e) e = read_table(doc, "categories", s, s.categories);
    if (!e) e = read_table(doc, "campaigns", s, s.campaigns);
    if (!e) e = read_table(doc, "accounts", s, s.accounts);
    if (!e) e = read_table(doc, "contacts", s, s.contacts);
    if (!e) e = read_table(doc, "activities", s, s.activities);
    if (!e) e = read_table(doc, "leads", s, s.leads);
    if (!e) e = read_table(doc, "tasks", s, s.tasks);
    if (!e) e = read_table(doc, "lead_events", s, s.lead_events);
    if (e) return e;
    out = std::move(s);
    return std::nullopt;
}

}  // namespace fc
