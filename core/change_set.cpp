#include "change_set.h"
#include "record_table.h"

namespace fc {
namespace {

// The leads of the bucket (account x product category) an activity lands in.
void add_bucket_leads(const Store& s, const Command& c, std::vector<RecordRef>& out) {
    if (c.kind != "activity.log" || !s.lead_book.built || !c.payload.is_object()) return;
    std::uint32_t account = s.accounts.row_of(c.payload.value("account_id", ""));
    std::uint32_t category = s.categories.row_of(c.payload.value("product_category", ""));
    const LeadBook& book = s.lead_book;
    if (account == kNoRow || category == kNoRow || account >= book.account_buckets.size()) return;
    for (const auto& [cat, bucket] : book.account_buckets[account]) {
        if (cat != category) continue;
        for (std::uint32_t row : book.buckets[bucket].leads)
            out.push_back({"leads", s.leads.rows[row].id});
    }
}

bool listed(const ChangeSet& changes, const std::string& table, const Id& id) {
    for (const Change& ch : changes)
        if (ch.table == table && ch.id == id) return true;
    return false;
}

}  // namespace

MaybeError apply_command_tracked(Store& s, const Command& c, ChangeSet& changes) {
    changes.clear();
    std::vector<RecordRef> watched = command_records(c);
    add_bucket_leads(s, c, watched);
    std::vector<std::optional<json>> before;
    before.reserve(watched.size());
    for (const RecordRef& r : watched) before.push_back(find_record_json(s, r.table, r.id));
    const auto& tables = record_tables();
    const std::vector<size_t> sizes = record_counts(s);

    if (auto e = apply_command(s, c)) return e;

    for (size_t i = 0; i < watched.size(); ++i) {
        const RecordRef& r = watched[i];
        if (listed(changes, r.table, r.id)) continue;
        if (!before[i]) {  // new if it exists now: no JSON to compare (most commands add a record)
            if (has_record(s, r.table, r.id)) changes.push_back({r.table, r.id});
            continue;
        }
        std::optional<json> after = find_record_json(s, r.table, r.id);
        if (!after) changes.push_back({r.table, r.id, true});
        else if (*before[i] != *after) changes.push_back({r.table, r.id});
    }
    const std::vector<size_t> sizes_after = record_counts(s);
    for (size_t k = 0; k < tables.size(); ++k) {
        for (size_t row = sizes[k]; row < sizes_after[k]; ++row) {
            Id id = record_id_at(s, tables[k], row);
            if (!listed(changes, tables[k], id)) changes.push_back({tables[k], id});
        }
    }
    return std::nullopt;
}

}  // namespace fc
