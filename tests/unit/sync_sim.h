// A sync server and browser replicas in one process, for the randomized sync simulation
// (test_sync_simulation.cpp). Both sides run the real code wherever it is not I/O:
//   - the server applies pushes through core's seq_verdict and merge_command (core/sync_apply.h),
//     exactly as server/push.cpp does, and reloads after a restart through load_stored_record
//     and finish_stored_load, as server/tenants.cpp does. What server/ keeps in SQL (record rows
//     with versions, each client's last seq, the command log and rejections, the tenant
//     version) is modelled here as plain containers, `ServerDisk`: the minimal bookkeeping of
//     docs/sync-protocol.md. A real server cannot run in a doctest (it needs a database and a
//     port), and the SQL itself is covered by the server's integration tests.
//     Authorization (server/scope) is left out: every simulated user may write everything, so
//     every refusal comes from core's validation or the merge rules.
//   - a client is a ui::AppState driven through ui/sync_replica.h and ui/dispatch.h, as the
//     browser's WASM module is; `SimClient` plays web/sync.js around it (saved pages, the outbox
//     with pending/acked/rejected entries, push then pull then restore after a refusal or a
//     superseded command), with web/outbox-store.js's IndexedDB as containers.
#pragma once
#include <doctest/doctest.h>
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>
#include "app.h"
#include "record_table.h"
#include "snapshot.h"
#include "sync_apply.h"
#include "sync_replica.h"
#include "sync_status.h"

namespace fc::sim {

// ---- the server -------------------------------------------------------------------------

struct StoredRecord {
    std::string table;
    std::int64_t version = 0;
    Time written_at = 0;
    json body;
    bool deleted = false;
};

struct LoggedCommand {
    Id client_id;
    std::uint64_t seq = 0;
    Id command_id;
    std::string status;  // "applied" or "rejected"
};

// What the server's database holds; survives a restart. Only a committed batch writes it.
struct ServerDisk {
    std::map<std::string, StoredRecord> records;  // by record_key
    std::map<Id, std::uint64_t> last_seq;         // per client id
    std::vector<LoggedCommand> command_log;       // every applied or rejected command, once
    std::int64_t version = 0;                     // the tenant version (the pull cursor)
};

struct PushReply {
    int status = 200;  // 503: storage failed, nothing committed
    std::uint64_t last_seq = 0;
    json results = json::array();
};

struct SimServer {
    ServerDisk disk;
    // The server process's memory: rebuilt from the disk on a restart or after a failed batch.
    Store store;
    WrittenAt written_at;
    Tombstones deleted;
    Time now = 0;
    std::map<std::string, int> outcomes;  // applied, superseded, rejected: what the run covered

    // The demo data as seeded rows (merge time 0: any later write beats them).
    void seed(const Store& demo) {
        for (const std::string& table : record_tables())
            for (size_t row = 0; row < record_count(demo, table); ++row) {
                Id id = record_id_at(demo, table, row);
                std::optional<json> body = find_record_json(demo, table, id);
                REQUIRE(body);
                disk.records[record_key(table, id)] =
                    StoredRecord{table, ++disk.version, 0, std::move(*body), false};
            }
        restart();
    }

    // Forgets memory and loads the disk in version order, as server/tenants.cpp's reload.
    void restart() {
        Store empty;  // swapped, not assigned from a temporary: GCC 12 misreads the latter
        std::swap(store, empty);
        written_at.clear();
        deleted.clear();
        std::vector<const StoredRecord*> rows;
        for (const auto& [key, r] : disk.records) rows.push_back(&r);
        std::sort(rows.begin(), rows.end(),
                  [](const StoredRecord* a, const StoredRecord* b) { return a->version < b->version; });
        for (const StoredRecord* r : rows)
            REQUIRE_FALSE(load_stored_record(store, written_at, deleted, r->table, r->body,
                                             r->written_at, r->deleted));
        finish_stored_load(store);
    }

