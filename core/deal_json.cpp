#include "deal_json.h"
#include <array>
#include "record_fields.h"

namespace fc {
namespace {

constexpr std::array<std::string_view, size_t(DealStage::count_)> stage_names = {
    "exploring", "evaluating", "deciding", "bought", "lost"};

MaybeError missing(const std::string& path, const char* field, const Id& id) {
    std::string f = path.empty() ? std::string(field) : path + "." + field;
    return Error{"not_found", f, f + " refers to \"" + id + "\", which does not exist"};
}

}  // namespace

std::string_view name_of(DealStage v) { return stage_names[size_t(v)]; }

std::optional<DealStage> parse_deal_stage(std::string_view s) {
    for (size_t i = 0; i < stage_names.size(); ++i)
        if (stage_names[i] == s) return DealStage(i);
    return std::nullopt;
}

json to_json(const Deal& r) {
    json j = {{"id", r.id}, {"lead_id", r.lead_id}, {"account_id", r.account_id},
            {"dealer_id", r.dealer_id}, {"owner", r.owner},
            {"product_category", r.product_category}, {"stage", name_of(r.stage)},
            {"amount", r.amount}, {"created_at", r.created_at}};
    if (r.closed_at) j["closed_at"] = r.closed_at;
    if (!r.reason.empty()) j["reason"] = r.reason;
    return j;
}

MaybeError from_json(const json& j, Deal& out, const std::string& path) {
    Deal d;
    JsonReader r(j, path);
    fields(r, d);  // record_fields.h
    if (auto e = r.finish()) return e;
    out = std::move(d);
    return std::nullopt;
}

MaybeError check_references(const Store& s, const Deal& d, const std::string& path) {
    if (!d.lead_id.empty() && !s.leads.contains(d.lead_id))
        return missing(path, "lead_id", d.lead_id);
    if (!s.accounts.contains(d.account_id)) return missing(path, "account_id", d.account_id);
    if (!s.dealers.contains(d.dealer_id)) return missing(path, "dealer_id", d.dealer_id);
    if (!d.owner.empty() && !s.users.contains(d.owner)) return missing(path, "owner", d.owner);
    if (!d.product_category.empty() && !s.categories.contains(d.product_category))
        return missing(path, "product_category", d.product_category);
    return std::nullopt;
}

}  // namespace fc
