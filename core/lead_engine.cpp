// [SECTION] helpers: row lookups, interning, record copies
// [SECTION] indexing: buckets, signals, leads
// [SECTION] the per-bucket update (windows, creation, scores)
// [SECTION] public entry points
#include "lead_engine.h"
#include <algorithm>
#include <cstdio>
#include "enum_names.h"

namespace fc {
namespace {

// [SECTION] helpers: row lookups, interning, record copies

template <class T>
std::uint32_t row_of(const Table<T>& t, const Id& id) {
    return t.row_of(id);
}

bool is_closed(const Lead& l) {
    return l.state == LeadState::converted || l.state == LeadState::disqualified;
}

// Names are few (channels, segments): a linear scan beats hashing at this size.
template <class Index>
Index intern(std::vector<std::string>& names, const std::string& name, bool& grew) {
    auto it = std::find(names.begin(), names.end(), name);
    if (it != names.end()) return Index(it - names.begin());
    if (names.size() > std::numeric_limits<Index>::max()) return 0;  // beyond: scored as none
    names.push_back(name);
    grew = true;
    return Index(names.size() - 1);
}

void copy_contact(Store& s, std::uint32_t row) {
    LeadBook& book = s.lead_book;
    if (book.contact_role.size() <= row) {
        book.contact_role.resize(row + 1, 0);
        book.contact_dnc.resize(row + 1, 0);
    }
    const Contact& c = s.contacts.rows[row];
    book.contact_role[row] = std::uint8_t(c.role);
    book.contact_dnc[row] = c.do_not_contact ? 1 : 0;
}

void copy_account(Store& s, std::uint32_t row) {
    LeadBook& book = s.lead_book;
    if (book.account_segment.size() <= row) {
        book.account_segment.resize(row + 1, 0);
        book.account_employees.resize(row + 1, 0);
        book.account_buckets.resize(row + 1);
    }
    const Account& a = s.accounts.rows[row];
    bool grew = false;
    book.account_segment[row] = intern<std::uint16_t>(book.segments, a.segment, grew);
    book.account_employees[row] = a.employees;
    if (grew) book.compiled_stale = true;
}

void copy_new_contacts_and_accounts(Store& s) {
    for (size_t r = s.lead_book.contact_role.size(); r < s.contacts.size(); ++r)
        copy_contact(s, std::uint32_t(r));
    for (size_t r = s.lead_book.account_segment.size(); r < s.accounts.size(); ++r)
        copy_account(s, std::uint32_t(r));
}

void ensure_compiled(Store& s) {
    LeadBook& book = s.lead_book;
    if (!book.compiled_stale) return;
    book.compiled = compile_rules(book.rules, book, s);
    book.compiled_stale = false;
}

// [SECTION] indexing: buckets, signals, leads

std::uint32_t find_or_add_bucket(LeadBook& book, std::uint32_t account, std::uint32_t category) {
    auto& list = book.account_buckets[account];
    for (const auto& [cat, b] : list)
        if (cat == category) return b;
    std::uint32_t b = std::uint32_t(book.buckets.size());
    book.buckets.push_back(Bucket{account, category, {}, {}});
    list.emplace_back(category, b);
    return b;
}

// The signal of an activity row and the bucket it belongs to; false for activities about no
// product category (they make no lead).
bool make_signal(Store& s, std::uint32_t row, Signal& sig, std::uint32_t& account,
                 std::uint32_t& category) {
    const Activity& a = s.activities.rows[row];
    if (a.product_category.empty()) return false;
    category = row_of(s.categories, a.product_category);
    account = row_of(s.accounts, a.account_id);
    if (category == kNoRow || account == kNoRow) return false;
    sig.at = a.at;
    sig.row = row;
    sig.type = a.type;
    sig.contact = a.contact_id.empty() ? kNoRow : row_of(s.contacts, a.contact_id);
    std::uint32_t campaign = a.campaign_id.empty() ? kNoRow : row_of(s.campaigns, a.campaign_id);
    sig.campaign = campaign == kNoRow ? 0 : campaign + 1;
    bool grew = false;
    sig.channel = a.channel.empty() ? 0 : intern<std::uint8_t>(s.lead_book.channels, a.channel, grew);
    if (grew) s.lead_book.compiled_stale = true;
    return true;
}

// Time order; equal times by activity id, so the order (and the floating-point sums over it)
// is the same whatever order the activities were logged in.
struct SignalLess {
    const Store& s;
    bool operator()(const Signal& a, const Signal& b) const {
        if (a.at != b.at) return a.at < b.at;
        return s.activities.rows[a.row].id < s.activities.rows[b.row].id;
    }
};

void place_lead(Store& s, std::uint32_t row, std::vector<std::uint32_t>& touched) {
    LeadBook& book = s.lead_book;
    if (book.lead_bucket.size() <= row) book.lead_bucket.resize(row + 1, kNoRow);
    const Lead& l = s.leads.rows[row];
    std::uint32_t account = row_of(s.accounts, l.account_id);
    std::uint32_t category = row_of(s.categories, l.product_category);
    std::uint32_t b = account == kNoRow || category == kNoRow
                          ? kNoRow
                          : find_or_add_bucket(book, account, category);
    std::uint32_t old = book.lead_bucket[row];
    if (old == b) return;
    if (old != kNoRow) {
        auto& leads = book.buckets[old].leads;
        leads.erase(std::remove(leads.begin(), leads.end(), row), leads.end());
        touched.push_back(old);
    }
    book.lead_bucket[row] = b;
    if (b != kNoRow) {
        book.buckets[b].leads.push_back(row);
        touched.push_back(b);
    }
}

// Indexes activity and lead rows appended since the last call; returns the touched buckets.
void index_new_rows(Store& s, std::vector<std::uint32_t>& touched) {
    LeadBook& book = s.lead_book;
    copy_new_contacts_and_accounts(s);
    for (size_t r = book.activities_indexed; r < s.activities.size(); ++r) {
        Signal sig;
        std::uint32_t account = 0, category = 0;
        if (!make_signal(s, std::uint32_t(r), sig, account, category)) continue;
        std::uint32_t b = find_or_add_bucket(book, account, category);
        auto& v = book.buckets[b].signals;
        v.insert(std::upper_bound(v.begin(), v.end(), sig, SignalLess{s}), sig);
        touched.push_back(b);
    }
    book.activities_indexed = s.activities.size();
    for (size_t r = book.leads_indexed; r < s.leads.size(); ++r)
        place_lead(s, std::uint32_t(r), touched);
    book.leads_indexed = s.leads.size();
}

// Indexes everything from scratch. Buckets are numbered in account order and each bucket's
// vector is allocated once at its exact size, in that order: a full re-score then walks
// buckets, signals, account and contact bytes and the leads it opened all front to back.
void build_book(Store& s) {
    LeadBook& book = s.lead_book;
    ScoringRules rules = std::move(book.rules);
    book = LeadBook{};
    book.rules = std::move(rules);
    copy_new_contacts_and_accounts(s);

    std::vector<Signal> signals(s.activities.size());
    std::vector<std::uint32_t> bucket_of(s.activities.size(), kNoRow);
    for (std::uint32_t r = 0; r < s.activities.size(); ++r) {
        std::uint32_t account = 0, category = 0;
        if (make_signal(s, r, signals[r], account, category))
            bucket_of[r] = find_or_add_bucket(book, account, category);
    }
    std::vector<std::uint32_t> renumber(book.buckets.size());
    std::vector<Bucket> ordered;
    ordered.reserve(book.buckets.size());
    for (std::uint32_t account = 0; account < book.account_buckets.size(); ++account) {
        auto& list = book.account_buckets[account];
        std::sort(list.begin(), list.end());
        for (auto& [category, b] : list) {
            renumber[b] = std::uint32_t(ordered.size());
            b = renumber[b];
            ordered.push_back(Bucket{account, category, {}, {}});
        }
    }
    std::vector<std::uint32_t> counts(ordered.size(), 0);
    for (std::uint32_t& b : bucket_of)
        if (b != kNoRow) ++counts[b = renumber[b]];
    for (size_t b = 0; b < ordered.size(); ++b) ordered[b].signals.reserve(counts[b]);
    for (size_t r = 0; r < signals.size(); ++r)
        if (bucket_of[r] != kNoRow) ordered[bucket_of[r]].signals.push_back(signals[r]);
    book.buckets = std::move(ordered);
    std::vector<Signal>().swap(signals);
    std::vector<std::uint32_t>().swap(bucket_of);
    SignalLess less{s};
    for (Bucket& b : book.buckets) std::sort(b.signals.begin(), b.signals.end(), less);
    book.activities_indexed = s.activities.size();

    std::vector<std::uint32_t> touched;
    for (std::uint32_t r = 0; r < s.leads.size(); ++r) place_lead(s, r, touched);
    book.leads_indexed = s.leads.size();
    book.built = true;
    book.compiled_stale = true;
}

// [SECTION] the per-bucket update (windows, creation, scores)

std::uint64_t fnv1a(const std::string& text) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char ch : text) h = (h ^ ch) * 1099511628211ull;
    return h;
}

