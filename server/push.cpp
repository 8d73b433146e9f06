#include "push.h"
#include "push_body.h"
#include "auth.h"
#include "gzip.h"
#include "http_util.h"
#include "json_text.h"
#include "record_json.h"
#include "record_table.h"
#include "record_text.h"
#include "change_set.h"
#include "sync_apply.h"
#include "sync_merge.h"
#include <algorithm>
#include <chrono>

namespace fc::server {
namespace {

// A client may send its next batch before the answer to the one before has come back (the
// browser keeps two on the wire), so the two can reach the tenant's lock in either order. A
// batch that starts past the client's next seq waits this long for the earlier one before its
// commands are answered out_of_order. Checked again at least every kEarlierBatchPoll: the
// earlier batch may be committed by another server process, which notifies no one here.
constexpr auto kEarlierBatchWait = std::chrono::seconds(2);
constexpr auto kEarlierBatchPoll = std::chrono::milliseconds(50);
// A waiting batch holds a server thread: a user gets this many waiting at once (a browser
// needs one per tab; more are answered out_of_order at once), so no one can tie up the
// server's threads with batches whose earlier ones never come.
constexpr int kMostWaitingBatchesPerUser = 4;

// What one command did, before it is written down.
struct Outcome {
    std::string status;               // "applied" or "rejected"
    bool superseded = false;
    MaybeError error;
    std::vector<RecordRow> rows;      // records to write, versions not yet assigned
    bool user_access_changed = false; // a user's role or dealer changed: revoke their tokens
};

Outcome rejected(Error e) {
    Outcome o;
    o.status = "rejected";
    o.error = std::move(e);
    return o;
}

Time stored_written_at(const TenantState& t, const std::string& key) {
    return written_time(t.written_at, key);
}

// Records that belong to a dealer through an account follow it when it moves to another dealer.
void rescope_dependents(const TenantState& t, const Id& account_id, const std::string& scope,
                        std::vector<RecordRow>& rows) {
    auto add = [&](const char* table, const auto& rec) {
        Time at = stored_written_at(t, record_key(table, rec.id));
        rows.push_back(RecordRow{table, rec.id, scope, 0, at, record_text(rec)});
    };
    for (const Contact& c : t.store.contacts.rows)
        if (c.account_id == account_id) add("contacts", c);
    for (const Activity& a : t.store.activities.rows)
        if (a.account_id == account_id) add("activities", a);
    for (const Task& k : t.store.tasks.rows)
        if (k.account_id == account_id) add("tasks", k);
}

// The payload the command log keeps: none for an activity logged, whose record holds it for
// good (activities are append-only), so a push of thousands writes each note once.
std::string logged_payload(const Command& c, const Outcome& o) {
    if (o.status == "applied" && c.kind == "activity.log") return "";
    return json_dump(c.payload);
}

// One command against the tenant's memory: authorize, then merge and apply through core
// (merge_command, the same code a simulation of many clients runs), and turn every record core
// reports changed into a row to write. A rejection changes nothing.
Outcome apply_one(TenantState& t, const Actor& actor, const Command& c) {
    if (auto e = authorize(t.store, actor, c)) return rejected(*e);
    std::vector<RecordRef> named = command_records(c);
    // A deleted record's tombstone keeps the scope it had, so its dealer's pulls see it go.
    std::vector<std::string> scope_before;
    for (const RecordRef& r : named) scope_before.push_back(scope_of_stored(t.store, r.table, r.id));
    auto target = command_target(c);
    // Only a moved account or a user's new role or dealer needs the record as it was (below).
    const bool watch_target = target && (target->table == "accounts" || target->table == "users");
    std::optional<json> before;
    if (watch_target) before = find_record_json(t.store, target->table, target->id);

    MergeOutcome m = merge_command(t.store, t.written_at, t.deleted, c);
    if (m.error) return rejected(*m.error);
    Outcome o;
    o.status = "applied";
    o.superseded = m.superseded;
    for (const Change& ch : m.changes) {
        Time at = append_only_table(ch.table) ? 0 : stored_written_at(t, record_key(ch.table, ch.id));
        if (ch.deleted) {
            std::string scope;
            for (size_t i = 0; i < named.size(); ++i)
                if (named[i].table == ch.table && named[i].id == ch.id) scope = scope_before[i];
            o.rows.push_back(
                RecordRow{ch.table, ch.id, scope, 0, at, json{{"id", ch.id}}.dump(), true});
            continue;
        }
        std::optional<std::string> body = find_record_text(t.store, ch.table, ch.id);
        if (!body) continue;
        o.rows.push_back(RecordRow{ch.table, ch.id, scope_of_stored(t.store, ch.table, ch.id), 0,
                                   at, std::move(*body)});
    }
    if (m.superseded || !target || !before) return o;
    std::optional<json> after = find_record_json(t.store, target->table, target->id);
    if (!after) return o;
    if (target->table == "accounts" &&
        before->value("dealer_id", "") != after->value("dealer_id", ""))
        rescope_dependents(t, target->id, after->value("dealer_id", ""), o.rows);
    if (target->table == "users" &&
        (before->value("role", "") != after->value("role", "") ||
         before->value("dealer_id", "") != after->value("dealer_id", "")))
        o.user_access_changed = true;
    return o;
}

// The whole batch inside an open write transaction. Any error returned is a storage failure:
// the caller rolls back and reloads the tenant's memory, which may already hold some effects.
// With `may_wait`, a batch whose first command is past the client's next seq changes nothing
// and sets `early` (its earlier batch has not been applied yet).
MaybeError run_batch(ServerState& state, Conn& conn, TenantState& t, const Actor& actor,
                     const Id& client_id, std::vector<Command>& commands, bool number_commands,
                     bool may_wait, bool& early, BatchResult& out) {
    std::int64_t version = 0;
    if (auto e = read_tenant_version(conn, t.id, version)) return e;
    if (version < t.version) {
        if (auto e = reload(conn, t)) return e;
    } else if (version > t.version) {
        if (auto e = catch_up(conn, t)) return e;
    }

    bool bound = false;
    std::uint64_t last = 0;
    Id bound_tenant, bound_user;
    if (auto e = conn.run("SELECT tenant, user_id, last_seq FROM clients WHERE client_id = ?",
                          {client_id}, [&](const RowView& r) {
                              bound = true;
                              bound_tenant = Id(r.text(0));
                              bound_user = Id(r.text(1));
                              last = std::uint64_t(r.integer(2));
                          }))
        return e;
    if (bound && (bound_tenant != actor.tenant || bound_user != actor.user_id)) {
        out.status = 403;
        out.error = Error{"client_bound", "client_id",
                          "this client id belongs to another user; make a new one"};
        return std::nullopt;
    }
    if (!bound) {
        if (auto e = conn.run(
                "INSERT INTO clients (client_id, tenant, user_id, last_seq) VALUES (?, ?, ?, 0)",
                {client_id, actor.tenant, actor.user_id}))
            return e;
    }
    if (number_commands)
        for (size_t i = 0; i < commands.size(); ++i) commands[i].seq = last + 1 + i;
    else if (may_wait && !commands.empty() && commands.front().seq > last + 1) {
        early = true;
        return std::nullopt;
    }

    Time now = state.now();
    bool gap = false;
    // Written after the loop in multi-row statements: a few round trips per batch, not two
    // or more per command.
    std::vector<RecordRow> records;
    std::vector<Params> log_rows;
    records.reserve(commands.size());
    log_rows.reserve(commands.size());
    out.results.reserve(commands.size());
    for (Command& c : commands) {
        CommandResult& result = out.results.emplace_back();
        result.seq = c.seq;
        result.id = c.id;
        SeqVerdict verdict = seq_verdict(last, c.seq, gap);
        if (verdict == SeqVerdict::already_applied) {
            result.status = "already_applied";
        } else if (verdict == SeqVerdict::out_of_order) {
            gap = true;
            result.status = "out_of_order";
            result.expected_seq = last + 1;
        } else {
            c.at = clamp_client_time(c.at, now);
            if (c.author.empty()) c.author = actor.user_id;
            Outcome o = apply_one(t, actor, c);
            for (RecordRow& row : o.rows) {
                row.version = ++version;
                records.push_back(std::move(row));
            }
            if (o.user_access_changed)
                if (auto e = revoke_sessions(conn, t.id, c.payload.value("id", ""))) return e;
            // A rejection takes a version of its own so pulls after a cursor can report it.
            std::int64_t log_version = o.error ? ++version : version;
            const Error none;
            const Error& err = o.error ? *o.error : none;
            Params& row = log_rows.emplace_back();
            row.reserve(13);
            add_params(row, client_id, std::to_string(c.seq), t.id, c.id, c.kind, c.author,
                       std::to_string(c.at), o.status, err.code, err.field, err.message,
                       logged_payload(c, o), std::to_string(log_version));
            last = c.seq;
            result.status = std::move(o.status);
            result.superseded = o.superseded;
            result.error = std::move(o.error);
        }
    }
    if (auto e = upsert_records(conn, t.id, records)) return e;
    if (auto e = insert_rows(conn,
                             "INSERT INTO command_log (client_id, seq, tenant, command_id, kind,"
                             " author, at, status, code, field, message, payload, version) VALUES ",
                             "", 13, log_rows.size(), [&](size_t i, Params& p) {
                                 p.insert(p.end(), std::make_move_iterator(log_rows[i].begin()),
                                          std::make_move_iterator(log_rows[i].end()));
                             }))
        return e;
    if (auto e = conn.run("UPDATE clients SET last_seq = ? WHERE client_id = ?",
                          {std::to_string(last), client_id}))
        return e;
    if (auto e = write_tenant_version(conn, t.id, version)) return e;
    out.last_seq = last;
    out.version = version;
    return std::nullopt;
}

// One attempt at the batch, with the tenant's lock held. `early`: see run_batch.
BatchResult apply_batch_locked(ServerState& state, TenantState& t, const Actor& actor,
                               const Id& client_id, std::vector<Command>& commands,
                               bool number_commands, bool may_wait, bool& early) {
    BatchResult out;
    std::string error;
    auto conn = state.db->borrow(error);
    if (!conn) {
        out.status = 503;
        out.error = storage_error(error);
        return out;
    }
    auto fail = [&](const Error& e) {
        conn->rollback();
        // Memory may hold effects that were never committed: start again from the database.
        if (auto re = reload(*conn, t)) t.version = -1;  // forces a reload on the next write
        out = BatchResult{};
        out.status = 503;
        out.error = e;
        return out;
    };
    if (auto e = conn->begin_write(t.id)) return fail(*e);
    std::int64_t before = t.version;
    if (t.version < 0) {  // a failed reload left memory unknown: load it whole
        t.version = 0;
        Store empty;  // swapped, not assigned from a temporary: GCC 12 misreads the latter
        std::swap(t.store, empty);
        t.written_at.clear();
    }
    if (auto e = run_batch(state, *conn, t, actor, client_id, commands, number_commands,
                           may_wait, early, out))
        return fail(*e);
    if (early || out.status != 200) {
        conn->rollback();
        return out;
    }
    VisibleChange change;  // for the event streams (pokes.h)
    if (auto e = describe_change(*conn, state.origin, t.id, before, out.version, change))
        return fail(*e);
    if (auto e = conn->commit()) return fail(*e);
    if (out.version != before) t.demo_snapshots.clear();
    t.version = out.version;
    t.committed.notify_all();
    state.pokes.publish(change);
    return out;
}

}  // namespace

BatchResult apply_batch(ServerState& state, TenantState& t, const Actor& actor,
                        const Id& client_id, std::vector<Command> commands,
                        bool number_commands) {
    const auto deadline = std::chrono::steady_clock::now() + kEarlierBatchWait;
    std::unique_lock<std::mutex> lock(t.mutex);
    bool waiting = false;  // this batch holds one of its user's waiting places
    for (;;) {
        bool early = false;
        const bool may_wait =
            std::chrono::steady_clock::now() < deadline &&
            (waiting || t.waiting_batches[actor.user_id] < kMostWaitingBatchesPerUser);
        BatchResult out = apply_batch_locked(state, t, actor, client_id, commands,
                                             number_commands, may_wait, early);
        if (!early) {
            auto it = t.waiting_batches.find(actor.user_id);
            if (waiting) --it->second;
            if (it != t.waiting_batches.end() && it->second == 0) t.waiting_batches.erase(it);
            return out;
        }
        if (!waiting) ++t.waiting_batches[actor.user_id];
        waiting = true;
        t.committed.wait_until(lock, std::min(deadline, std::chrono::steady_clock::now() +
                                                            kEarlierBatchPoll));
    }
}

void handle_push(ServerState& state, const httplib::Request& req, httplib::Response& res) {
    auto actor = authenticate(state, req, res);
    if (!actor) return;
    PushBody body;
    if (!read_push_body(req, res, body)) return;
    TenantState* t = state.tenants.find(actor->tenant);
    if (!t) return send_error(res, 503, storage_error("tenant " + actor->tenant + " not loaded"));
    const Id& client_id = body.client_id;
    BatchResult b = apply_batch(state, *t, *actor, client_id, std::move(body.commands));
    if (b.status != 200) return send_error(res, b.status, b.error);
    // A batch of 1000 answers ~100 KB: gzip at its fast level, as a pull page.
    set_json_maybe_gzip(req, res, push_answer_text(client_id, b.last_seq, b.version, b.results));
}

}  // namespace fc::server
