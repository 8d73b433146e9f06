// A whole store as one JSON document: what the demo endpoint serves and a first load reads.
// Loading validates every record and every reference, and changes nothing on error.
#pragma once
#include <initializer_list>
#include "error.h"
#include "json_reader.h"
#include "store.h"

namespace fc {

json snapshot_to_json(const Store& store);
MaybeError load_snapshot(const json& doc, Store& out);
// Adds the tables of a second document (e.g. contacts and activities after the inbox's tables)
// to a store in which those tables are still empty. On error the store is as it was.
MaybeError add_snapshot_tables(const json& doc, Store& store);
// The tables of `store` named in `tables`, as one document.
json snapshot_tables_to_json(const Store& store, std::initializer_list<const char*> tables);

// Reference checks shared by snapshot loading and commands: every id a record names must exist.
MaybeError check_references(const Store& s, const Dealer& d, const std::string& path);
MaybeError check_references(const Store& s, const ProductCategory& p, const std::string& path);
MaybeError check_references(const Store& s, const Campaign& c, const std::string& path);
MaybeError check_references(const Store& s, const Account& a, const std::string& path);
MaybeError check_references(const Store& s, const Contact& c, const std::string& path);
MaybeError check_references(const Store& s, const Activity& a, const std::string& path);
MaybeError check_references(const Store& s, const Lead& l, const std::string& path);
MaybeError check_references(const Store& s, const Task& t, const std::string& path);
MaybeError check_references(const Store& s, const User& u, const std::string& path);
MaybeError check_references(const Store& s, const LeadEvent& e, const std::string& path);

}  // namespace fc
