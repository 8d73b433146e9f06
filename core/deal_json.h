// JSON round trip and reference checks of deals (what converted leads become), with the wire
// names of their stages. Kept apart from record_json so the deal record can grow on its own.
#pragma once
#include <optional>
#include <string_view>
#include "error.h"
#include "json_reader.h"
#include "store.h"

namespace fc {

std::string_view name_of(DealStage v);
std::optional<DealStage> parse_deal_stage(std::string_view s);

json to_json(const Deal& r);
MaybeError from_json(const json& j, Deal& out, const std::string& path = "");
MaybeError check_references(const Store& s, const Deal& d, const std::string& path);

}  // namespace fc
