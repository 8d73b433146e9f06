// What the two snapshot encodings share (snapshot.cpp: JSON; snapshot_binary.cpp: binary):
// the tables with their wire names in dependency order, and loading a document's tables with
// the same duplicate and reference checks, all or nothing. Internal to core.
#pragma once
#include <string>
#include <string_view>
#include <type_traits>
#include "deal_json.h"
#include "follow_up_rules.h"
#include "scoring_rules.h"
#include "sla.h"
#include "snapshot.h"

namespace fc::snapshot_detail {

// The rule documents travel with the data (rules are data), beside the tables, as JSON: the
// scoring rules always, the SLA policy and follow-up rules once someone has set them.
constexpr const char* kRulesKey = "scoring_rules";
constexpr const char* kSlaKey = "sla_policy";
constexpr const char* kFollowUpsKey = "follow_up_rules";

inline bool is_rule_document(std::string_view name) {
    return name == kRulesKey || name == kSlaKey || name == kFollowUpsKey;
}

// The rule documents a snapshot of `s` carries; null for one left at its built-in default.
inline json rule_document(const Store& s, std::string_view name) {
    if (name == kRulesKey) return to_json(s.lead_book.rules);
    if (name == kSlaKey) return s.sla_policy;
    return s.follow_up_rules;
}

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

inline bool is_table_name(std::string_view name) {
    bool found = false;
    const Store empty;
    for_each_table(empty, [&](const char* table, const auto&) { found = found || name == table; });
    return found;
}

// Puts record number `index` of `table` after checking that its id is new and what it refers
// to exists (tables are read in dependency order). The path is built only for an error.
template <class T>
MaybeError put_checked(Store& s, Table<T>& t, T&& r, const char* table, size_t index) {
    auto path = [&] { return std::string(table) + "[" + std::to_string(index) + "]"; };
    if (t.contains(r.id))
        return Error{"duplicate_id", path() + ".id", path() + ".id \"" + r.id + "\" appears twice"};
    if (check_references(s, r, std::string()))
        return check_references(s, r, path());
    t.put(std::move(r));
    return std::nullopt;
}

// Checks a rule document and keeps it: the scoring rules compiled, the SLA policy and
// follow-up rules as the validated documents they are edited and synced as (store.h).
inline MaybeError read_rule_document(const json& d, const char* name, Store& s) {
    if (name == std::string_view(kRulesKey)) return from_json(d, s.lead_book.rules, kRulesKey);
    if (name == std::string_view(kSlaKey)) {
        SlaPolicy p;
        if (auto e = from_json(d, p, kSlaKey)) return e;
        s.sla_policy = d;
    } else {
        FollowUpRules r;
        if (auto e = from_json(d, r, kFollowUpsKey)) return e;
        s.follow_up_rules = d;
    }
    return std::nullopt;
}

// A document (JSON or binary) offers: has(name) for a table or a rule document, read(name,
// store, table) for a table's records, and read_json(name, out) for a rule document.
template <class Doc>
MaybeError read_tables(const Doc& doc, Store& s) {
    MaybeError e;
    for_each_table(s, [&](const char* name, auto& table) {
        if (!e && doc.has(name)) e = doc.read(name, s, table);
    });
    for (const char* name : {kRulesKey, kSlaKey, kFollowUpsKey}) {
        json d;
        if (!e && doc.has(name) && !(e = doc.read_json(name, d))) e = read_rule_document(d, name, s);
    }
    return e;
}

template <class Doc>
MaybeError load_tables(const Doc& doc, Store& out) {
    Store s;
    if (auto e = read_tables(doc, s)) return e;
    out = std::move(s);
    return std::nullopt;
}

template <class Doc>
MaybeError add_tables(const Doc& doc, Store& store) {
    MaybeError e;
    for_each_table(store, [&](const char* name, auto& table) {
        if (!e && doc.has(name) && table.size() != 0)
            e = Error{"conflict", name, std::string(name) + " are loaded already"};
    });
    if (e) return e;
    if ((e = read_tables(doc, store))) {
        // The tables this document brings were empty before: emptying them undoes it.
        for_each_table(store, [&](const char* name, auto& table) {
            if (doc.has(name)) table = std::decay_t<decltype(table)>{};
        });
    }
    return e;
}

}  // namespace fc::snapshot_detail
