// Records addressed by table name ("accounts", "activities", ...: the snapshot's keys), for code
// that moves records as JSON rows without caring about their type: the sync server's storage
// and, later, the client's local database.
#pragma once
#include <optional>
#include <string>
#include <vector>
#include "error.h"
#include "json_reader.h"
#include "store.h"

namespace fc {

// The rule documents travel as one record each, id "current": the scoring rules as
// {"id": "current", "rules": {...}} (always present), and, once someone has set them, the SLA
// policy as {"id": "current", "policy": {...}} and the follow-up rules as
// {"id": "current", "rules": {...}} (until then every replica uses the built-in defaults).
constexpr const char* kRuleDocumentId = "current";
constexpr const char* kScoringRulesTable = "scoring_rules";
constexpr const char* kScoringRulesId = kRuleDocumentId;
constexpr const char* kSlaPolicyTable = "sla_policy";
constexpr const char* kFollowUpRulesTable = "follow_up_rules";

// Every synced table, in load order: dealers ... tasks, deals, lead_events, then the rule
// documents.
const std::vector<std::string>& record_tables();
bool is_record_table(const std::string& table);

// Rows in a table, and the id of one row (for finding rows a command appended).
size_t record_count(const Store& s, const std::string& table);
// record_count of every table, in record_tables() order, without looking each up by name:
// apply_command_tracked takes them before and after every command.
std::vector<size_t> record_counts(const Store& s);
Id record_id_at(const Store& s, const std::string& table, size_t row);

// The record's JSON (core's shape), or nullopt when the table has no such id.
std::optional<json> find_record_json(const Store& s, const std::string& table, const Id& id);
// find_record_json(...)->dump(), written straight from the typed record (record_text.h).
std::optional<std::string> find_record_text(const Store& s, const std::string& table, const Id& id);
// Whether find_record_json would find it, without building its JSON.
bool has_record(const Store& s, const std::string& table, const Id& id);

// Validates one record's fields and puts it, replacing any record with its id. References are
// NOT checked: this is for rows that were checked when they were written (a store being
// reloaded), whose tables may arrive in any order.
MaybeError put_record_unchecked(Store& s, const std::string& table, const json& record);

// Removes a record (a tombstone arrived). Row numbers of that table change: derived state
// holding rows (the lead book, Indexes) must be rebuilt. False when there was no such record.
bool erase_record_unchecked(Store& s, const std::string& table, const Id& id);

}  // namespace fc
