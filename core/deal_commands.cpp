#include "deal_commands.h"
#include "deal_json.h"

namespace fc {
namespace {

bool is_closed(DealStage s) { return s == DealStage::bought || s == DealStage::lost; }

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

MaybeError move_deal(Store& s, const Command& c) {
    Id deal_id;
    DealStage to = DealStage::evaluating;
    std::string reason;
    JsonReader r(c.payload, "payload");
    r.id("deal_id", deal_id, true);
    r.enumeration("to", to, true, parse_deal_stage);
    r.string("reason", reason, false, 2000);
    if (auto e = r.finish()) return e;
    Deal* d = s.deals.find(deal_id);
    if (!d)
        return Error{"not_found", "payload.deal_id",
                     "payload.deal_id refers to \"" + deal_id + "\", which does not exist"};
    if (is_closed(d->stage))
        return Error{"invalid_transition", "payload.to",
                     std::string("the deal was ") + (d->stage == DealStage::bought ? "won" : "lost") +
                         " already: a closed deal does not move"};
    if (d->stage == to)
        return Error{"invalid_transition", "payload.to",
                     "the deal is at " + std::string(name_of(to)) + " already"};
    if (is_closed(to) && blank(reason))
        return Error{"missing_field", "payload.reason",
                     std::string("say why the deal was ") + (to == DealStage::bought ? "won" : "lost")};
    d->stage = to;
    if (is_closed(to)) {
        d->closed_at = c.at;
        d->reason = reason;
    }
    return std::nullopt;
}

}  // namespace

bool is_deal_command(const std::string& kind) { return kind == "deal.move"; }

MaybeError apply_deal_command(Store& s, const Command& c) {
    if (c.kind == "deal.move") return move_deal(s, c);
    return Error{"unknown_command", "kind", "\"" + c.kind + "\" is not a deal command"};
}

}  // namespace fc
