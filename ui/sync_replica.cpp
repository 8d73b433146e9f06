#include "sync_replica.h"
#include <algorithm>
#include "app_index.h"
#include "dispatch.h"
#include "inbox_preview.h"
#include "lead_engine.h"
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

// Reads a pulled record and stores it; `follow` tells the lead engine about a changed row.
template <class T, class Follow>
MaybeError put_pulled(Store& s, Table<T>& table, const json& record, const std::string& path,
                      bool incremental, Follow follow) {
    T r;
    if (auto e = from_json(record, r, path)) return e;
    std::uint32_t row = table.put(std::move(r));
    if (incremental) follow(s, row);
    return std::nullopt;
}

void no_follow(Store&, std::uint32_t) {}

MaybeError put_change(Store& s, const std::string& table, const json& record,
                      const std::string& path, bool incremental) {
    if (table == "dealers") return put_pulled(s, s.dealers, record, path, incremental, no_follow);
    if (table == "users") return put_pulled(s, s.users, record, path, incremental, no_follow);
    if (table == "categories")
        return put_pulled(s, s.categories, record, path, incremental, no_follow);
    if (table == "campaigns")
        return put_pulled(s, s.campaigns, record, path, incremental,
                          [](Store& st, std::uint32_t) { leads_on_campaign(st); });
    if (table == "accounts")
        return put_pulled(s, s.accounts, record, path, incremental, leads_on_account);
    if (table == "contacts")
        return put_pulled(s, s.contacts, record, path, incremental, leads_on_contact);
    if (table == "activities")
        return put_pulled(s, s.activities, record, path, incremental, leads_on_activity);
    if (table == "leads") return put_pulled(s, s.leads, record, path, incremental, leads_on_lead);
    if (table == "tasks") return put_pulled(s, s.tasks, record, path, incremental, no_follow);
    // Deals, lead events and the scoring rules: nothing for the engine to follow per row.
    if (is_record_table(table)) return put_record_unchecked(s, table, record);
    return std::nullopt;  // a table this version does not know: a newer server's; skip it
}

// A tombstone ({"table", "deleted": true, "record": {"id"}}): the record is gone for good.
// Returns whether a record was removed (row numbers then moved: derived state is rebuilt).
MaybeError erase_change(Store& s, const std::string& table, const json& record,
                        const std::string& path, bool& removed) {
    auto id = record.find("id");
    if (id == record.end() || !id->is_string())
        return Error{"missing_field", path + ".id", path + ".id is missing"};
    removed = erase_record_unchecked(s, table, id->get<std::string>()) || removed;
    return std::nullopt;
}

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
void note_change(const Store& s, const std::string& table, const json& record, PageChanges& out) {
    auto id_it = record.find("id");
    auto text = [&](const char* key) {
        auto it = record.find(key);
        return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    if (id_it == record.end() || !id_it->is_string()) {
        out.rebuild = true;
        return;
    }
    const Id& id = id_it->get_ref<const std::string&>();
    if (table == "activities") {
        std::uint32_t row = s.activities.row_of(id);
        if (row != kNoRow) {
            Activity pulled;
            if (from_json(record, pulled, "")) return;  // put_change reports it
            const Activity& old = s.activities.rows[row];
            if (old.at != pulled.at || old.account_id != pulled.account_id || old.type != pulled.type ||
                old.product_category != pulled.product_category || old.campaign_id != pulled.campaign_id)
                out.rebuild = true;
        }
        if (!text("campaign_id").empty()) out.campaigns = true;
        out.accounts.push_back(text("account_id"));
    } else if (table == "leads") {
        std::uint32_t row = s.leads.row_of(id);
        if (row != kNoRow && (s.leads.rows[row].account_id != text("account_id") ||
                              s.leads.rows[row].product_category != text("product_category")))
            out.rebuild = true;
        out.accounts.push_back(text("account_id"));
    } else if (table == "tasks") {
        std::uint32_t row = s.tasks.row_of(id);
        if (row != kNoRow && (s.tasks.rows[row].account_id != text("account_id") ||
                              s.tasks.rows[row].lead_id != text("lead_id") ||
                              s.tasks.rows[row].assignee != text("assignee")))
            out.rebuild = true;
    } else if (table != "lead_events" && table != "deals") {
        out.rebuild = true;
        return;
    }
    out.records.emplace_back(table, id);
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

MaybeError apply_pull_page(AppState& app, std::string_view page_json, PullPage& out) {
    json page;
    if (auto e = parse(page_json, page, "the pulled page")) return e;
    const json* changes = page.contains("changes") ? &page["changes"] : nullptr;
    if (!changes || !changes->is_array())
        return Error{"missing_field", "changes", "the pulled page has no changes"};
    // During a load the records go to the loading store (a saved preview may be on screen).
    const bool incremental = !app.sync.in_progress;
    Store& store = incremental ? app.store : app.sync.loading;
    bool removed = false;
    PageChanges followed;
    followed.rebuild = !incremental || !small_page(app.store, changes->size());
    for (std::size_t i = 0; i < changes->size(); ++i) {
        const json& change = (*changes)[i];
        // A change's path is only for an error: built then, not for each of a million records.
        auto path = [i] { return "changes[" + std::to_string(i) + "]"; };
        if (!change.is_object() || !change.contains("table") || !change["table"].is_string() ||
            !change.contains("record") || !change["record"].is_object())
            return Error{"invalid_field", path(), path() + " is not a {table, record} change"};
        const std::string& table = change["table"].get_ref<const std::string&>();
        // A record the server sent is the server's, whichever replica made it first.
        if (!app.sync.local_records.empty())
            if (auto id = change["record"].find("id"); id != change["record"].end() && id->is_string())
                app.sync.local_records.erase(record_key(table, id->get<std::string>()));
        if (!followed.rebuild) note_change(store, table, change["record"], followed);
        auto apply = [&](const std::string& record_path) {
            return change.value("deleted", false)
                       ? erase_change(store, table, change["record"], record_path, removed)
                       : put_change(store, table, change["record"], record_path, incremental);
        };
        // A change that fails changed nothing: read again with its path for the message.
        if (apply(std::string()))
            if (MaybeError e = apply(path() + ".record")) return e;
    }
    out.changes = changes->size();
    out.cursor = page.value("cursor", std::string());
    out.has_more = page.value("has_more", false);
    if (auto c = page.find("client"); c != page.end() && c->is_object())
        out.last_seq = c->value("last_seq", std::int64_t(-1));
    if (auto r = page.find("rejections"); r != page.end() && r->is_array()) out.rejections = *r;
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