    // One push batch, as server/push.cpp's run_batch: one transaction. `fail_at` >= 0 makes
    // storage fail after that many commands: nothing is committed and memory is reloaded.
    PushReply push(const Id& client_id, std::vector<Command> commands, int fail_at = -1) {
        ServerDisk staged = disk;  // the open transaction
        std::uint64_t last = staged.last_seq[client_id];
        PushReply reply;
        bool gap = false;
        int n = 0;
        for (Command& c : commands) {
            if (n++ == fail_at) {
                restart();  // rolled back: memory may hold effects that were never committed
                return PushReply{503, 0, json::array()};
            }
            json result = {{"seq", c.seq}, {"id", c.id}};
            SeqVerdict verdict = seq_verdict(last, c.seq, gap);
            if (verdict == SeqVerdict::already_applied) {
                result["status"] = "already_applied";
            } else if (verdict == SeqVerdict::out_of_order) {
                gap = true;
                result["status"] = "out_of_order";
                result["expected_seq"] = last + 1;
            } else {
                c.at = clamp_client_time(c.at, now);
                MergeOutcome m = merge_command(store, written_at, deleted, c);
                for (const Change& ch : m.changes) {
                    std::string key = record_key(ch.table, ch.id);
                    Time at = append_only_table(ch.table) ? 0 : written_time(written_at, key);
                    std::optional<json> body = find_record_json(store, ch.table, ch.id);
                    if (!ch.deleted && !body) continue;
                    staged.records[key] = StoredRecord{ch.table, ++staged.version, at,
                                                       ch.deleted ? json{{"id", ch.id}} : *body,
                                                       ch.deleted};
                }
                if (m.error) ++staged.version;  // a rejection takes a version of its own
                staged.command_log.push_back(
                    {client_id, c.seq, c.id, m.error ? "rejected" : "applied"});
                last = c.seq;
                result["status"] = m.error ? "rejected" : "applied";
                ++outcomes[m.error ? "rejected" : m.superseded ? "superseded" : "applied"];
                if (m.superseded) result["superseded"] = true;
                if (m.error)
                    result["error"] = {{"code", m.error->code}, {"message", m.error->message},
                                       {"field", m.error->field}};
            }
            reply.results.push_back(std::move(result));
        }
        staged.last_seq[client_id] = last;
        disk = std::move(staged);  // commit
        reply.last_seq = last;
        return reply;
    }

    // One pull page, as server/pull.cpp: every record changed after `cursor`, oldest change
    // first, at most `limit`.
    std::string pull(const std::string& cursor_text, size_t limit) const {
        std::int64_t cursor = std::stoll(cursor_text);
        std::vector<const StoredRecord*> rows;
        for (const auto& [key, r] : disk.records)
            if (r.version > cursor) rows.push_back(&r);
        std::sort(rows.begin(), rows.end(),
                  [](const StoredRecord* a, const StoredRecord* b) { return a->version < b->version; });
        bool has_more = rows.size() > limit;
        if (has_more) rows.resize(limit);
        json page = {{"changes", json::array()}, {"has_more", has_more}};
        for (const StoredRecord* r : rows) {
            json change = {{"table", r->table}, {"record", r->body}};
            if (r->deleted) change["deleted"] = true;
            page["changes"].push_back(std::move(change));
        }
        std::int64_t next = has_more ? rows.back()->version : std::max(disk.version, cursor);
        page["cursor"] = std::to_string(next);
        return page.dump();
    }
};

// ---- the network -------------------------------------------------------------------------

// A request that did not come back: the client sees a failure and tries again later.
struct RequestFailed {};

// ---- a browser replica --------------------------------------------------------------------

struct OutboxEntry {
    Command command;
    std::string status = "pending";  // pending, acked, rejected
    bool superseded = false;
    json error;
};

struct SimClient {
    ui::AppState app;
    bool online = true;
    Time clock_skew = 0;
    // IndexedDB: the pulled pages in order, the cursor after the last one, the outbox.
    std::vector<std::string> pages;
    std::string cursor;  // empty: nothing pulled yet
    std::vector<OutboxEntry> outbox;
    bool loaded = false;
    bool refusal_shown = false;  // a refused command still shows: restore after the next pull

    SimClient(const Id& client_id, const Id& user_id, Time now, Time skew) : clock_skew(skew) {
        app.now = now + skew;
        json config = {{"client_id", client_id}, {"user_id", user_id}, {"next_seq", 1}};
        REQUIRE_FALSE(ui::configure_sync(app, config.dump()));
        restore();
    }

    const Id& id() const { return app.client_id; }

    // The UI's new commands into the outbox (web/sync.js onFrame + flushCommands).
    void take_commands() {
        std::string text = ui::take_sync_requests(app);
        if (text.empty()) return;
        json req = json::parse(text);
        for (const json& c : req["commands"]) {
            OutboxEntry e;
            REQUIRE_FALSE(from_json(c, e.command));
            outbox.push_back(std::move(e));
        }
        for (const json& k : req["dismissed"])
            outbox.erase(std::remove_if(outbox.begin(), outbox.end(),
                                        [&](const OutboxEntry& e) {
                                            return e.command.seq == k["seq"].get<std::uint64_t>();
                                        }),
                         outbox.end());
        refresh_status();
    }

    // The status strip's refused list, as refreshOutboxStatus does.
    void refresh_status() {
        json refused = json::array();
        for (const OutboxEntry& e : outbox)
            if (e.status == "rejected")
                refused.push_back({{"client_id", e.command.client_id}, {"seq", e.command.seq},
                                   {"kind", e.command.kind}, {"error", e.error}});
        ui::set_sync_status(app, json{{"refused", refused}}.dump());
    }

    // The store again from the device: saved pages, then the commands not yet done with.
    void restore() {
        refusal_shown = false;
        ui::begin_sync_load(app, "Restoring");
        loaded = false;
        if (cursor.empty()) return;
        for (const std::string& page : pages) {
            ui::PullPage p;
            REQUIRE_FALSE(ui::apply_pull_page(app, page, p));
        }
        finish_load();
    }