// Derived from what the lead is about, so two replicas opening it offline agree on the id.
Id derive_lead_id(const Store& s, const Id& account, const Id& category, size_t window) {
    std::string suffix = window > 1 ? "-" + std::to_string(window) : "";
    Id id = "L-" + account + "-" + category + suffix;
    if (id.size() <= 64 && !s.leads.contains(id)) return id;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx",
                  static_cast<unsigned long long>(fnv1a(account + '\n' + category)));
    id = "L-" + std::string(hex) + suffix;
    while (s.leads.contains(id)) id += "x";
    return id;
}

// Calls f(k, lead_row, begin, end) for each lead of the bucket in window order, then
// f(npos, kNoRow, begin, end) for the tail when the last lead is closed (or there is none).
template <class F>
void for_each_window(const Store& s, const Bucket& b, F&& f) {
    size_t begin = 0;
    const size_t n = b.leads.size();
    for (size_t k = 0; k < n; ++k) {
        const Lead& l = s.leads.rows[b.leads[k]];
        // A closed lead from before closed_at existed (older data) is taken as closed at its
        // last known moment, so its history does not reopen as a new lead.
        Time end_time = is_closed(l) ? (l.closed_at != 0 ? l.closed_at
                                                         : std::max(l.created_at,
                                                                    l.first_response_at))
                        : k + 1 < n  ? s.leads.rows[b.leads[k + 1]].created_at - 1
                                     : kNever;
        size_t end = b.signals.size();
        if (end_time != kNever)
            end = size_t(std::upper_bound(b.signals.begin() + std::ptrdiff_t(begin),
                                          b.signals.end(), end_time,
                                          [](Time t, const Signal& sig) { return t < sig.at; }) -
                         b.signals.begin());
        f(k, b.leads[k], begin, end);
        begin = end;
    }
    if (n == 0 || is_closed(s.leads.rows[b.leads[n - 1]]))
        f(size_t(-1), kNoRow, begin, b.signals.size());
}

