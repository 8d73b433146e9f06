// Scoring one lead: the arithmetic of the rules over a window of a bucket's signals, with the
// explanation that goes with it. Pure functions of the book, the compiled rules and `now`; the
// engine (lead_engine.h) decides which signals form which lead's window.
//
// A signal's points = base (by type and channel) x campaign x authority x account fit x decay,
// decay = 2^(-age / half-life). Then per type, if the lead's total for that type exceeds its cap
// (in absolute value), every contribution of that type is scaled down by the same factor. Each
// do-not-contact contact active in the window adds do_not_contact_points once. The score is the
// sum of the contributions, in window order: explain and score share one loop, so they agree.
#pragma once
#include <cstdint>
#include <vector>
#include "lead_book.h"
#include "store.h"

namespace fc {

constexpr Time kNever = std::numeric_limits<Time>::max();

struct Contribution {
    std::uint32_t activity_row = kNoRow;
    bool do_not_contact = false;  // the penalty for the activity's do-not-contact contact,
                                  // attributed to that contact's first activity in the lead
    double base = 0;              // points by type (and channel)
    double decay = 1;
    double campaign = 1;
    double authority = 1;
    double fit = 1;
    bool capped = false;
    double cap_scale = 1;         // the factor the type's cap applied (1 when not capped)
    double points = 0;            // what it adds to the score
};

enum class LeadBand : std::uint8_t { cold, warm, hot };

// Reusable buffers so scoring allocates nothing in steady state.
struct ScoreScratch {
    std::vector<double> raw;  // grows to the largest window, never shrinks or zero-fills
    std::vector<std::uint32_t> dnc_contacts;
};

CompiledRules compile_rules(const ScoringRules& rules, const LeadBook& book, const Store& store);

double decay_factor(const CompiledRules& c, Time age_seconds);
double account_fit(const CompiledRules& c, const LeadBook& book, std::uint32_t account_row);

// Score at `now` of signals [begin, end) of `bucket`; appends the contributions to `explain`
// when given.
double score_window(const CompiledRules& c, const LeadBook& book, const Bucket& bucket,
                    size_t begin, size_t end, Time now, ScoreScratch& scratch,
                    std::vector<Contribution>* explain = nullptr);

// When the signals [begin, end) first made a lead: the first explicit request, or the first
// activity after which the decayed, capped sum of the positive points reached the threshold.
// kNever if they never did, or not before `before`. Only positive points count, so adding
// activities can only make the crossing earlier: lead creation does not depend on the order
// activities arrive in.
Time first_crossing(const CompiledRules& c, const LeadBook& book, const Bucket& bucket,
                    size_t begin, size_t end, Time before = kNever);

// Our own touches that answer a lead (outbound call or email, a quote).
inline bool is_response(ActivityType t) {
    return t == ActivityType::outbound_call || t == ActivityType::outbound_email ||
           t == ActivityType::quote;
}

LeadBand band_of(const ScoringRules& rules, double score);
std::string_view name_of(LeadBand b);

// Speed-to-lead: an unanswered lead loses value almost exponentially with the wait (seed 003),
// freshness = 2^(-wait / response half-life). Once answered it stops falling and keeps the value
// it had at the first response: a slow answer's loss is not undone by answering.
double freshness(const ScoringRules& rules, const Lead& lead, Time now);
// What orders the work queue: score x freshness.
double priority(const ScoringRules& rules, const Lead& lead, Time now);

}  // namespace fc
