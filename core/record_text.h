// Records as compact JSON text, the same bytes as to_json(r).dump() (record_json.h,
// deal_json.h), written straight from the typed record through its field list
// (record_fields.h). The sync server stores every record it writes as this text; building
// the json value only to dump it cost it a tenth of a push.
#pragma once
#include <string>
#include "records.h"
#include "store.h"

namespace fc {

std::string record_text(const Account& r);
std::string record_text(const Contact& r);
std::string record_text(const Activity& r);
std::string record_text(const Lead& r);
std::string record_text(const Task& r);
std::string record_text(const Dealer& r);
std::string record_text(const User& r);
std::string record_text(const ProductCategory& r);
std::string record_text(const Campaign& r);
std::string record_text(const Deal& r);
std::string record_text(const LeadEvent& r);

}  // namespace fc
