// One chronological stream per account, per contact and per lead: activities, tasks created
// and done, the lead's creation and every lead event (state changes, assignments, SLA notices,
// redirects), each with who and when. Newest first, paged with a cursor.
//
// Pages are derived from Indexes: the activity list of the subject is already time-sorted, so a
// page binary-searches the cursor and walks back only as far as the page needs; tasks and lead
// events of a subject (tens to hundreds) are gathered and merged in. Cost grows with the page
// and the subject's tasks/events, not with the store's 1M activities.
//
// Streams: account = its activities, tasks, and its leads' creation and events; contact = its
// activities and tasks (lead events belong to no one person); lead = the account's activities
// on the lead's category or on none (an uncategorized call answers the lead too, see sla.h),
// the lead's tasks, its creation and events.
// Filters: kinds, activity types (activities only), product category (activities by their
// category; tasks and lead events by their lead's; a task with no lead has none), [from, to).
#pragma once
#include <string>
#include <vector>
#include "indexes.h"

namespace fc {

enum class EntryKind : std::uint8_t { activity, task_created, task_done, lead_created, lead_event };

struct TimelineEntry {
    Time at = 0;
    EntryKind kind = EntryKind::activity;
    std::uint32_t row = 0;  // row of activities / tasks / leads / lead_events, by kind
};

struct TimelineFilter {
    std::uint32_t kinds = 0x1F;           // bit (1 << EntryKind)
    std::uint32_t activity_types = ~0u;   // bit (1 << ActivityType)
    Id product_category;                  // empty: all
    Time from = INT64_MIN;                // inclusive
    Time to = INT64_MAX;                  // exclusive
};

// Entries strictly older than the cursor, in (at, kind, row) descending order, come next.
struct TimelineCursor {
    Time at = INT64_MAX;
    std::uint8_t kind = 0xFF;
    std::uint32_t row = 0xFFFFFFFFu;
};

struct TimelinePage {
    std::vector<TimelineEntry> entries;
    bool has_more = false;
    TimelineCursor next;  // pass back for the following page
};

TimelinePage account_timeline(const Store& s, const Indexes& idx, const Id& account_id,
                              const TimelineFilter& f = {}, const TimelineCursor& after = {},
                              size_t page_size = 50);
TimelinePage contact_timeline(const Store& s, const Indexes& idx, const Id& contact_id,
                              const TimelineFilter& f = {}, const TimelineCursor& after = {},
                              size_t page_size = 50);
TimelinePage lead_timeline(const Store& s, const Indexes& idx, const Id& lead_id,
                           const TimelineFilter& f = {}, const TimelineCursor& after = {},
                           size_t page_size = 50);

// Who did it (user id; "system" for rules; empty for the customer's own activities).
Id entry_actor(const Store& s, const TimelineEntry& e);
// One line for the UI: "Outbound call by Anna Müller (New cars): asked for a quote".
std::string describe(const Store& s, const TimelineEntry& e);

struct TimelineSummary {
    std::uint32_t last_touch = kNoRow;  // activity row of the latest interaction at or before now
    std::uint32_t next_step = kNoRow;   // task row: the open, unblocked task due first
    size_t open_tasks = 0;
    size_t overdue_tasks = 0;
};
TimelineSummary account_summary(const Store& s, const Indexes& idx, const Id& account_id, Time now);

}  // namespace fc
