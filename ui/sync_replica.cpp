#include "sync_replica.h"
#include <algorithm>
#include "app_index.h"
#include "dispatch.h"
#include "inbox_preview.h"
#include "lead_engine.h"
#include "pull_page.h"
#include "record_json.h"
#include "record_table.h"
#include "snapshot_binary.h"
#include "sync_status.h"
#include <unordered_map>
#include <unordered_set>
#include "sync_apply.h"

namespace fc::ui {
namespace {

MaybeError parse(std::string_view text, json& out, const char* what) {
    out = json::parse(text.begin(), text.end(), nullptr, false);
    if (out.is_discarded() || !out.is_object())
        return Error{"invalid_json", "", std::string(what) + " is not a JSON object"};
    return std::nullopt;
}

// Stores a pulled record; `incremental`: tell the lead engine about the changed row (a loaded
// app; a load derives everything once at its end).
template <class T>
void put_pulled(Store& s, Table<T>& table, T&& r, bool incremental,
                void (*follow)(Store&, std::uint32_t) = nullptr) {
    std::uint32_t row = table.put(std::move(r));
    if (incremental && follow) follow(s, row);
}

void put_change(Store& s, Dealer&& r, bool inc) { put_pulled(s, s.dealers, std::move(r), inc); }
void put_change(Store& s, User&& r, bool inc) { put_pulled(s, s.users, std::move(r), inc); }
void put_change(Store& s, ProductCategory&& r, bool inc) {
    put_pulled(s, s.categories, std::move(r), inc);
}
void put_change(Store& s, Campaign&& r, bool inc) {
    put_pulled(s, s.campaigns, std::move(r), inc, [](Store& st, std::uint32_t) { leads_on_campaign(st); });
}
void put_change(Store& s, Account&& r, bool inc) {
    put_pulled(s, s.accounts, std::move(r), inc, leads_on_account);
}
void put_change(Store& s, Contact&& r, bool inc) {
    put_pulled(s, s.contacts, std::move(r), inc, leads_on_contact);
}
void put_change(Store& s, Activity&& r, bool inc) {
    put_pulled(s, s.activities, std::move(r), inc, leads_on_activity);
}
void put_change(Store& s, Lead&& r, bool inc) { put_pulled(s, s.leads, std::move(r), inc, leads_on_lead); }
void put_change(Store& s, Task&& r, bool inc) { put_pulled(s, s.tasks, std::move(r), inc); }
// Deals and lead events: nothing for the engine to follow per row.
void put_change(Store& s, Deal&& r, bool inc) { put_pulled(s, s.deals, std::move(r), inc); }
void put_change(Store& s, LeadEvent&& r, bool inc) { put_pulled(s, s.lead_events, std::move(r), inc); }

// What a page of a loaded replica's pull changed, so that derived data can follow only that
// (follow_small_pull) instead of being rebuilt from the whole store.
struct PageChanges {
    bool rebuild = false;  // something only a rebuild follows (see note_change)
    bool campaigns = false;  // an activity about a campaign: lead campaigns are redone
    std::vector<std::pair<std::string, Id>> records;  // table, id
    std::vector<Id> accounts;  // whose leads the lead engine may have re-scored
};

// Notes a pulled record before it is stored. Only new activities, leads, tasks, lead events
// and deals, and replaced ones whose place in the indexes stays, are followed record by
// record; anything else (reference data, accounts and contacts, whose names order lists, a
// record moved to another account) asks for a rebuild.
template <class T>
void note_change(const Store&, const char*, const T&, PageChanges& out) {
    out.rebuild = true;
}
void note_change(const Store& s, const char* table, const Activity& a, PageChanges& out) {
    if (const Activity* old = s.activities.find(a.id))
        if (old->at != a.at || old->account_id != a.account_id || old->type != a.type ||
            old->product_category != a.product_category || old->campaign_id != a.campaign_id)
            out.rebuild = true;
    if (!a.campaign_id.empty()) out.campaigns = true;
    out.accounts.push_back(a.account_id);
    out.records.emplace_back(table, a.id);
}
void note_change(const Store& s, const char* table, const Lead& l, PageChanges& out) {
    if (const Lead* old = s.leads.find(l.id))
        if (old->account_id != l.account_id || old->product_category != l.product_category)
            out.rebuild = true;
    out.accounts.push_back(l.account_id);
    out.records.emplace_back(table, l.id);
}
void note_change(const Store& s, const char* table, const Task& t, PageChanges& out) {
    if (const Task* old = s.tasks.find(t.id))
        if (old->account_id != t.account_id || old->lead_id != t.lead_id || old->assignee != t.assignee)
            out.rebuild = true;
    out.records.emplace_back(table, t.id);
}
void note_change(const Store&, const char* table, const Deal& d, PageChanges& out) {
    out.records.emplace_back(table, d.id);
}
void note_change(const Store&, const char* table, const LeadEvent& e, PageChanges& out) {
    out.records.emplace_back(table, e.id);
}

// After the last page of a pull: the records made here by commands no longer waiting (the
// server has them: acknowledged, forgotten before this pull) that the pull did not bring. The
// pull started after the acknowledgement, so it brought everything the server made for them;
// what is left was made only here, on a state the server did not have.
bool drop_unconfirmed_records(AppState& app) {
    auto& local = app.sync.local_records;
    if (local.empty()) return false;
    std::unordered_set<std::string> waiting;
    for (const Command& c : app.outbox) waiting.insert(c.client_id + "#" + std::to_string(c.seq));
    for (const Command& c : app.sync.foreign)
        waiting.insert(c.client_id + "#" + std::to_string(c.seq));
    bool removed = false;
    for (auto it = local.begin(); it != local.end();) {
        if (waiting.count(it->second)) {
            ++it;
            continue;
        }
        size_t slash = it->first.find('/');
        removed = erase_record_unchecked(app.store, it->first.substr(0, slash),
                                         it->first.substr(slash + 1)) || removed;
        it = local.erase(it);
    }
    return removed;
}

// The waiting commands again, on top of records a pull replaced. A command that no longer
// applies (its record moved on) simply leaves the pulled version; it is still sent. `index`:
// follow each in the derived data as dispatch() does (else the caller rebuilds it).
void replay_waiting(AppState& app, bool index = false) {
    for (const std::vector<Command>* list : {&app.outbox, &app.sync.foreign})
        for (const Command& c : *list)
            if (!apply_local_command(app, c) && index) note_applied(app, c);
}

// Derived data after a small page: the pulled records and the waiting commands replayed over
// them are followed one by one, as dispatch() follows a command, instead of rebuilding the
// indexes from every record (seconds on a big book, for a page of a hundred).
void follow_small_pull(AppState& app, const PageChanges& page) {
    Store& s = app.store;
    // New lead rows first: index_command() takes a lead count that differs from the index's
    // for a lead the engine opened, and rebuilds. A new lead (pulled, or opened by the engine
    // on pulled signals) may be about campaigns of earlier activities: campaigns are redone.
    bool campaigns = index_new_leads(s, app.index) || page.campaigns;
    for (const auto& [table, id] : page.records) index_pulled_record(s, app.index, table, id);
    replay_waiting(app, true);
    campaigns = index_new_leads(s, app.index) || campaigns;
    std::vector<std::uint32_t> accounts;
    for (const Id& a : page.accounts) accounts.push_back(s.accounts.row_of(a));
    std::sort(accounts.begin(), accounts.end());
    accounts.erase(std::unique(accounts.begin(), accounts.end()), accounts.end());
    for (std::uint32_t a : accounts) index_account_leads(s, app.index, a);
    if (campaigns) rebuild_lead_campaigns(s, app.index);
    refresh_indexes(app.core_index, s);
    app.reports.valid = false;
    app.inbox.dirty = true;
    app.inbox.hits_valid = false;
    app.accounts.list_dirty = true;
    app.follow_ups.dirty = true;
}

// Up to how many records a page is followed record by record rather than by a rebuild: the
// rebuild's cost grows with the store, the per-record one with the page.
bool small_page(const Store& s, std::size_t changes) {
    return changes <= 1000 || changes * 10 <= s.activities.size();
}

std::uint64_t seq_of(const json& j) {
    auto it = j.find("seq");
    return it != j.end() && it->is_number_unsigned() ? it->get<std::uint64_t>() : 0;
}

RefusedCommand refused_from_json(const json& j) {
    RefusedCommand r;
    r.client_id = j.value("client_id", std::string());
    r.seq = seq_of(j);
    r.kind = j.value("kind", std::string());
    if (auto e = j.find("error"); e != j.end() && e->is_object()) {
        r.error.code = e->value("code", std::string());
        r.error.field = e->value("field", std::string());
        r.error.message = e->value("message", std::string());
    }
    return r;
}

}  // namespace

MaybeError configure_sync(AppState& app, std::string_view config_json) {
    json j;
    if (auto e = parse(config_json, j, "the sync configuration")) return e;
    app.client_id = j.value("client_id", app.client_id);
    app.user_id = j.value("user_id", app.user_id);
    app.next_seq = std::max<std::uint64_t>(app.next_seq, j.value("next_seq", std::uint64_t(1)));
    app.sync.handed_out_seq = std::max(app.sync.handed_out_seq, app.next_seq - 1);
    app.sync.preview_min_leads = j.value("preview_min_leads", app.sync.preview_min_leads);
    app.sync.enabled = true;
    return std::nullopt;
}

void begin_sync_load(AppState& app, const std::string& label) {
    app.store = Store{};
    app.sync.loading = Store{};
    app.loaded = false;
    app.preview = false;
    app.status = label + "…";
    app.outbox.clear();
    app.sync.foreign.clear();
    app.sync.local_records.clear();
    app.sync.in_progress = true;
    app.sync.progress_label = label;
    app.sync.progress_records = 0;
}

MaybeError apply_pull_page(AppState& app, std::string_view page, PullPage& out) {
    // During a load the records go to the loading store (a saved preview may be on screen).
    const bool incremental = !app.sync.in_progress;
    Store& store = incremental ? app.store : app.sync.loading;
    bool removed = false;
    PageChanges followed;
    followed.rebuild = !incremental;
    // A record the server sent is the server's, whichever replica made it first.
    auto server_has = [&](const char* table, const Id& id) {
        if (!app.sync.local_records.empty()) app.sync.local_records.erase(record_key(table, id));
    };
    PullSinkFor sink([&](const char* table, auto&& change) -> MaybeError {
        using C = std::decay_t<decltype(change)>;
        if constexpr (std::is_same_v<C, PulledTombstone>) {
            server_has(table, change.id);
            followed.rebuild = true;
            removed = erase_record_unchecked(store, table, change.id) || removed;
            return std::nullopt;
        } else if constexpr (std::is_same_v<C, PulledDocument>) {
            if (auto id = change.record.find("id"); id != change.record.end() && id->is_string())
                server_has(table, id->template get<std::string>());
            followed.rebuild = true;
            return put_record_unchecked(store, table, change.record);
        } else {
            server_has(table, change.id);
            if (!followed.rebuild) note_change(store, table, change, followed);
            put_change(store, std::move(change), incremental);
            return std::nullopt;
        }
    });
    if (auto e = read_pull_page(page, sink, out)) return e;
    if (!small_page(app.store, out.changes)) followed.rebuild = true;
    if (app.sync.in_progress) app.sync.progress_records += std::int64_t(out.changes);
    if (!out.has_more) removed = drop_unconfirmed_records(app) || removed;
    if (incremental && (out.changes || removed)) {
        if (!removed && !followed.rebuild) {
            follow_small_pull(app, followed);
            return std::nullopt;
        }
        // A removal moved another record into the removed one's row: the lead book refers to
        // rows, so it is rebuilt (as core does after contact.delete).
        if (removed && app.store.lead_book.built) rebuild_leads(app.store, app.store.lead_book.now);
        replay_waiting(app);
        refresh_derived_data(app);
    }
    return std::nullopt;
}

void finish_sync_load(AppState& app) {
    Store store = std::move(app.sync.loading);
    app.sync.loading = Store{};
    set_app_data(app, std::move(store));
    app.sync.in_progress = false;
}

std::string sync_preview(const AppState& app) {
    // As the server's part=top (server/routes.cpp): only for a book big enough to need it.
    constexpr size_t kRows = 200;
    if (!app.loaded || app.preview || app.store.leads.size() < app.sync.preview_min_leads)
        return "";
    return snapshot_tables_to_binary(inbox_preview(app.store, kRows),
                                     {"dealers", "users", "categories", "campaigns", "accounts",
                                      "leads", "scoring_rules", "sla_policy", "follow_up_rules"});
}

MaybeError show_sync_preview(AppState& app, std::string_view bytes) {
    if (!app.sync.in_progress) return std::nullopt;  // the load finished first: nothing to show
    return load_app_preview(app, bytes);
}

MaybeError replay_command(AppState& app, std::string_view command_json, bool own) {
    json j;
    if (auto e = parse(command_json, j, "the saved command")) return e;
    Command c;
    if (auto e = from_json(j, c)) return e;
    MaybeError applied = app.loaded ? apply_to_app(app, c) : apply_local_command(app, c);
    if (own) {
        app.next_seq = std::max(app.next_seq, c.seq + 1);
        app.sync.handed_out_seq = std::max(app.sync.handed_out_seq, c.seq);
        app.outbox.push_back(std::move(c));
    } else {
        app.sync.foreign.push_back(std::move(c));
    }
    return applied;
}

void forget_commands(AppState& app, std::string_view keys_json) {
    json keys = json::parse(keys_json.begin(), keys_json.end(), nullptr, false);
    if (!keys.is_array()) return;
    // A set, not a scan of the keys per command: a pushed batch of 10k forgets 10k. A run
    // ({client_id, through, except}) is a client's seqs up to `through` but those in `except`.
    std::unordered_set<std::string> gone;
    struct Run {
        std::uint64_t through = 0;
        std::unordered_set<std::uint64_t> except;
    };
    std::unordered_map<std::string, Run> runs;
    for (const json& k : keys) {
        if (!k.is_object()) continue;
        std::string client = k.value("client_id", std::string());
        auto through = k.find("through");
        if (through == k.end()) {
            gone.insert(client + "#" + std::to_string(seq_of(k)));
            continue;
        }
        Run& run = runs[client];
        if (through->is_number_unsigned()) run.through = std::max(run.through, through->get<std::uint64_t>());
        if (auto ex = k.find("except"); ex != k.end() && ex->is_array())
            for (const json& seq : *ex)
                if (seq.is_number_unsigned()) run.except.insert(seq.get<std::uint64_t>());
    }
    auto listed = [&](const Command& c) {
        if (auto r = runs.find(c.client_id);
            r != runs.end() && c.seq <= r->second.through && !r->second.except.count(c.seq))
            return true;
        return !gone.empty() && gone.count(c.client_id + "#" + std::to_string(c.seq)) > 0;
    };
    app.outbox.erase(std::remove_if(app.outbox.begin(), app.outbox.end(), listed),
                     app.outbox.end());
    auto& foreign = app.sync.foreign;
    foreign.erase(std::remove_if(foreign.begin(), foreign.end(), listed), foreign.end());
}

namespace {
// What the status strip draws of the sync client's state, to compare before and after. The
// last sync's time is shown to the minute ("Last synced 14:02 (just now)"): a sync in the same
// minute as the one before changes nothing on screen.
std::string strip_fields(const SyncState& s) {
    std::string out = std::to_string(s.online) + std::to_string(s.syncing) +
                      std::to_string(s.leader) + "|" + std::to_string(s.waiting) + "|" +
                      std::to_string(s.last_synced / 60) + "|" + std::to_string(s.retry_at) + "|" +
                      std::to_string(s.progress_total) + "|" + s.error;
    for (const RefusedCommand& r : s.refused) out += "|" + refused_key(r) + r.error.message;
    return out;
}
}  // namespace

bool set_sync_status(AppState& app, std::string_view status_json) {
    json j = json::parse(status_json.begin(), status_json.end(), nullptr, false);
    if (!j.is_object()) return false;
    SyncState& s = app.sync;
    const std::string before = strip_fields(s);
    s.online = j.value("online", s.online);
    s.syncing = j.value("syncing", s.syncing);
    s.leader = j.value("leader", s.leader);
    s.waiting = j.value("waiting", s.waiting);
    s.last_synced = j.value("last_synced", s.last_synced);
    s.error = j.value("error", s.error);
    s.retry_at = j.value("retry_at", s.retry_at);
    s.progress_total = j.value("progress_total", s.progress_total);
    if (auto r = j.find("refused"); r != j.end() && r->is_array()) {
        s.refused.clear();
        for (const json& item : *r) {
            RefusedCommand refused = refused_from_json(item);
            const auto& gone = s.dismissed_keys;
            if (std::find(gone.begin(), gone.end(), refused_key(refused)) == gone.end())
                s.refused.push_back(std::move(refused));
        }
    }
    return strip_fields(s) != before;
}

std::string take_sync_requests(AppState& app) {
    SyncState& s = app.sync;
    bool new_commands = !app.outbox.empty() && app.outbox.back().seq > s.handed_out_seq;
    if (!new_commands && s.dismissed.empty() && !s.sync_requested) return "";
    json out = {{"commands", json::array()}, {"dismissed", json::array()},
                {"sync_now", s.sync_requested}};
    for (const Command& c : app.outbox)
        if (c.seq > s.handed_out_seq) out["commands"].push_back(to_json(c));
    if (!app.outbox.empty()) s.handed_out_seq = std::max(s.handed_out_seq, app.outbox.back().seq);
    for (const RefusedCommand& r : s.dismissed)
        out["dismissed"].push_back({{"client_id", r.client_id}, {"seq", r.seq}});
    s.dismissed.clear();
    s.sync_requested = false;
    return out.dump();
}

}  // namespace fc::ui
