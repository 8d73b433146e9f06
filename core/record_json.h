// JSON round trip of every record. Readers validate and name the offending field; they write
// `out` only when the whole record is valid, so a bad record changes nothing.
#pragma once
#include "error.h"
#include "json_reader.h"
#include "records.h"

namespace fc {

json to_json(const Account& r);
json to_json(const Contact& r);
json to_json(const Activity& r);
json to_json(const Lead& r);
json to_json(const Task& r);
json to_json(const Dealer& r);
json to_json(const User& r);
json to_json(const ProductCategory& r);
json to_json(const Campaign& r);
json to_json(const LeadEvent& r);

MaybeError from_json(const json& j, Account& out, const std::string& path = "");
MaybeError from_json(const json& j, Contact& out, const std::string& path = "");
MaybeError from_json(const json& j, Activity& out, const std::string& path = "");
MaybeError from_json(const json& j, Lead& out, const std::string& path = "");
MaybeError from_json(const json& j, Task& out, const std::string& path = "");
MaybeError from_json(const json& j, Dealer& out, const std::string& path = "");
MaybeError from_json(const json& j, User& out, const std::string& path = "");
MaybeError from_json(const json& j, ProductCategory& out, const std::string& path = "");
MaybeError from_json(const json& j, Campaign& out, const std::string& path = "");
MaybeError from_json(const json& j, LeadEvent& out, const std::string& path = "");

// A lead's BANT item; shared by the lead record and the lead.qualify command.
json bant_to_json(const BantItem& b);
// Reads `key` of the parent's object as a BANT item (absent: `out` untouched). A met item
// without evidence is refused.
void read_bant(JsonReader& parent, const char* key, BantItem& out);

}  // namespace fc
