#include "reports.h"
#include <algorithm>
#include "sla.h"

namespace fc {
namespace {

bool logged_qualified(const Store& s, const Indexes& idx, std::uint32_t lead_row) {
    if (lead_row >= idx.events_of_lead.size()) return false;
    for (std::uint32_t er : idx.events_of_lead[lead_row]) {
        const LeadEvent& e = s.lead_events.rows[er];
        if (e.kind == LeadEventKind::state_changed &&
            (e.to_state == LeadState::qualified || e.to_state == LeadState::converted))
            return true;
    }
    return false;
}

bool reached_qualified(const Store& s, const Indexes& idx, std::uint32_t row) {
    LeadState st = s.leads.rows[row].state;
    return st == LeadState::qualified || st == LeadState::converted || logged_qualified(s, idx, row);
}

}  // namespace

void median_p90(std::vector<std::int64_t>& v, double& median, double& p90) {
    median = p90 = 0;
    if (v.empty()) return;
    // Selection, not a sort: O(n) per group, and reports run over 100k leads.
    const size_t n = v.size(), mid = n / 2;
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(mid), v.end());
    const double upper = double(v[mid]);
    median = n % 2 ? upper
                   : (double(*std::max_element(v.begin(), v.begin() + std::ptrdiff_t(mid))) + upper) / 2;
    const size_t rank = (9 * n + 9) / 10 - 1;  // ceil(0.9 n)-th smallest, zero-based; >= mid
    std::nth_element(v.begin() + std::ptrdiff_t(mid), v.begin() + std::ptrdiff_t(rank), v.end());
    p90 = double(v[rank]);
}

std::vector<CampaignRow> campaign_report(const Store& s, const Indexes& idx, Time now) {
    std::vector<CampaignRow> rows(s.campaigns.size());
    for (size_t c = 0; c < rows.size(); ++c) {
        rows[c].campaign_id = s.campaigns.rows[c].id;
        rows[c].spend = s.campaigns.rows[c].spend;
    }
    // One sequential pass over the compact activity arrays; leads are touched only for the
    // ~13% of activities that carry a campaign or are purchases. Scanning in row order and
    // keeping the earliest campaign touch per lead gives first-touch attribution by time.
    const size_t n_leads = s.leads.size();
    std::vector<std::uint32_t> campaign(n_leads, kNoRow);
    std::vector<Time> campaign_at(n_leads, 0);
    std::vector<Money> revenue(n_leads, 0);
    const size_t n = idx.activity_campaign.size();
    for (size_t r = 0; r < n; ++r) {
        const std::uint32_t camp = idx.activity_campaign[r];
        const bool purchase = idx.activity_type[r] == ActivityType::purchase;
        if (camp == kNoRow && !purchase) continue;
        const Time at = idx.activity_at[r];
        const std::uint32_t acc = idx.activity_account[r];
        if (at > now || acc == kNoRow || acc >= idx.leads_of_account.size()) continue;
        const std::uint16_t cat = idx.activity_category[r];
        for (std::uint32_t l : idx.leads_of_account[acc]) {
            if (l >= n_leads || idx.lead_category[l] != cat) continue;
            if (camp != kNoRow && (campaign[l] == kNoRow || at < campaign_at[l])) {
                campaign[l] = camp;
                campaign_at[l] = at;
            }
            if (purchase && at >= s.leads.rows[l].created_at) revenue[l] += s.activities.rows[r].amount;
        }
    }
    for (std::uint32_t l = 0; l < n_leads; ++l) {
        if (campaign[l] == kNoRow) continue;
        CampaignRow& row = rows[campaign[l]];
        ++row.leads;
        row.qualified += reached_qualified(s, idx, l);
        if (s.leads.rows[l].state == LeadState::converted) {
            ++row.won;
            row.revenue += revenue[l];
        }
    }
    for (CampaignRow& r : rows) {
        double spend = double(r.spend);
        r.cost_per_lead = r.leads ? spend / r.leads : 0;
        r.cost_per_sale = r.won ? spend / r.won : 0;
        r.roi = r.spend ? (double(r.revenue) - spend) / spend : 0;
    }
    return rows;
}

