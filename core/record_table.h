// Records addressed by table name ("accounts", "activities", ...: the snapshot's keys), for code
// that moves records as JSON rows without caring about their type: the sync server's storage
// and, later, the client's local database.
#pragma once
#include <optional>
#include <string>
#include "error.h"
#include "json_reader.h"
#include "store.h"

namespace fc {

bool is_record_table(const std::string& table);

// The record's JSON (core's shape), or nullopt when the table has no such id.
std::optional<json> find_record_json(const Store& s, const std::string& table, const Id& id);

// Validates one record's fields and puts it, replacing any record with its id. References are
// NOT checked: this is for rows that were checked when they were written (a store being
// reloaded), whose tables may arrive in any order.
MaybeError put_record_unchecked(Store& s, const std::string& table, const json& record);

}  // namespace fc
