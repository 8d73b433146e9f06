#include "snapshot.h"
#include "deal_json.h"
#include "record_json.h"
#include "scoring_rules.h"
#include "snapshot_tables.h"

namespace fc {
using namespace snapshot_detail;
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

// A parsed JSON document as snapshot_tables.h reads it.
struct JsonDoc {
    const json& doc;
    bool has(const char* name) const { return doc.contains(name); }
    template <class T>
    MaybeError read(const char* key, Store& s, Table<T>& t) const {
        const json& arr = doc.at(key);
        if (!arr.is_array())
            return Error{"invalid_type", key, std::string(key) + " must be an array"};
        t.reserve(t.size() + arr.size());
        size_t i = 0;
        for (const json& j : arr) {
            T r;
            if (auto e = from_json(j, r, std::string(key) + "[" + std::to_string(i) + "]")) return e;
            if (auto e = put_checked(s, t, std::move(r), key, i++)) return e;
        }
        return std::nullopt;
    }
    MaybeError read_json(const char* key, json& out) const {
        out = doc.at(key);
        return std::nullopt;
    }
};

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
    for_each_table(s, [&](const char* name, const auto& table) { write_table(doc, name, table); });
    for (const char* name : {kRulesKey, kSlaKey, kFollowUpsKey})
        if (json d = rule_document(s, name); !d.is_null()) doc[name] = std::move(d);
    return doc;
}

json snapshot_tables_to_json(const Store& s, std::initializer_list<const char*> tables) {
    json doc = json::object();
    for_each_table(s, [&](const char* name, const auto& table) {
        for (const char* t : tables)
            if (std::string_view(t) == name) write_table(doc, name, table);
    });
    for (const char* t : tables)
        if (json d = is_rule_document(t) ? rule_document(s, t) : json(); !d.is_null()) doc[t] = d;
    return doc;
}

namespace {

MaybeError check_table_names(const json& doc) {
    if (!doc.is_object()) return not_an_object("");
    for (const auto& item : doc.items())
        if (!is_rule_document(item.key()) && !is_table_name(item.key()))
            return Error{"unknown_field", item.key(), item.key() + " is not a known table"};
    return std::nullopt;
}

}  // namespace

MaybeError load_snapshot(const json& doc, Store& out) {
    if (auto e = check_table_names(doc)) return e;
    return load_tables(JsonDoc{doc}, out);
}

MaybeError add_snapshot_tables(const json& doc, Store& store) {
    if (auto e = check_table_names(doc)) return e;
    return add_tables(JsonDoc{doc}, store);
}

}  // namespace fc
