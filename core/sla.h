// Speed to lead: a response clock per lead from its creation to the first outbound touch, an SLA
// per score band in the dealer's business hours and time zone, and the escalation on breach:
// first a notice to the owner's manager, then a redirect to the next eligible person or dealer.
//
// Bands: the scoring engine (lead_engine.*, being replaced on another branch) will own a lead's
// band. Until it is wired in, callers pass a BandOf; score_threshold_bands() is the stand-in:
// score >= 60 hot, >= 30 warm, else cold (one web form with a test drive is hot, a single
// literature request is cold). Replace the BandOf, nothing else changes.
#pragma once
#include <array>
#include <functional>
#include <string_view>
#include "business_time.h"
#include "indexes.h"
#include "routing.h"

namespace fc {

enum class Band : std::uint8_t { hot, warm, cold, count_ };
std::string_view band_name(Band b);

struct BandThresholds {
    double hot_at = 60;
    double warm_at = 30;
};
using BandOf = std::function<Band(const Lead&)>;
BandOf score_threshold_bands(BandThresholds t = {});

enum class BudgetUnit : std::uint8_t { business_minutes, business_hours, business_days };
struct SlaBudget {
    BudgetUnit unit = BudgetUnit::business_minutes;
    int amount = 0;
};

struct SlaPolicy {
    // Indexed by Band. Defaults: hot 15 business minutes, warm 4 business hours, cold 2
    // business days.
    std::array<SlaBudget, 3> response = {SlaBudget{BudgetUnit::business_minutes, 15},
                                         SlaBudget{BudgetUnit::business_hours, 4},
                                         SlaBudget{BudgetUnit::business_days, 2}};
    // "About to breach" when this little business time is left (seconds).
    std::array<std::int64_t, 3> warn_before = {5 * 60, 30 * 60, 2 * 3600};
    // After the breach notice, redirect once this share of the budget has passed again.
    int redirect_after_percent = 100;
};

// {"hot": {"business_minutes": 15, "warn_before_minutes": 5},
//  "warm": {"business_hours": 4, "warn_before_minutes": 30},
//  "cold": {"business_days": 2, "warn_before_minutes": 120}, "redirect_after_percent": 100}
// Each band names exactly one of business_minutes / business_hours / business_days.
MaybeError from_json(const json& j, SlaPolicy& out, const std::string& path = "");
json to_json(const SlaPolicy& p);  // what from_json reads
std::string describe(const SlaBudget& b);  // "15 business minutes"

// Business calendars per dealer: the dealer's IANA zone with configured or default hours.
struct Calendars {
    std::unordered_map<Id, BusinessCalendar> by_dealer;
    BusinessCalendar fallback;  // UTC, default hours: for leads of unknown dealers
};
// config (optional): {"default_hours": <calendar>, "dealers": {"D1": <calendar>, ...}} where a
// calendar is business_time.h's JSON; its time_zone defaults to the dealer's. A dealer with no
// time zone uses UTC; one with a zone Forecourt does not embed is an error.
MaybeError build_calendars(const Store& s, const json* config, Calendars& out,
                           const std::string& path = "");
const BusinessCalendar& calendar_for(const Calendars& c, const Id& dealer_id);

// The deadline `budget` after `start` in the calendar (wall clock if it never opens).
Time add_budget(const BusinessCalendar& c, Time start, const SlaBudget& budget, int percent = 100);

// First outbound touch: an outbound call or email, a visit, test drive or quote logged by a
// user (author set), on the lead's category or on no category, at or after the lead's
// creation. Lead::first_response_at wins when set (an importer or the scoring engine knew).
bool is_response_touch(const Activity& a);
Time first_response_at(const Store& s, const Indexes& idx, const Lead& lead);
Time first_response_at(const Store& s, const Indexes& idx, std::uint32_t lead_row);

enum class SlaState : std::uint8_t {
    answered_in_time, answered_late, running, due_soon, breached, not_applicable
};
std::string_view sla_state_name(SlaState s);

struct SlaClock {
    SlaState state = SlaState::not_applicable;
    Band band = Band::cold;
    Time started = 0;        // creation, or the last reassignment/redirect before an answer
    Time deadline = 0;
    Time answered_at = 0;    // 0: no answer yet
    Time redirect_at = 0;    // when an unanswered breach is redirected
    std::int64_t business_left = 0;  // running / due_soon: open seconds until the deadline
    bool notified = false;   // a breach notice went out for this window
    int redirects = 0;
};

// The clock of lead `row` at `now`. Open leads (new, working, qualified) run a clock; closed
// and nurture leads without an answer are not_applicable.
SlaClock sla_clock(const Store& s, const Indexes& idx, const Calendars& cals,
                   const SlaPolicy& policy, std::uint32_t row, Band band, Time now);

// The escalation sweep: for every owned, open, unanswered lead past its deadline, a
// lead.sla_notice to the owner's manager (the fallback queue when the owner has none or is the
// manager), and once redirect_at has passed a lead.redirect to the next eligible person who has
// not held it (routing rules; the fallback queue when nobody is left). Ids derive from the lead
// and its window, so re-running before or after applying never repeats a step.
std::vector<Command> plan_sla_escalations(const Store& s, const Indexes& idx,
                                          const Calendars& cals, const SlaPolicy& policy,
                                          const BandOf& band_of, const RoutingRules& routing,
                                          RoutingState& routing_state, Time now);

}  // namespace fc