std::vector<Time> first_responses(const Store& s, const Indexes& idx, Time now) {
    std::vector<Time> out(s.leads.size(), 0);
    for (std::uint32_t row = 0; row < out.size(); ++row) {
        Time t = first_response_at(s, idx, row);
        out[row] = t <= now ? t : 0;
    }
    return out;
}

void response_report(const Store& s, const Indexes& idx, Time now,
                     std::vector<ResponseRow>& by_dealer, std::vector<ResponseRow>& by_rep) {
    response_report(s, first_responses(s, idx, now), now, by_dealer, by_rep);
}

void response_report(const Store& s, const std::vector<Time>& first_of, Time now,
                     std::vector<ResponseRow>& by_dealer, std::vector<ResponseRow>& by_rep) {
    struct Acc {
        std::vector<std::int64_t> times;
        int unanswered = 0;
    };
    // Keyed by table row; leads naming unknown dealers or users share one "unknown" slot.
    std::vector<Acc> dealers(s.dealers.size() + 1), reps(s.users.size() + 1);
    auto slot = [](const auto& table, const Id& id) {
        std::uint32_t row = table.row_of(id);
        return row == kNoRow ? table.size() : size_t(row);
    };
    for (std::uint32_t row = 0; row < s.leads.rows.size(); ++row) {
        const Lead& l = s.leads.rows[row];
        if (l.created_at > now) continue;
        Time first = first_of[row];
        Acc& d = dealers[slot(s.dealers, l.dealer_id)];
        Acc* r = l.owner.empty() ? nullptr : &reps[slot(s.users, l.owner)];
        if (first == 0 || first > now) {
            ++d.unanswered;
            if (r) ++r->unanswered;
            continue;
        }
        std::int64_t t = std::max<std::int64_t>(0, first - l.created_at);
        d.times.push_back(t);
        if (r) r->times.push_back(t);
    }
    auto flatten = [](std::vector<Acc>& accs, const auto& table, std::vector<ResponseRow>& out) {
        out.clear();
        for (size_t i = 0; i < accs.size(); ++i) {
            Acc& a = accs[i];
            if (a.times.empty() && a.unanswered == 0) continue;
            ResponseRow row;
            row.key = i < table.size() ? table.rows[i].id : Id("unknown");
            row.answered = int(a.times.size());
            row.unanswered = a.unanswered;
            median_p90(a.times, row.median_s, row.p90_s);
            out.push_back(std::move(row));
        }
        std::sort(out.begin(), out.end(),
                  [](const ResponseRow& a, const ResponseRow& b) { return a.key < b.key; });
    };
    flatten(dealers, s.dealers, by_dealer);
    flatten(reps, s.users, by_rep);
}

Funnel funnel_report(const Store& s, const Indexes& idx, Time now) {
    return funnel_report(s, idx, first_responses(s, idx, now), now);
}

Funnel funnel_report(const Store& s, const Indexes& idx, const std::vector<Time>& first_of, Time now) {
    Funnel f;
    for (std::uint32_t row = 0; row < s.leads.rows.size(); ++row) {
        const Lead& l = s.leads.rows[row];
        if (l.created_at > now) continue;
        ++f.total;
        ++f.by_state[size_t(l.state)];
        bool answered = first_of[row] != 0;
        f.contacted += answered || l.state != LeadState::new_lead;
        f.qualified += reached_qualified(s, idx, row);
        f.converted += l.state == LeadState::converted;
    }
    return f;
}

