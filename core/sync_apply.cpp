#include "sync_apply.h"
#include <algorithm>
#include "lead_engine.h"
#include "record_table.h"

namespace fc {

Time written_time(const WrittenAt& written_at, const std::string& key) {
    auto it = written_at.find(key);
    return it == written_at.end() ? 0 : it->second;
}

SeqVerdict seq_verdict(std::uint64_t last_applied, std::uint64_t seq, bool gap_seen) {
    if (seq <= last_applied) return SeqVerdict::already_applied;
    if (gap_seen || seq != last_applied + 1) return SeqVerdict::out_of_order;
    return SeqVerdict::apply;
}

bool append_only_table(const std::string& table) {
    return table == "activities" || table == "lead_events";
}

MergeOutcome merge_command(Store& s, WrittenAt& written_at, Tombstones& deleted,
                           const Command& c) {
    MergeOutcome o;
    // A deleted record stays deleted: a write made before (or without knowing of) the delete
    // loses to it, like any older write.
    for (const RecordRef& r : command_records(c)) {
        if (deleted.count(record_key(r.table, r.id))) {
            o.superseded = true;
            return o;
        }
    }
    // Puts replace a whole record: last writer wins against the stored version. Operations
    // act on the current state (their validation decides), then stamp what they changed.
    if (auto target = command_target(c); target && !target->append_only &&
                                         find_record_json(s, target->table, target->id) &&
                                         !incoming_write_wins(written_time(written_at,
                                             record_key(target->table, target->id)), c.at)) {
        o.superseded = true;
        return o;
    }
    if (auto e = apply_command_tracked(s, c, o.changes)) {
        o.error = std::move(e);
        return o;
    }
    for (const Change& ch : o.changes) {
        std::string key = record_key(ch.table, ch.id);
        Time at = append_only_table(ch.table) ? 0 : std::max(written_time(written_at, key), c.at);
        if (at != 0) written_at[key] = at;
        if (ch.deleted) deleted.insert(key);
    }
    return o;
}

MaybeError load_stored_record(Store& s, WrittenAt& written_at, Tombstones& deleted,
                              const std::string& table, const json& body, Time written,
                              bool is_tombstone) {
    Id id = body.value("id", "");
    if (written != 0) written_at[record_key(table, id)] = written;
    if (!is_tombstone) return put_record_unchecked(s, table, body);
    deleted.insert(record_key(table, id));
    if (erase_record_unchecked(s, table, id)) s.lead_book.built = false;
    return std::nullopt;
}

void finish_stored_load(Store& s) {
    if (s.lead_book.built) return;
    Time clock = 0;
    for (const Activity& a : s.activities.rows) clock = std::max(clock, a.at);
    rebuild_leads(s, clock);
}

}  // namespace fc
