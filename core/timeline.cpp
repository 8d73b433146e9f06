#include "timeline.h"
#include <algorithm>
#include "enum_names.h"

namespace fc {
namespace {

struct Key {
    Time at;
    std::uint8_t kind;
    std::uint32_t row;
    bool operator<(const Key& o) const {
        if (at != o.at) return at < o.at;
        if (kind != o.kind) return kind < o.kind;
        return row < o.row;
    }
};

Key key_of(const TimelineEntry& e) { return Key{e.at, std::uint8_t(e.kind), e.row}; }

bool wants(const TimelineFilter& f, EntryKind k) { return (f.kinds >> unsigned(k)) & 1u; }

// What one subject's stream is made of.
struct Sources {
    const Rows* activities = nullptr;     // time-sorted
    std::uint16_t only_category = 0;      // lead streams: the lead's category code, plus
                                          // activities on no category (they answer it too)
    const Id* only_contact = nullptr;     // contact streams: the account's, for this contact
    const Rows* tasks = nullptr;
    std::vector<std::uint32_t> leads;     // creation + events
};

template <class T>
const T* find_row(const Table<T>& t, const Id& id, std::uint32_t& row) {
    row = t.row_of(id);
    if (row == kNoRow) return nullptr;
    return &t.rows[row];
}

std::uint16_t lead_category(const Store& s, const Id& lead_id) {
    const Lead* l = s.leads.find(lead_id);
    return l ? category_code(s, l->product_category) : 0;
}

// The small streams (tasks, lead creation, lead events) that pass the filter, newest first.
std::vector<TimelineEntry> gather_small(const Store& s, const Indexes& idx, const Sources& src,
                                        const TimelineFilter& f, std::uint16_t want_cat,
                                        const Key& before) {
    std::vector<TimelineEntry> out;
    auto push = [&](Time at, EntryKind k, std::uint32_t row) {
        TimelineEntry e{at, k, row};
        if (at < f.from || at >= f.to || !wants(f, k) || !(key_of(e) < before)) return;
        out.push_back(e);
    };
    if (src.tasks) {
        for (std::uint32_t r : *src.tasks) {
            const Task& t = s.tasks.rows[r];
            if (src.only_contact && t.contact_id != *src.only_contact) continue;
            if (want_cat && lead_category(s, t.lead_id) != want_cat) continue;
            if (t.created_at) push(t.created_at, EntryKind::task_created, r);
            if (t.state != TaskState::open && t.done_at) push(t.done_at, EntryKind::task_done, r);
        }
    }
    for (std::uint32_t l : src.leads) {
        const Lead& lead = s.leads.rows[l];
        if (want_cat && category_code(s, lead.product_category) != want_cat) continue;
        push(lead.created_at, EntryKind::lead_created, l);
        if (l < idx.events_of_lead.size())
            for (std::uint32_t er : idx.events_of_lead[l])
                push(s.lead_events.rows[er].at, EntryKind::lead_event, er);
    }
    std::sort(out.begin(), out.end(),
              [](const TimelineEntry& a, const TimelineEntry& b) { return key_of(b) < key_of(a); });
    return out;
}

TimelinePage page_of(const Store& s, const Indexes& idx, const Sources& src,
                     const TimelineFilter& f, const TimelineCursor& after, size_t page_size) {
    TimelinePage page;
    const Key before{after.at, after.kind, after.row};
    std::uint16_t want_cat = f.product_category.empty() ? 0 : category_code(s, f.product_category);
    if (!f.product_category.empty() && want_cat == 0) return page;  // unknown category: nothing
    // Lead streams: the lead's category and uncategorized activities, unless the caller
    // asked for the category explicitly.
    bool with_uncategorized = false;
    if (src.only_category) {
        if (want_cat && want_cat != src.only_category) return page;
        with_uncategorized = want_cat == 0;
        want_cat = src.only_category;
    }
    std::vector<TimelineEntry> small = gather_small(s, idx, src, f, want_cat, before);

    // Activities: start just below min(cursor, `to`) and walk back.
    const auto& acts = s.activities.rows;
    const Rows empty;
    const Rows& rows = src.activities ? *src.activities : empty;
    Key limit = before;
    if (Key{f.to, 0, 0} < limit) limit = Key{f.to, 0, 0};
    size_t i = size_t(std::lower_bound(rows.begin(), rows.end(), limit,
                                       [&](std::uint32_t r, const Key& k) {
                                           return Key{acts[r].at, 0, r} < k;
                                       }) - rows.begin());
    const bool want_acts = wants(f, EntryKind::activity);
    auto next_activity = [&]() -> const std::uint32_t* {
        while (want_acts && i > 0) {
            std::uint32_t r = rows[--i];
            const Activity& a = acts[r];
            if (a.at < f.from) {
                i = 0;
                break;
            }
            if (!((f.activity_types >> unsigned(a.type)) & 1u)) continue;
            std::uint16_t cat = idx.activity_category[r];
            if (want_cat && cat != want_cat && !(with_uncategorized && cat == 0)) continue;
            if (src.only_contact && a.contact_id != *src.only_contact) continue;
            return &rows[i];
        }
        return nullptr;
    };
    const std::uint32_t* act = next_activity();
    size_t k = 0;
    while (page.entries.size() < page_size + 1 && (act || k < small.size())) {
        bool take_act = act && (k == small.size() ||
                                key_of(small[k]) < Key{acts[*act].at, 0, *act});
        if (take_act) {
            page.entries.push_back(TimelineEntry{acts[*act].at, EntryKind::activity, *act});
            act = next_activity();
        } else {
            page.entries.push_back(small[k++]);
        }
    }
    if (page.entries.size() > page_size) {
        page.entries.pop_back();
        page.has_more = true;
    }
    if (!page.entries.empty()) {
        const TimelineEntry& last = page.entries.back();
        page.next = TimelineCursor{last.at, std::uint8_t(last.kind), last.row};
    }
    return page;
}

std::string user_name(const Store& s, const Id& id) {
    if (id.empty()) return "the customer";
    const User* u = s.users.find(id);
    return u ? u->name : id;
}

std::string category_name(const Store& s, const Id& id) {
    const ProductCategory* c = s.categories.find(id);
    return c ? c->name : id;
}

std::string humanize(std::string_view wire) {
    std::string out(wire);
    for (char& c : out)
        if (c == '_') c = ' ';
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = char(out[0] - 'a' + 'A');
    return out;
}

}  // namespace

TimelinePage account_timeline(const Store& s, const Indexes& idx, const Id& account_id,
                              const TimelineFilter& f, const TimelineCursor& after,
                              size_t page_size) {
    std::uint32_t row = 0;
    if (!find_row(s.accounts, account_id, row) || row >= idx.activities_of_account.size()) return {};
    Sources src;
    src.activities = &idx.activities_of_account[row];
    src.tasks = &idx.tasks_of_account[row];
    src.leads = idx.leads_of_account[row];
    return page_of(s, idx, src, f, after, page_size);
}

TimelinePage contact_timeline(const Store& s, const Indexes& idx, const Id& contact_id,
                              const TimelineFilter& f, const TimelineCursor& after,
                              size_t page_size) {
    std::uint32_t row = 0, acc = 0;
    const Contact* c = find_row(s.contacts, contact_id, row);
    if (!c || !find_row(s.accounts, c->account_id, acc) || acc >= idx.activities_of_account.size())
        return {};
    Sources src;
    src.activities = &idx.activities_of_account[acc];
    src.tasks = &idx.tasks_of_account[acc];
    src.only_contact = &c->id;
    return page_of(s, idx, src, f, after, page_size);
}

TimelinePage lead_timeline(const Store& s, const Indexes& idx, const Id& lead_id,
                           const TimelineFilter& f, const TimelineCursor& after, size_t page_size) {
    std::uint32_t row = 0;
    const Lead* lead = find_row(s.leads, lead_id, row);
    if (!lead || row >= idx.tasks_of_lead.size()) return {};
    std::uint32_t acc = 0;
    if (!find_row(s.accounts, lead->account_id, acc)) return {};
    Sources src;
    src.activities = &idx.activities_of_account[acc];
    src.only_category = category_code(s, lead->product_category);
    src.tasks = &idx.tasks_of_lead[row];
    src.leads = {row};
    return page_of(s, idx, src, f, after, page_size);
}

Id entry_actor(const Store& s, const TimelineEntry& e) {
    switch (e.kind) {
        case EntryKind::activity: return s.activities.rows[e.row].author;
        case EntryKind::task_created: {
            const Task& t = s.tasks.rows[e.row];
            return t.rule_id.empty() ? t.assignee : Id("system");
        }
        case EntryKind::task_done: {
            const Task& t = s.tasks.rows[e.row];
            return t.done_by.empty() ? t.assignee : t.done_by;
        }
        case EntryKind::lead_created: return "system";
        case EntryKind::lead_event: return s.lead_events.rows[e.row].actor;
    }
    return {};
}

std::string describe(const Store& s, const TimelineEntry& e) {
    switch (e.kind) {
        case EntryKind::activity: {
            const Activity& a = s.activities.rows[e.row];
            std::string out = humanize(name_of(a.type));
            if (!a.author.empty()) out += " by " + user_name(s, a.author);
            if (!a.product_category.empty()) out += " (" + category_name(s, a.product_category) + ")";
            if (a.amount) {
                out += ", " + std::to_string(a.amount / 100) + "." +
                       std::to_string(100 + (a.amount < 0 ? -a.amount : a.amount) % 100).substr(1);
            }
            if (!a.note.empty()) out += ": " + a.note;
            return out;
        }
        case EntryKind::task_created: {
            const Task& t = s.tasks.rows[e.row];
            std::string out = "Task created: " + t.title + ", for " + user_name(s, t.assignee);
            if (!t.blocked_reason.empty()) out += " (blocked: " + t.blocked_reason + ")";
            return out;
        }
        case EntryKind::task_done: {
            const Task& t = s.tasks.rows[e.row];
            return std::string(t.state == TaskState::skipped ? "Task skipped: " : "Task done: ") +
                   t.title + (t.outcome.empty() ? "" : ": " + t.outcome) +
                   (t.done_by.empty() || t.done_by == t.assignee ? "" : " (by " + user_name(s, t.done_by) + ")");
        }
        case EntryKind::lead_created: {
            const Lead& l = s.leads.rows[e.row];
            return "Lead opened for " + category_name(s, l.product_category);
        }
        case EntryKind::lead_event: {
            const LeadEvent& ev = s.lead_events.rows[e.row];
            std::string by = ev.actor == "system" ? "" : " by " + user_name(s, ev.actor);
            std::string why = ev.reason.empty() ? "" : ": " + ev.reason;
            switch (ev.kind) {
                case LeadEventKind::state_changed:
                    return "Lead " + humanize(name_of(ev.from_state)) + " -> " +
                           humanize(name_of(ev.to_state)) + by + why;
                case LeadEventKind::assigned:
                    return "Lead assigned to " + user_name(s, ev.to_owner) + by + why;
                case LeadEventKind::reassigned:
                    return "Lead reassigned from " + user_name(s, ev.from_owner) + " to " +
                           user_name(s, ev.to_owner) + by + why;
                case LeadEventKind::sla_notice:
                    return "SLA breach: " + user_name(s, ev.to_owner) + " notified" + why;
                case LeadEventKind::sla_redirect:
                    return "Lead redirected from " + user_name(s, ev.from_owner) + " to " +
                           user_name(s, ev.to_owner) + why;
                default: return "Lead event";
            }
        }
    }
    return {};
}

TimelineSummary account_summary(const Store& s, const Indexes& idx, const Id& account_id, Time now) {
    TimelineSummary out;
    std::uint32_t row = 0;
    if (!find_row(s.accounts, account_id, row) || row >= idx.activities_of_account.size()) return out;
    const Rows& rows = idx.activities_of_account[row];
    for (size_t i = lower_bound_at(rows, s.activities.rows, now + 1); i-- > 0;) {
        ActivityType t = s.activities.rows[rows[i]].type;
        if (t == ActivityType::note || t == ActivityType::email_bounce) continue;
        out.last_touch = rows[i];
        break;
    }
    for (std::uint32_t r : idx.tasks_of_account[row]) {
        const Task& t = s.tasks.rows[r];
        if (t.state != TaskState::open || t.account_id != account_id) continue;
        ++out.open_tasks;
        if (t.due < now) ++out.overdue_tasks;
        if (!t.blocked_reason.empty()) continue;
        if (out.next_step == kNoRow || t.due < s.tasks.rows[out.next_step].due) out.next_step = r;
    }
    return out;
}

}  // namespace fc
