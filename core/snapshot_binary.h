// A snapshot (or some of its tables) in a compact binary form, for first loads of big books:
// reading it is a walk over bytes, not a JSON parse that builds a tree of every record first
// (at 100k leads that tree alone costs seconds in a browser tab).
//
// Layout: the 8 bytes "FCSNAP1\n", a varint count of sections, then per section its name (a
// table's wire name or "scoring_rules"), its field list ("id,dealer_id,name,...": what the
// writer's record_fields.h said), its record count, its byte length and the records. A record
// is its fields' values in field order: strings as a varint length and UTF-8 bytes, integers
// as zigzag varints, numbers as 8-byte little-endian doubles, booleans and enums as one byte.
// The scoring rules section holds their JSON text.
//
// Loading checks exactly what loading the JSON snapshot checks (the same field rules from
// record_fields.h, duplicate ids, references in dependency order) plus the framing: a field
// list other than this build's, a short or overlong section, or any bad value gives an error
// naming the place, and the store is left as it was.
#pragma once
#include <initializer_list>
#include <string>
#include <string_view>
#include "error.h"
#include "store.h"

namespace fc {

std::string snapshot_to_binary(const Store& store);
// The tables of `store` named in `tables` (wire names; "scoring_rules" for the rules).
std::string snapshot_tables_to_binary(const Store& store, std::initializer_list<const char*> tables);

// Does `bytes` start like a binary snapshot? (Anything else is taken for JSON.)
bool is_binary_snapshot(std::string_view bytes);
// Does the binary snapshot carry this table? False when it is not one or is malformed.
bool binary_snapshot_has(std::string_view bytes, const char* table);

// As load_snapshot / add_snapshot_tables (snapshot.h), from the binary form.
MaybeError load_snapshot_binary(std::string_view bytes, Store& out);
MaybeError add_snapshot_tables_binary(std::string_view bytes, Store& store);

}  // namespace fc
