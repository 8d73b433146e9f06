// The "Now" queue a salesperson starts the day on: what needs them, most urgent first, each
// item with the reason it is there.
//   1. sla_breached    their unanswered leads past the SLA deadline (longest overdue first)
//   2. sla_escalated   someone else's breached lead the user was notified about as manager
//                      (until it is answered, redirected or reassigned)
//   3. sla_due_soon    unanswered leads about to breach (deadline soonest first)
//   4. new_hot_lead    new, unanswered hot leads still inside their SLA (highest score first)
//   5. new_lead        the other new, unanswered leads inside their SLA (deadline soonest
//                      first): a lead routed to the user is in their queue at once, not only
//                      once its SLA is about to run out
//   6. task_overdue    open follow-ups due before today (oldest first)
//   7. task_due_today  open follow-ups due today, in the user's dealer's time zone (by time)
// A lead appears once, under its most urgent reason. Blocked tasks (no consent) stay out: they
// cannot be done; the account timeline shows them with the reason.
//
// UI: keep an Indexes next to the Store (refresh_indexes after applying commands), build
// Calendars and SlaPolicy once from the rules, then per frame-that-needs-it call
// build_now_queue(store, idx, cals, policy, band_of, user_id, now) and draw items in order;
// NowItem::row opens the lead or task.
#pragma once
#include <string>
#include <vector>
#include "sla.h"

namespace fc {

enum class NowReason : std::uint8_t {
    sla_breached, sla_escalated, sla_due_soon, new_hot_lead, new_lead, task_overdue, task_due_today
};
inline bool is_lead_item(NowReason r) { return r <= NowReason::new_lead; }
std::string_view now_reason_name(NowReason r);

struct NowItem {
    NowReason reason = NowReason::task_due_today;
    std::uint32_t row = 0;  // leads row for the SLA and hot-lead reasons, tasks row for tasks
    Time at = 0;            // the deadline or the due time
    double score = 0;
    Band band = Band::cold;         // lead items
    std::int64_t business_left = 0; // sla_due_soon: open seconds until the deadline
    std::string why;        // "SLA breached 35 min ago: hot lead, 15 business minutes"
};

std::vector<NowItem> build_now_queue(const Store& s, const Indexes& idx, const Calendars& cals,
                                     const SlaPolicy& policy, const BandOf& band_of,
                                     const Id& user_id, Time now, size_t limit = 500);

}  // namespace fc
