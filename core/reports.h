// Reports computed in core, over the store and its Indexes, at a `now` passed in.
//
// Definitions (what central marketing reads off these, so they are spelled out):
// - Campaign attribution, first touch: a lead belongs to the campaign of the earliest
//   campaign-tagged activity on its account and product category (at or before `now`).
// - qualified: leads of the campaign now qualified or converted (or logged as having been
//   qualified in the lead event log). won: leads converted. Once Deal records exist, won and
//   revenue should come from deals won; campaign_report() is the one place to change.
// - revenue: for each won lead, the purchase amounts on its account and category from the
//   lead's creation on. cost per lead = spend / leads; cost per sale = spend / won;
//   ROI = (revenue - spend) / spend. Ratios are 0 when their divisor is 0. Money in minor units.
// - Response time: first outbound touch (sla.h first_response_at) minus lead creation, wall
//   clock seconds; per dealer (lead's dealer) and per rep (lead's owner). Median: the mean of
//   the two middle values for even counts; p90: nearest rank (ceil(0.9 n)-th smallest).
//   Unanswered leads are counted, not timed.
// - Funnel: every lead counts once per stage it has reached: total, contacted (answered or
//   past new), qualified (qualified, converted, or logged qualified), converted; plus counts by
//   current state.
// - Follow-up compliance, over tasks due before `now`: on_time (closed by due + grace),
//   late (closed after), missed (still open past due + grace, or skipped), open_in_grace (open,
//   due, inside grace). Closed tasks without a done time are counted as done_untimed. Blocked
//   tasks count separately. Per assignee and in total.
// - Lead aging: open leads (new, working, qualified) by age since creation: <1 d, 1-3 d,
//   3-7 d, 7-30 d, >= 30 d; per state.
// - Response-time distribution: answered leads by response time (as above): < 15 min,
//   15-60 min, 1-4 h, 4-24 h, 1-3 d, >= 3 d; unanswered ones counted as waiting.
// - Weeks: the last kReportWeeks 7-day windows ending at `now` (oldest first): leads created
//   in the window, and follow-ups due in it with how many were done on time (as in compliance).
#pragma once
#include <array>
#include <vector>
#include "indexes.h"

namespace fc {

struct CampaignRow {
    Id campaign_id;
    Money spend = 0;
    int leads = 0;
    int qualified = 0;
    int won = 0;
    Money revenue = 0;
    double cost_per_lead = 0;
    double cost_per_sale = 0;
    double roi = 0;
};

struct ResponseRow {
    Id key;  // dealer or user id
    int answered = 0;
    int unanswered = 0;
    double median_s = 0;
    double p90_s = 0;
};

struct Funnel {
    int total = 0, contacted = 0, qualified = 0, converted = 0;
    std::array<int, size_t(LeadState::count_)> by_state{};
};

struct ComplianceRow {
    Id assignee;
    int on_time = 0, late = 0, missed = 0, open_in_grace = 0, done_untimed = 0, blocked = 0;
};

constexpr size_t kAgingBuckets = 5;  // <1 d, 1-3 d, 3-7 d, 7-30 d, >= 30 d
struct Aging {
    std::array<int, kAgingBuckets> total{};
    std::array<std::array<int, kAgingBuckets>, size_t(LeadState::count_)> by_state{};
};

constexpr size_t kResponseBuckets = 6;  // < 15 min, 15-60 min, 1-4 h, 4-24 h, 1-3 d, >= 3 d
constexpr std::int64_t kResponseBucketEnds[kResponseBuckets - 1] = {15 * 60, 3600, 4 * 3600,
                                                                    86400, 3 * 86400};
struct ResponseHistogram {
    std::array<int, kResponseBuckets> answered{};
    int waiting = 0;
};

constexpr int kReportWeeks = 12;
struct WeekRow {
    Time start = 0;   // the window is [start, start + 7 days)
    int leads = 0;    // created in the window
    int due = 0;      // follow-ups due in the window (blocked ones left out)
    int on_time = 0;  // of those, done by due + grace
};

struct ReportOptions {
    std::int64_t compliance_grace_s = 86400;  // a follow-up done within a day of due is on time
};

struct Reports {
    std::vector<CampaignRow> campaigns;  // in campaign table order
    std::vector<ResponseRow> response_by_dealer;  // sorted by key
    std::vector<ResponseRow> response_by_rep;     // sorted by key
    Funnel funnel;
    std::vector<ComplianceRow> compliance_by_assignee;  // sorted by assignee
    ComplianceRow compliance_total;
    Aging aging;
    ResponseHistogram response_histogram;
    std::vector<WeekRow> weeks;  // kReportWeeks, oldest first
};

std::vector<CampaignRow> campaign_report(const Store& s, const Indexes& idx, Time now);
void response_report(const Store& s, const Indexes& idx, Time now, std::vector<ResponseRow>& by_dealer,
                     std::vector<ResponseRow>& by_rep);
Funnel funnel_report(const Store& s, const Indexes& idx, Time now);
// First response per lead row (0: none by `now`), shared by the two reports above.
std::vector<Time> first_responses(const Store& s, const Indexes& idx, Time now);
void response_report(const Store& s, const std::vector<Time>& first, Time now,
                     std::vector<ResponseRow>& by_dealer, std::vector<ResponseRow>& by_rep);
Funnel funnel_report(const Store& s, const Indexes& idx, const std::vector<Time>& first, Time now);
void compliance_report(const Store& s, Time now, const ReportOptions& o,
                       std::vector<ComplianceRow>& by_assignee, ComplianceRow& total);
Aging aging_report(const Store& s, Time now);

ResponseHistogram response_histogram(const Store& s, const std::vector<Time>& first, Time now);
std::vector<WeekRow> weekly_report(const Store& s, Time now, const ReportOptions& o = {});

Reports compute_reports(const Store& s, const Indexes& idx, Time now, const ReportOptions& o = {});

// Median and p90 as defined above (reorders `v`); 0 for an empty set.
void median_p90(std::vector<std::int64_t>& v, double& median, double& p90);

}  // namespace fc
