#include "record_table.h"
#include <algorithm>
#include "record_json.h"
#include "record_text.h"
#include "deal_json.h"
#include "follow_up_rules.h"
#include "lead_engine.h"
#include "sla.h"
#include "snapshot_tables.h"

namespace fc {
namespace {

template <class T>
std::optional<json> find_in(const Table<T>& t, const Id& id) {
    const T* r = t.find(id);
    if (!r) return std::nullopt;
    return to_json(*r);
}

template <class T>
MaybeError put_in(Table<T>& t, const json& j) {
    T r;
    if (auto e = from_json(j, r)) return e;
    t.put(std::move(r));
    return std::nullopt;
}

// One dispatch on the name, shared by every operation: `f` gets the matching table.
template <class S, class F>
auto with_table(S& s, const std::string& table, F f) -> decltype(f(s.accounts)) {
    if (table == "accounts") return f(s.accounts);
    if (table == "contacts") return f(s.contacts);
    if (table == "activities") return f(s.activities);
    if (table == "leads") return f(s.leads);
    if (table == "tasks") return f(s.tasks);
    if (table == "dealers") return f(s.dealers);
    if (table == "users") return f(s.users);
    if (table == "categories") return f(s.categories);
    if (table == "campaigns") return f(s.campaigns);
    if (table == "deals") return f(s.deals);
    if (table == "lead_events") return f(s.lead_events);
    return {};
}

// The SLA policy and follow-up rules: a validated document kept as given in the store (null:
// the defaults, no record), wrapped under `key` in its record.
struct RuleDocument {
    json Store::*slot;
    const char* key;
    MaybeError (*validate)(const json& doc, const std::string& path);
};

template <class Rules>
MaybeError validate_as(const json& doc, const std::string& path) {
    Rules r;
    return from_json(doc, r, path);
}

const RuleDocument* rule_document(const std::string& table) {
    static const RuleDocument kSla{&Store::sla_policy, "policy", validate_as<SlaPolicy>};
    static const RuleDocument kFollowUps{&Store::follow_up_rules, "rules",
                                         validate_as<FollowUpRules>};
    if (table == kSlaPolicyTable) return &kSla;
    if (table == kFollowUpRulesTable) return &kFollowUps;
    return nullptr;
}

}  // namespace

const std::vector<std::string>& record_tables() {
    static const std::vector<std::string> kTables = {
        "dealers", "users",  "categories", "campaigns", "accounts",    "contacts",
        "activities", "leads", "tasks",    "deals",     "lead_events", kScoringRulesTable,
        kSlaPolicyTable, kFollowUpRulesTable};
    return kTables;
}

bool is_record_table(const std::string& table) {
    const auto& all = record_tables();
    return std::find(all.begin(), all.end(), table) != all.end();
}

std::optional<json> find_record_json(const Store& s, const std::string& table, const Id& id) {
    if (table == kScoringRulesTable) {
        if (id != kScoringRulesId) return std::nullopt;
        return json{{"id", kScoringRulesId}, {"rules", to_json(s.lead_book.rules)}};
    }
    if (const RuleDocument* d = rule_document(table)) {
        const json& doc = s.*(d->slot);
        if (id != kRuleDocumentId || doc.is_null()) return std::nullopt;
        return json{{"id", kRuleDocumentId}, {d->key, doc}};
    }
    return with_table(s, table, [&](const auto& t) { return find_in(t, id); });
}

std::optional<std::string> find_record_text(const Store& s, const std::string& table,
                                            const Id& id) {
    if (table == kScoringRulesTable || rule_document(table)) {  // rare: no text writer for these
        std::optional<json> j = find_record_json(s, table, id);
        if (!j) return std::nullopt;
        return j->dump();
    }
    return with_table(s, table, [&](const auto& t) -> std::optional<std::string> {
        const auto* r = t.find(id);
        if (!r) return std::nullopt;
        return record_text(*r);
    });
}

bool has_record(const Store& s, const std::string& table, const Id& id) {
    if (table == kScoringRulesTable || rule_document(table))
        return find_record_json(s, table, id).has_value();
    return with_table(s, table, [&](const auto& t) { return t.find(id) != nullptr; });
}

size_t record_count(const Store& s, const std::string& table) {
    if (table == kScoringRulesTable) return 1;
    if (const RuleDocument* d = rule_document(table)) return (s.*(d->slot)).is_null() ? 0 : 1;
    return with_table(s, table, [](const auto& t) { return t.size(); });
}

std::vector<size_t> record_counts(const Store& s) {
    const auto& tables = record_tables();
    std::vector<size_t> out;
    out.reserve(tables.size());
    // The record tables come first in record_tables(), in for_each_table's order; then the
    // rule documents (test_change_set.cpp holds the two orders to each other).
    snapshot_detail::for_each_table(s, [&](const char*, const auto& t) { out.push_back(t.size()); });
    for (size_t k = out.size(); k < tables.size(); ++k) out.push_back(record_count(s, tables[k]));
    return out;
}

Id record_id_at(const Store& s, const std::string& table, size_t row) {
    if (table == kScoringRulesTable || rule_document(table)) return kRuleDocumentId;
    return with_table(s, table, [&](const auto& t) { return t.rows[row].id; });
}

MaybeError put_record_unchecked(Store& s, const std::string& table, const json& record) {
    if (!is_record_table(table))
        return Error{"unknown_table", "", "\"" + table + "\" is not a record table"};
    if (table == kScoringRulesTable) {
        ScoringRules rules;
        auto it = record.find("rules");
        if (it == record.end()) return Error{"missing_field", "rules", "rules is missing"};
        if (auto e = from_json(*it, rules, "rules")) return e;
        s.lead_book.rules = std::move(rules);
        s.lead_book.compiled_stale = true;
        return std::nullopt;
    }
    if (const RuleDocument* d = rule_document(table)) {
        auto it = record.find(d->key);
        if (it == record.end()) return Error{"missing_field", d->key, std::string(d->key) + " is missing"};
        if (auto e = d->validate(*it, d->key)) return e;
        s.*(d->slot) = *it;
        return std::nullopt;
    }
    return with_table(s, table, [&](auto& t) -> MaybeError { return put_in(t, record); });
}

bool erase_record_unchecked(Store& s, const std::string& table, const Id& id) {
    if (!is_record_table(table) || table == kScoringRulesTable || rule_document(table)) return false;
    return with_table(s, table, [&](auto& t) { return t.erase(id); });
}

}  // namespace fc