Time first_response_in(const Bucket& b, size_t begin, size_t end, Time after) {
    for (size_t i = begin; i < end; ++i)
        if (b.signals[i].at >= after && is_response(b.signals[i].type)) return b.signals[i].at;
    return kNever;
}

// `replay`: signals, leads or rules of the bucket may have changed since its last update, so
// creation time, first response and new leads are re-derived. Without it (the clock moved,
// nothing else did) only the scores are: those are the only results that depend on `now`.
void refresh_open_lead(const LeadBook& book, const Bucket& b, size_t begin, size_t end, Lead& l,
                       ScoreScratch& scratch, bool replay) {
    const CompiledRules& c = book.compiled;
    if (!replay) {
        l.score = score_window(c, book, b, begin, end, book.now, scratch);
        return;
    }
    // The crossing cannot precede the window's first signal: skip the replay when the lead
    // already dates from it (explicit requests, mostly).
    if (begin < end && b.signals[begin].at < l.created_at)
        l.created_at =
            std::min(l.created_at, first_crossing(c, book, b, begin, end, l.created_at));
    Time response = first_response_in(b, begin, end, l.created_at);
    if (response != kNever && (l.first_response_at == 0 || response < l.first_response_at))
        l.first_response_at = response;
    l.score = score_window(c, book, b, begin, end, book.now, scratch);
}

