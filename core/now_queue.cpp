#include "now_queue.h"
#include <algorithm>

namespace fc {
namespace {

// "35 min", "3 h 20 min", "2 d 4 h": how long, for a reason line.
std::string span_text(std::int64_t secs) {
    if (secs < 0) secs = -secs;
    std::int64_t m = secs / 60, h = m / 60, d = h / 24;
    if (d > 0) return std::to_string(d) + " d " + std::to_string(h % 24) + " h";
    if (h > 0) return std::to_string(h) + " h " + std::to_string(m % 60) + " min";
    return std::to_string(m) + " min";
}

bool open_state(LeadState s) {
    return s == LeadState::new_lead || s == LeadState::working || s == LeadState::qualified;
}

}  // namespace

std::string_view now_reason_name(NowReason r) {
    switch (r) {
        case NowReason::sla_breached: return "sla_breached";
        case NowReason::sla_escalated: return "sla_escalated";
        case NowReason::sla_due_soon: return "sla_due_soon";
        case NowReason::new_hot_lead: return "new_hot_lead";
        case NowReason::new_lead: return "new_lead";
        case NowReason::task_overdue: return "task_overdue";
        default: return "task_due_today";
    }
}

std::vector<NowItem> build_now_queue(const Store& s, const Indexes& idx, const Calendars& cals,
                                     const SlaPolicy& policy, const BandOf& band_of,
                                     const Id& user_id, Time now, size_t limit) {
    std::vector<NowItem> items;
    auto leads = idx.leads_of_owner.find(user_id);
    if (leads != idx.leads_of_owner.end()) {
        for (std::uint32_t row : leads->second) {
            const Lead& l = s.leads.rows[row];
            if (l.owner != user_id || !open_state(l.state)) continue;  // stale slot or closed
            if (l.first_response_at != 0 && l.first_response_at <= now) continue;  // answered
            Band band = band_of(l);
            SlaClock k = sla_clock(s, idx, cals, policy, row, band, now);
            NowItem it;
            if (k.state == SlaState::breached) it.reason = NowReason::sla_breached;
            else if (k.state == SlaState::due_soon) it.reason = NowReason::sla_due_soon;
            else if (k.state == SlaState::running && l.state == LeadState::new_lead)
                it.reason = band == Band::hot ? NowReason::new_hot_lead : NowReason::new_lead;
            else continue;
            it.row = row;
            it.score = l.score;
            it.at = k.deadline;
            it.band = band;
            it.business_left = k.business_left;
            items.push_back(std::move(it));
        }
    }
    // Breaches the user was told about as a manager, while the notice's window is still open.
    auto notices = idx.notices_to_user.find(user_id);
    if (notices != idx.notices_to_user.end()) {
        std::vector<std::uint32_t> seen;
        for (auto n = notices->second.rbegin(); n != notices->second.rend(); ++n) {
            const LeadEvent& e = s.lead_events.rows[*n];
            std::uint32_t row = s.leads.row_of(e.lead_id);
            if (row == kNoRow) continue;
            const Lead& l = s.leads.rows[row];
            if (l.owner == user_id || !open_state(l.state)) continue;  // own leads are above
            if (std::find(seen.begin(), seen.end(), row) != seen.end()) continue;
            seen.push_back(row);
            Band band = band_of(l);
            SlaClock k = sla_clock(s, idx, cals, policy, row, band, now);
            if (k.state != SlaState::breached || e.at < k.started) continue;
            NowItem it;
            it.reason = NowReason::sla_escalated;
            it.row = row;
            it.score = l.score;
            it.at = k.deadline;
            it.band = band;
            items.push_back(std::move(it));
        }
    }
    const User* user = s.users.find(user_id);
    const BusinessCalendar& cal = calendar_for(cals, user ? user->dealer_id : Id{});
    auto tasks = idx.tasks_of_assignee.find(user_id);
    if (tasks != idx.tasks_of_assignee.end()) {
        const std::int64_t today = local_day(*cal.zone, now);
        const Time day_start = from_local(*cal.zone, today * 86400);
        const Time day_end = from_local(*cal.zone, (today + 1) * 86400);
        for (std::uint32_t row : tasks->second) {
            const Task& t = s.tasks.rows[row];
            if (t.assignee != user_id || t.state != TaskState::open || !t.blocked_reason.empty())
                continue;
            if (t.due >= day_end) continue;
            NowItem it;
            it.row = row;
            it.at = t.due;
            it.reason = t.due < day_start ? NowReason::task_overdue : NowReason::task_due_today;
            items.push_back(std::move(it));
        }
    }
    auto order = [](const NowItem& a, const NowItem& b) {
        if (a.reason != b.reason) return a.reason < b.reason;
        if (a.reason == NowReason::new_hot_lead && a.score != b.score) return a.score > b.score;
        if (a.at != b.at) return a.at < b.at;
        return a.row < b.row;
    };
    if (items.size() > limit) {
        std::partial_sort(items.begin(), items.begin() + std::ptrdiff_t(limit), items.end(), order);
        items.resize(limit);
    } else {
        std::sort(items.begin(), items.end(), order);
    }
    // Reasons are written only for what is shown.
    for (NowItem& it : items) {
        if (is_lead_item(it.reason)) {
            const SlaBudget& budget = policy.response[size_t(it.band)];
            std::string what = std::string(band_name(it.band)) + " lead, " + describe(budget);
            if (it.reason == NowReason::sla_breached)
                it.why = "SLA breached " + span_text(now - it.at) + " ago: " + what;
            else if (it.reason == NowReason::sla_escalated) {
                const User* owner = s.users.find(s.leads.rows[it.row].owner);
                it.why = "Escalated to you: " + (owner ? owner->name : s.leads.rows[it.row].owner) +
                         " has not answered for " + span_text(now - it.at) + " past the SLA (" +
                         what + ")";
            }
            else if (it.reason == NowReason::sla_due_soon)
                it.why = "SLA due in " + span_text(it.business_left) + " of business time: " + what;
            else if (it.reason == NowReason::new_hot_lead)
                it.why = "New hot lead (score " + std::to_string(int(it.score)) +
                         "), answer within " + describe(budget);
            else
                it.why = "New " + std::string(band_name(it.band)) + " lead (score " +
                         std::to_string(int(it.score)) + "), answer within " + describe(budget);
        } else {
            const Task& t = s.tasks.rows[it.row];
            it.why = it.reason == NowReason::task_overdue
                         ? "Follow-up overdue by " + span_text(now - t.due) + ": " + t.title
                         : "Follow-up due today " + format_local(*cal.zone, t.due).substr(11) +
                               ": " + t.title;
        }
    }
    return items;
}

}  // namespace fc