void compliance_report(const Store& s, Time now, const ReportOptions& o,
                       std::vector<ComplianceRow>& by_assignee, ComplianceRow& total) {
    // By user row; the last slot collects tasks with no (or an unknown) assignee.
    std::vector<ComplianceRow> rows(s.users.size() + 1);
    std::vector<char> used(rows.size(), 0);
    total = ComplianceRow{};
    for (const Task& t : s.tasks.rows) {
        if (t.due > now) continue;  // not due yet
        std::uint32_t user_row = s.users.row_of(t.assignee);
        size_t slot = user_row == kNoRow ? s.users.size() : user_row;
        used[slot] = 1;
        ComplianceRow& r = rows[slot];
        int ComplianceRow::*bucket = nullptr;
        const Time limit = t.due + o.compliance_grace_s;
        if (!t.blocked_reason.empty() && t.state == TaskState::open) bucket = &ComplianceRow::blocked;
        else if (t.state == TaskState::done && t.done_at == 0) bucket = &ComplianceRow::done_untimed;
        else if (t.state == TaskState::done) bucket = t.done_at <= limit ? &ComplianceRow::on_time
                                                                         : &ComplianceRow::late;
        else if (t.state == TaskState::skipped) bucket = &ComplianceRow::missed;
        else bucket = now > limit ? &ComplianceRow::missed : &ComplianceRow::open_in_grace;
        ++(r.*bucket);
        ++(total.*bucket);
    }
    by_assignee.clear();
    for (size_t i = 0; i < rows.size(); ++i) {
        if (!used[i]) continue;
        rows[i].assignee = i < s.users.size() ? s.users.rows[i].id : Id{};
        by_assignee.push_back(rows[i]);
    }
    std::sort(by_assignee.begin(), by_assignee.end(),
              [](const ComplianceRow& a, const ComplianceRow& b) { return a.assignee < b.assignee; });
}

Aging aging_report(const Store& s, Time now) {
    static constexpr std::int64_t kEdges[kAgingBuckets - 1] = {86400, 3 * 86400, 7 * 86400,
                                                               30 * 86400};
    Aging a;
    for (const Lead& l : s.leads.rows) {
        if (l.state != LeadState::new_lead && l.state != LeadState::working &&
            l.state != LeadState::qualified)
            continue;
        if (l.created_at > now) continue;
        std::int64_t age = now - l.created_at;
        size_t b = 0;
        while (b < kAgingBuckets - 1 && age >= kEdges[b]) ++b;
        ++a.total[b];
        ++a.by_state[size_t(l.state)][b];
    }
    return a;
}

ResponseHistogram response_histogram(const Store& s, const std::vector<Time>& first, Time now) {
    ResponseHistogram h;
    for (std::uint32_t row = 0; row < s.leads.size(); ++row) {
        const Lead& l = s.leads.rows[row];
        if (l.created_at > now) continue;
        if (first[row] == 0) {
            ++h.waiting;
            continue;
        }
        std::int64_t took = std::max<std::int64_t>(0, first[row] - l.created_at);
        size_t b = 0;
        while (b < kResponseBuckets - 1 && took >= kResponseBucketEnds[b]) ++b;
        ++h.answered[b];
    }
    return h;
}

std::vector<WeekRow> weekly_report(const Store& s, Time now, const ReportOptions& o) {
    constexpr Time kWeek = 7 * 86400;
    std::vector<WeekRow> weeks(kReportWeeks);
    const Time first_start = now - kReportWeeks * kWeek;
    for (int w = 0; w < kReportWeeks; ++w) weeks[size_t(w)].start = first_start + w * kWeek;
    auto week_of = [&](Time t) -> int {
        if (t < first_start || t >= now) return -1;
        return int((t - first_start) / kWeek);
    };
    for (const Lead& l : s.leads.rows)
        if (int w = week_of(l.created_at); w >= 0) ++weeks[size_t(w)].leads;
    for (const Task& t : s.tasks.rows) {
        int w = week_of(t.due);
        if (w < 0 || !t.blocked_reason.empty()) continue;
        ++weeks[size_t(w)].due;
        if (t.state == TaskState::done && t.done_at != 0 && t.done_at <= t.due + o.compliance_grace_s)
            ++weeks[size_t(w)].on_time;
    }
    return weeks;
}

Reports compute_reports(const Store& s, const Indexes& idx, Time now, const ReportOptions& o) {
    Reports r;
    r.campaigns = campaign_report(s, idx, now);
    const std::vector<Time> first = first_responses(s, idx, now);
    response_report(s, first, now, r.response_by_dealer, r.response_by_rep);
    r.funnel = funnel_report(s, idx, first, now);
    compliance_report(s, now, o, r.compliance_by_assignee, r.compliance_total);
    r.aging = aging_report(s, now);
    r.response_histogram = response_histogram(s, first, now);
    r.weeks = weekly_report(s, now, o);
    return r;
}

}  // namespace fc
