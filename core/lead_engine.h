// Leads come from activities (seed 001): a lead is the signal of one account (any of its
// contacts) about one product category. The engine keeps, per account x category, the activities
// in time order and the leads in window order, and keeps every open lead's score current:
//
//  - Windows: a bucket's leads split its timeline. A closed lead (converted, disqualified) owns
//    the activities up to its closed_at; the open lead owns everything after the last close.
//    Activities after the last close with no open lead form the "tail": when the tail crosses the
//    creation threshold, or holds an explicit request, a new lead opens. So later activities
//    update the open lead instead of duplicating it, and a closed lead is followed by a new one
//    only when new signals arrive after it closed.
//  - created_at is the moment the window's signals first made a lead (lead_scoring.h,
//    first_crossing). A late-synced older activity can move it earlier, never later, so the
//    leads do not depend on the order activities arrived in.
//  - first_response_at is the earliest of: the first transition out of "new", and the first of
//    our own touches (outbound call or email, quote) in the window at or after created_at.
//  - Closed leads are history: their score is frozen at closing.
//  - Scores are as of the book's clock (LeadBook::now), moved only by rescore_all: one clock for
//    the whole book keeps scores comparable. Commands do not move it.
//  - Lead ids are derived from account, category and window number ("L-A1-vans", "L-A1-vans-2"),
//    so replicas that open the same lead offline name it the same.
//
// Mutations must go through commands (or these functions) so the book stays in step; rows
// appended to the activity, lead, contact or account tables directly are picked up lazily, and
// rebuild_leads() re-derives everything after any other direct edit.
#pragma once
#include <vector>
#include "error.h"
#include "lead_scoring.h"
#include "store.h"

namespace fc {

// Indexes every activity and lead from scratch and re-scores the whole book at `now`, opening
// the leads the signals call for. Existing leads keep their id, owner, state and history.
void rebuild_leads(Store& store, Time now);

// Re-scores every open lead at `now` (moving the book's clock), opening any lead the current
// rules call for. The same per-bucket update as the incremental path, over every bucket.
void rescore_all(Store& store, Time now);

// Builds the book if it was never built (its clock starts at `now`); indexes rows appended to
// the tables since the last call.
void ensure_lead_book(Store& store, Time now);

// Replaces the scoring rules and re-scores the whole book at its clock.
void set_scoring_rules(Store& store, const ScoringRules& rules);

// Incremental updates, called by the commands after they changed a record.
void leads_on_activity(Store& store, std::uint32_t activity_row);
void leads_on_lead(Store& store, std::uint32_t lead_row);        // lead put or transitioned
void leads_on_contact(Store& store, std::uint32_t contact_row);  // role or do-not-contact
void leads_on_account(Store& store, std::uint32_t account_row);  // segment or employees
void leads_on_campaign(Store& store);                            // a campaign was added

// Why a lead has its score: its contributions at the book's clock (they sum to the score).
// Empty for a lead of no known bucket; a closed lead's are as of now, not as of closing.
std::vector<Contribution> explain_lead(Store& store, std::uint32_t lead_row);
json to_json(const Store& store, const Contribution& c);

// The signals [begin, end) of the lead's bucket that form its window.
struct LeadWindow {
    std::uint32_t bucket = kNoRow;
    size_t begin = 0;
    size_t end = 0;
};
LeadWindow lead_window(const Store& store, std::uint32_t lead_row);

// What a candidate rule set would do to the book, without changing it: a live preview.
struct RulesPreview {
    std::vector<double> scores;  // per lead row (closed leads keep theirs)
    size_t hot = 0, warm = 0, cold = 0;  // open leads per band
    size_t new_leads = 0;        // buckets where the candidate rules would open a lead
};
RulesPreview preview_rules(Store& store, const ScoringRules& rules);

// The open leads (new, working, qualified, nurture) in the order to work them: highest
// priority (score x freshness at `now`) first, ties by id so every replica lists them alike.
std::vector<std::uint32_t> leads_by_priority(const Store& store, Time now);

}  // namespace fc