    void finish_load() {
        ui::finish_sync_load(app);
        loaded = true;
        for (const OutboxEntry& e : outbox)
            if (e.status != "rejected")
                (void)ui::replay_command(app, to_json(e.command).dump(), true);
    }

    // Pushes every pending command in batches. A refusal marks the store for a restore (kept
    // across a failed request: a later batch or the pull may fail after it).
    template <class Net>
    void push_all(SimServer& server, Net& net) {
        for (;;) {
            std::vector<Command> batch;
            for (const OutboxEntry& e : outbox)
                if (e.status == "pending" && batch.size() < 4) batch.push_back(e.command);
            if (batch.empty()) return;
            net.before_request(*this);
            PushReply reply = server.push(id(), batch, net.storage_failure(batch.size()));
            if (reply.status != 200) throw RequestFailed{};
            net.after_request(*this);
            for (const json& r : reply.results) {
                std::string status = r["status"];
                REQUIRE_MESSAGE(status != "out_of_order", "the server misses commands of " << id());
                for (OutboxEntry& e : outbox) {
                    if (e.command.seq != r["seq"].get<std::uint64_t>()) continue;
                    if (status == "rejected") {
                        e.status = "rejected";
                        e.error = r["error"];
                        refusal_shown = true;
                    } else {
                        e.status = "acked";
                        e.superseded = e.superseded || r.value("superseded", false);
                    }
                }
            }
            refresh_status();
        }
    }

    // Pulls until has_more is false; drops the acked entries with the last page. True when an
    // acked command was superseded (its effect must disappear: the caller restores).
    template <class Net>
    bool pull_all(SimServer& server, Net& net) {
        std::vector<std::pair<Id, std::uint64_t>> acked;
        bool superseded = false;
        for (const OutboxEntry& e : outbox)
            if (e.status == "acked") {
                acked.emplace_back(e.command.client_id, e.command.seq);
                superseded = superseded || e.superseded;
            }
        // The pull starts after their acknowledgement, so it brings every record they changed
        // as the server has it now: replaying them over those pages would lay an older edit
        // over a newer one. The replica forgets them now; the device's outbox drops them with
        // the last page (a tab closed before that replays them on reopen).
        json forget = json::array();
        for (const auto& [client, seq] : acked) forget.push_back({{"client_id", client}, {"seq", seq}});
        if (!acked.empty()) ui::forget_commands(app, forget.dump());
        std::string from = cursor.empty() ? "0" : cursor;
        for (;;) {
            net.before_request(*this);
            std::string text = server.pull(from, net.page_size());
            net.after_request(*this);
            ui::PullPage page;
            REQUIRE_FALSE(ui::apply_pull_page(app, text, page));
            pages.push_back(text);
            cursor = from = page.cursor;
            if (!page.has_more) {
                auto was_acked = [&](const OutboxEntry& e) {
                    return std::find(acked.begin(), acked.end(),
                                     std::make_pair(e.command.client_id, e.command.seq)) !=
                           acked.end();
                };
                outbox.erase(std::remove_if(outbox.begin(), outbox.end(), was_acked),
                             outbox.end());
                if (!loaded) finish_load();
                break;
            }
        }
        return superseded;
    }

    // One sync (web/sync.js syncOnce): push, pull, and rebuild after a refusal or a superseded
    // command. False when a request failed; the next sync tries again.
    template <class Net>
    bool sync(SimServer& server, Net& net) {
        try {
            // A refusal is undone on screen by a restore after the next complete pull, also
            // when the pull right after the push failed.
            push_all(server, net);
            bool superseded = pull_all(server, net);
            if (refusal_shown || superseded) restore();
            return true;
        } catch (const RequestFailed&) {
            return false;
        }
    }

    template <class Net>
    bool pull_only(SimServer& server, Net& net) {
        try {
            bool superseded = pull_all(server, net);
            if (refusal_shown || superseded) restore();
            return true;
        } catch (const RequestFailed&) {
            return false;
        }
    }

    bool has_unfinished() const {
        for (const OutboxEntry& e : outbox)
            if (e.status != "rejected") return true;
        return false;
    }
};

// The records a user sees, for comparing replicas: every synced table. Lead scores are left
// out: each replica's lead engine derives them from its own clock (docs/sync-protocol.md,
// "Merge rules": score-only changes are not sent).
inline json comparable_records(const Store& s) {
    json out = json::object();
    for (const std::string& table : record_tables()) {
        json rows = json::object();
        for (size_t row = 0; row < record_count(s, table); ++row) {
            Id id = record_id_at(s, table, row);
            json r = *find_record_json(s, table, id);
            if (table == "leads") r.erase("score");
            rows[id] = std::move(r);
        }
        out[table] = std::move(rows);
    }
    return out;
}

}  // namespace fc::sim