void update_bucket(Store& s, std::uint32_t bi, ScoreScratch& scratch, bool replay = true) {
    LeadBook& book = s.lead_book;
    Bucket& b = book.buckets[bi];
    auto window_order = [&](std::uint32_t x, std::uint32_t y) {
        const Lead& a = s.leads.rows[x];
        const Lead& c = s.leads.rows[y];
        return a.created_at != c.created_at ? a.created_at < c.created_at : a.id < c.id;
    };
    if (b.leads.size() > 1 && !std::is_sorted(b.leads.begin(), b.leads.end(), window_order))
        std::sort(b.leads.begin(), b.leads.end(), window_order);
    Time opens_at = kNever;
    size_t tail_begin = 0;
    for_each_window(s, b, [&](size_t, std::uint32_t row, size_t begin, size_t end) {
        if (row == kNoRow) {
            if (replay && begin < end) opens_at = first_crossing(book.compiled, book, b, begin, end);
            tail_begin = begin;
            return;
        }
        Lead& l = s.leads.rows[row];
        if (!is_closed(l)) refresh_open_lead(book, b, begin, end, l, scratch, replay);
    });
    if (opens_at == kNever) return;

    const Account& account = s.accounts.rows[b.account];
    Lead l;
    l.id = derive_lead_id(s, account.id, s.categories.rows[b.category].id, b.leads.size() + 1);
    l.account_id = account.id;
    l.product_category = s.categories.rows[b.category].id;
    l.dealer_id = account.dealer_id;
    l.created_at = opens_at;
    refresh_open_lead(book, b, tail_begin, b.signals.size(), l, scratch, true);
    std::uint32_t row = s.leads.put(std::move(l));
    if (book.lead_bucket.size() <= row) book.lead_bucket.resize(row + 1, kNoRow);
    book.lead_bucket[row] = bi;
    b.leads.push_back(row);
    book.leads_indexed = s.leads.size();
}

void update_buckets(Store& s, std::vector<std::uint32_t>& touched) {
    if (touched.empty()) return;
    ensure_compiled(s);
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    ScoreScratch scratch;
    for (std::uint32_t b : touched) update_bucket(s, b, scratch);
}

void update_all(Store& s, bool replay) {
    ensure_compiled(s);
    ScoreScratch scratch;
    for (std::uint32_t b = 0; b < s.lead_book.buckets.size(); ++b)
        update_bucket(s, b, scratch, replay);
}

void update_account_buckets(Store& s, std::uint32_t account) {
    std::vector<std::uint32_t> touched;
    for (const auto& [cat, b] : s.lead_book.account_buckets[account]) touched.push_back(b);
    update_buckets(s, touched);
}

}  // namespace

// [SECTION] public entry points

void rebuild_leads(Store& s, Time now) {
    build_book(s);
    s.lead_book.now = now;
    update_all(s, true);
}

void rescore_all(Store& s, Time now) {
    if (!s.lead_book.built) return rebuild_leads(s, now);
    // Rows appended behind the engine's back get their full update first; then, unless the
    // rules changed, moving the clock only re-scores.
    const bool rules_changed = s.lead_book.compiled_stale;
    std::vector<std::uint32_t> touched;
    index_new_rows(s, touched);
    update_buckets(s, touched);
    s.lead_book.now = now;
    update_all(s, rules_changed);
}

void ensure_lead_book(Store& s, Time now) {
    if (!s.lead_book.built) return rebuild_leads(s, now);
    std::vector<std::uint32_t> touched;
    index_new_rows(s, touched);
    update_buckets(s, touched);
}

void set_scoring_rules(Store& s, const ScoringRules& rules) {
    s.lead_book.rules = rules;
    s.lead_book.compiled_stale = true;
    rescore_all(s, s.lead_book.now);
}

void leads_on_activity(Store& s, std::uint32_t row) {
    // A book never built starts its clock at the first activity it sees.
    ensure_lead_book(s, s.lead_book.built ? s.lead_book.now : s.activities.rows[row].at);
}

void leads_on_lead(Store& s, std::uint32_t row) {
    if (!s.lead_book.built || row >= s.lead_book.leads_indexed)
        return ensure_lead_book(s, s.lead_book.now);
    std::vector<std::uint32_t> touched;
    place_lead(s, row, touched);  // it may have moved to another account or category
    if (s.lead_book.lead_bucket[row] != kNoRow) touched.push_back(s.lead_book.lead_bucket[row]);
    update_buckets(s, touched);
}

void leads_on_contact(Store& s, std::uint32_t row) {
    if (!s.lead_book.built) return;
    copy_new_contacts_and_accounts(s);
    copy_contact(s, row);
    std::uint32_t account = row_of(s.accounts, s.contacts.rows[row].account_id);
    if (account != kNoRow) update_account_buckets(s, account);
}

void leads_on_account(Store& s, std::uint32_t row) {
    if (!s.lead_book.built) return;
    copy_new_contacts_and_accounts(s);
    copy_account(s, row);
    update_account_buckets(s, row);
}

void leads_on_campaign(Store& s) { s.lead_book.compiled_stale = true; }

LeadWindow lead_window(const Store& s, std::uint32_t lead_row) {
    const LeadBook& book = s.lead_book;
    LeadWindow w;
    if (lead_row >= book.lead_bucket.size() || book.lead_bucket[lead_row] == kNoRow) return w;
    w.bucket = book.lead_bucket[lead_row];
    for_each_window(s, book.buckets[w.bucket], [&](size_t, std::uint32_t row, size_t b, size_t e) {
        if (row == lead_row) {
            w.begin = b;
            w.end = e;
        }
    });
    return w;
}

std::vector<Contribution> explain_lead(Store& s, std::uint32_t lead_row) {
    ensure_lead_book(s, s.lead_book.now);
    ensure_compiled(s);
    std::vector<Contribution> out;
    LeadWindow w = lead_window(s, lead_row);
    if (w.bucket == kNoRow) return out;
    ScoreScratch scratch;
    score_window(s.lead_book.compiled, s.lead_book, s.lead_book.buckets[w.bucket], w.begin, w.end,
                 s.lead_book.now, scratch, &out);
    return out;
}

json to_json(const Store& s, const Contribution& c) {
    json j = {{"reason", c.do_not_contact ? "do_not_contact" : "activity"},
              {"base", c.base},       {"decay", c.decay},
              {"campaign", c.campaign}, {"authority", c.authority},
              {"fit", c.fit},         {"capped", c.capped},
              {"cap_scale", c.cap_scale}, {"points", c.points}};
    if (c.activity_row < s.activities.size()) {
        const Activity& a = s.activities.rows[c.activity_row];
        j["activity_id"] = a.id;
        j["type"] = name_of(a.type);
        j["at"] = a.at;
    }
    return j;
}

RulesPreview preview_rules(Store& s, const ScoringRules& rules) {
    ensure_lead_book(s, s.lead_book.now);
    const LeadBook& book = s.lead_book;
    CompiledRules c = compile_rules(rules, book, s);
    RulesPreview p;
    p.scores.resize(s.leads.size());
    for (size_t r = 0; r < s.leads.size(); ++r) p.scores[r] = s.leads.rows[r].score;
    ScoreScratch scratch;
    for (const Bucket& b : book.buckets) {
        for_each_window(s, b, [&](size_t, std::uint32_t row, size_t begin, size_t end) {
            if (row == kNoRow) {
                if (begin < end && first_crossing(c, book, b, begin, end) != kNever)
                    ++p.new_leads;
                return;
            }
            if (is_closed(s.leads.rows[row])) return;
            double score = score_window(c, book, b, begin, end, book.now, scratch);
            p.scores[row] = score;
            LeadBand band = band_of(rules, score);
            (band == LeadBand::hot ? p.hot : band == LeadBand::warm ? p.warm : p.cold) += 1;
        });
    }
    return p;
}

std::vector<std::uint32_t> leads_by_priority(const Store& s, Time now) {
    struct Item {
        double priority;
        std::uint32_t row;
    };
    std::vector<Item> items;
    for (std::uint32_t r = 0; r < s.leads.size(); ++r)
        if (!is_closed(s.leads.rows[r]))
            items.push_back({priority(s.lead_book.rules, s.leads.rows[r], now), r});
    std::sort(items.begin(), items.end(), [&](const Item& a, const Item& b) {
        if (a.priority != b.priority) return a.priority > b.priority;
        return s.leads.rows[a.row].id < s.leads.rows[b.row].id;
    });
    std::vector<std::uint32_t> out;
    out.reserve(items.size());
    for (const Item& i : items) out.push_back(i.row);
    return out;
}

}  // namespace fc
