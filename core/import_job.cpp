#include "import_job.h"
#include <algorithm>
#include <unordered_set>
#include "csv_reader.h"
#include "import_row.h"
#include "import_undo_check.h"
#include "import_values.h"
#include "json_rows.h"
#include "record_json.h"

namespace fc {
namespace {

using F = ImportField;

std::string lower_key(std::string_view s) { return email_match_key(s); }

// Ids per table, for removing what an import created.
struct IdSets {
    std::unordered_set<Id> by_kind[4];
    std::unordered_set<Id>& operator[](ImportKind k) { return by_kind[size_t(k)]; }
};

// Removes records by id, keeping every other row in its order. Only Table's public rows, put
// and reserve are used: the id index is Table's own business (and differs between branches),
// and one rebuild per table keeps undoing a 100k-row import linear.
template <class T>
void remove_records(Table<T>& t, const std::unordered_set<Id>& ids) {
    if (ids.empty()) return;
    Table<T> kept;
    kept.reserve(t.rows.size());
    for (T& r : t.rows)
        if (!ids.count(r.id)) kept.put(std::move(r));
    t = std::move(kept);
}

void remove_records(Store& s, IdSets& ids) {
    remove_records(s.accounts, ids[ImportKind::accounts]);
    remove_records(s.contacts, ids[ImportKind::contacts]);
    remove_records(s.activities, ids[ImportKind::activities]);
    remove_records(s.leads, ids[ImportKind::leads]);
}

Command make_command(ImportJob& job, const char* kind, json payload) {
    std::uint64_t seq = job.options.next_seq++;
    return Command{job.options.client_id + "-" + std::to_string(seq), job.options.client_id, seq,
                   kind, job.options.now, job.options.author, std::move(payload)};
}

// The lookup keys a put adds once it is applied: taken before its payload moves into the
// command.
struct IndexKeys {
    ImportKind table;
    Id id;
    std::string name, email, phone;
};

IndexKeys index_keys(ImportKind k, const json& p) {
    IndexKeys keys{k, p["id"].get<std::string>(), {}, {}, {}};
    auto text = [&](const char* key) -> std::string_view {
        auto it = p.find(key);
        return it != p.end() && it->is_string() ? std::string_view(it->get_ref<const std::string&>())
                                                 : std::string_view();
    };
    if (k == ImportKind::accounts) keys.name = lower_key(text("name"));
    if (k == ImportKind::contacts) {
        keys.email = email_match_key(text("email"));
        keys.phone = phone_match_key(text("phone"));
    }
    return keys;
}

// Keeps the lookups current with what a row just wrote.
void index_record(ImportJob& job, const IndexKeys& k) {
    auto add = [&](std::unordered_map<std::string, Id>& m, const std::string& key) {
        if (!key.empty()) m.try_emplace(key, k.id);
    };
    add(job.index.account_by_name, k.name);
    add(job.index.contact_by_email, k.email);
    add(job.index.contact_by_phone, k.phone);
}

// Turns "payload.email is not an email address" into the field, the sentence and the column.
RowReject reject_from_error(const ImportJob& job, const Error& e, bool for_made_account,
                            std::uint32_t line, std::size_t row) {
    std::string field = e.field, message = e.message;
    const std::string prefix = "payload.";
    if (field.compare(0, prefix.size(), prefix) == 0) field.erase(0, prefix.size());
    if (message.compare(0, prefix.size(), prefix) == 0) message.erase(0, prefix.size());
    if (for_made_account) {
        field = "account." + field;
        message = "the account made for this row: " + message;
    } else {
        for (size_t f = 1; f < size_t(F::count_); ++f) {
            int col = job.column_of[f];
            if (col >= 0 && name_of(F(f)) == field) {
                message += " (column \"" + job.source.table.header[size_t(col)] + "\")";
                break;
            }
        }
    }
    return RowReject{line, std::int64_t(row), field, message};
}

// Puts a record back as it was before the import, through a put command like any other.
void restore(ImportJob& job, Store& store, const JournalEntry& e, bool queue) {
    Command c = make_command(job, import_command_kind(e.table), *e.before);
    if (apply_command(store, c)) return;  // cannot fail: it is a record the store held
    if (queue) job.outbox.push_back(std::move(c));
}

// The made account must pass before anything is applied, and so must the main record's own
// fields: then a row only needs rolling back when a reference fails after its account went in,
// which is rare, because removing a row costs a table rebuild.
MaybeError prevalidate(const PlannedPut& put) {
    switch (put.table) {
        case ImportKind::accounts: { Account r; return from_json(put.payload, r, "payload"); }
        case ImportKind::contacts: { Contact r; return from_json(put.payload, r, "payload"); }
        case ImportKind::activities: { Activity r; return from_json(put.payload, r, "payload"); }
        case ImportKind::leads: { Lead r; return from_json(put.payload, r, "payload"); }
    }
    return std::nullopt;
}

void process_row(ImportJob& job, Store& store, std::size_t i) {
    const TableRow& row = job.source.table.rows[i];
    RowPlan plan = plan_row(job, store, i);
    switch (plan.outcome) {
        case RowPlan::skip: ++job.counts.skipped; return;
        case RowPlan::unchanged: ++job.counts.unchanged; return;
        case RowPlan::reject:
            ++job.counts.rejected;
            job.rejects.push_back({row.line, std::int64_t(i), plan.field, plan.reason});
            return;
        case RowPlan::apply: break;
    }
    if (plan.puts.size() > 1) {
        for (size_t k = 0; k < plan.puts.size(); ++k) {
            if (auto e = prevalidate(plan.puts[k])) {
                ++job.counts.rejected;
                bool made_account = k + 1 < plan.puts.size();
                job.rejects.push_back(reject_from_error(job, *e, made_account, row.line, i));
                return;
            }
        }
    }
    size_t journal_mark = job.journal.size();
    std::uint64_t seq_mark = job.options.next_seq;
    std::vector<Command> applied;
    std::vector<IndexKeys> keys;
    for (size_t k = 0; k < plan.puts.size(); ++k) {
        PlannedPut& put = plan.puts[k];
        keys.push_back(index_keys(put.table, put.payload));
        JournalEntry entry{put.table, keys.back().id, std::nullopt};
        if (put.existed) entry.before = stored_record(store, put.table, entry.id);
        Command c = make_command(job, put.command_kind, std::move(put.payload));
        if (auto e = apply_command(store, c)) {
            // All or nothing: what this row already wrote goes back, silently.
            IdSets made;
            for (size_t j = job.journal.size(); j-- > journal_mark;) {
                const JournalEntry& undo = job.journal[j];
                if (undo.before) restore(job, store, undo, false);
                else made[undo.table].insert(undo.id);
            }
            remove_records(store, made);
            job.journal.resize(journal_mark);
            job.options.next_seq = seq_mark;
            ++job.counts.rejected;
            bool made_account = k + 1 < plan.puts.size();
            job.rejects.push_back(reject_from_error(job, *e, made_account, row.line, i));
            return;
        }
        job.journal.push_back(std::move(entry));
        applied.push_back(std::move(c));
    }
    for (size_t k = 0; k < plan.puts.size(); ++k) {
        const PlannedPut& put = plan.puts[k];
        index_record(job, keys[k]);
        bool main = k + 1 == plan.puts.size();
        if (!main) ++job.counts.accounts_created;
        else if (put.existed) ++job.counts.updated;
        else ++job.counts.created;
    }
    for (Command& c : applied) job.outbox.push_back(std::move(c));
}

// Grows the tables once for the whole file rather than rehashing a 100k-entry index a dozen
// times on the way.
void reserve_for(ImportJob& job, Store& store) {
    size_t n = job.source.table.rows.size();
    switch (job.options.kind) {
        case ImportKind::accounts: store.accounts.reserve(store.accounts.size() + n); break;
        case ImportKind::contacts:
            store.contacts.reserve(store.contacts.size() + n);
            job.index.contact_by_email.reserve(job.index.contact_by_email.size() + n);
            job.index.contact_by_phone.reserve(job.index.contact_by_phone.size() + n);
            break;
        case ImportKind::activities: store.activities.reserve(store.activities.size() + n); break;
        case ImportKind::leads: store.leads.reserve(store.leads.size() + n); break;
    }
    job.journal.reserve(n);
}

ImportField match_field(MatchKey key) {
    switch (key) {
        case MatchKey::automatic: return F::ignore;
        case MatchKey::external_id: return F::id;
        case MatchKey::email: return F::email;
        case MatchKey::phone: return F::phone;
    }
    return F::ignore;
}

}  // namespace

const std::vector<MatchKey>& match_keys_for(ImportKind k) {
    static const std::vector<MatchKey> contacts{MatchKey::automatic, MatchKey::external_id,
                                                MatchKey::email, MatchKey::phone};
    static const std::vector<MatchKey> others{MatchKey::automatic, MatchKey::external_id};
    return k == ImportKind::contacts ? contacts : others;
}

ImportField match_field_left_out(MatchKey key, const ColumnMapping& m) {
    F f = match_field(key);
    return std::find(m.begin(), m.end(), f) == m.end() ? f : F::ignore;
}

MaybeError read_import_source(std::string_view bytes, ImportFormat format, ImportSource& out) {
    DecodedText text = decode_text(bytes);
    ImportSource s;
    s.encoding = text.encoding;
    if (format == ImportFormat::detect) {
        size_t first = text.text.find_first_not_of(" \t\r\n");
        format = first != std::string::npos && text.text[first] == '[' ? ImportFormat::json
                                                                        : ImportFormat::csv;
    }
    if (format == ImportFormat::json) {
        // JSON is UTF-8 by its RFC (8259); bytes that are not were never JSON, and reading
        // them as 1252 would accept what every other JSON reader refuses.
        if (text.encoding == TextEncoding::windows1252)
            return Error{"invalid_json", "", "the file is not valid JSON: it is not UTF-8 text"};
        s.is_json = true;
        if (auto e = parse_json_rows(text.text, s.table)) return e;
    } else {
        s.delimiter = detect_delimiter(text.text);
        s.table = parse_csv(text.text, s.delimiter);
        if (s.table.header.empty() && s.table.errors.empty())
            return Error{"empty_file", "", "the file holds no rows"};
    }
    out = std::move(s);
    return std::nullopt;
}

MaybeError start_import(ImportJob& job, const Store& store, ImportSource source,
                        ColumnMapping mapping, ImportOptions options) {
    if (mapping.size() != source.table.header.size())
        return Error{"invalid_field", "mapping", "the mapping must name a field for each of the " +
                                                     std::to_string(source.table.header.size()) +
                                                     " columns"};
    const auto& allowed = fields_for(options.kind);
    std::vector<int> column_of(size_t(F::count_), -1);
    for (size_t col = 0; col < mapping.size(); ++col) {
        F f = mapping[col];
        if (f == F::ignore) continue;
        if (std::find(allowed.begin(), allowed.end(), f) == allowed.end())
            return Error{"invalid_field", "mapping",
                         std::string(name_of(f)) + " is not a field of " +
                             std::string(name_of(options.kind))};
        if (column_of[size_t(f)] >= 0)
            return Error{"invalid_field", "mapping",
                         std::string(name_of(f)) + " is mapped from two columns"};
        column_of[size_t(f)] = int(col);
    }
    if (F missing = missing_required_field(options.kind, mapping); missing != F::ignore)
        return Error{"missing_field", "mapping",
                     "no column is mapped to " + std::string(name_of(missing))};
    const auto& keys = match_keys_for(options.kind);
    if (std::find(keys.begin(), keys.end(), options.match_key) == keys.end())
        return Error{"invalid_field", "match_key",
                     std::string(name_of(options.kind)) + " cannot be matched by " +
                         std::string(name_of(match_field(options.match_key)))};
    if (F missing = match_field_left_out(options.match_key, mapping); missing != F::ignore)
        return Error{"missing_field", "mapping",
                     "rows match by " + std::string(name_of(missing)) +
                         ", but no column is mapped to " + std::string(name_of(missing))};
    bool id_safe = !options.import_id.empty() && options.import_id.size() <= 40 &&
                   std::all_of(options.import_id.begin(), options.import_id.end(), [](char c) {
                       return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                              (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
                   });
    if (!id_safe)
        return Error{"invalid_field", "import_id",
                     "import_id must be 1 to 40 letters, digits, - or _"};
    if (options.client_id.empty())
        return Error{"missing_field", "client_id", "client_id is required"};

    ImportJob j;
    j.options = std::move(options);
    j.source = std::move(source);
    j.mapping = std::move(mapping);
    j.column_of = std::move(column_of);
    ImportIndex& ix = j.index;
    for (const Account& a : store.accounts.rows) ix.account_by_name.try_emplace(lower_key(a.name), a.id);
    for (const ProductCategory& c : store.categories.rows)
        ix.category_by_name.try_emplace(lower_key(c.name), c.id);
    for (const User& u : store.users.rows) ix.user_by_name.try_emplace(lower_key(u.name), u.id);
    for (const Contact& c : store.contacts.rows) {
        if (auto k = email_match_key(c.email); !k.empty()) ix.contact_by_email.try_emplace(k, c.id);
        if (auto k = phone_match_key(c.phone); !k.empty()) ix.contact_by_phone.try_emplace(k, c.id);
    }
    for (const TableError& e : j.source.table.errors) {
        j.rejects.push_back({e.line, -1, "", e.message});
        ++j.counts.rejected;
    }
    j.started = true;
    job = std::move(j);
    return std::nullopt;
}

std::size_t step_import(ImportJob& job, Store& store, std::size_t budget_rows) {
    if (!job.started || job.cancelled || job.undone) return 0;
    if (job.next_row == 0 && budget_rows > 0) reserve_for(job, store);
    std::size_t done = 0;
    while (done < budget_rows && job.next_row < job.source.table.rows.size()) {
        process_row(job, store, job.next_row++);
        ++done;
    }
    return done;
}

ImportProgress import_progress(const ImportJob& job) {
    ImportProgress p;
    p.rows_done = job.next_row;
    p.rows_total = job.source.table.rows.size();
    p.counts = job.counts;
    p.cancelled = job.cancelled;
    p.undone = job.undone;
    p.finished = job.started && (job.cancelled || job.undone || p.rows_done == p.rows_total);
    return p;
}

void cancel_import(ImportJob& job) { job.cancelled = true; }

MaybeError undo_import(ImportJob& job, Store& store) {
    if (job.undone) return std::nullopt;
    job.cancelled = true;
    if (auto e = check_undo_leaves_no_orphans(store, job.journal)) return e;
    IdSets created;
    for (const JournalEntry& e : job.journal)
        if (!e.before) created[e.table].insert(e.id);
    // Newest first, so a record changed twice ends as it was before the first change; records
    // the import created are removed below and need no restoring.
    for (auto it = job.journal.rbegin(); it != job.journal.rend(); ++it)
        if (it->before && !created[it->table].count(it->id)) restore(job, store, *it, true);
    remove_records(store, created);
    job.journal.clear();
    job.undone = true;
    return std::nullopt;
}

std::string rejects_csv(const ImportJob& job, CsvOptions options) {
    const ImportTable& t = job.source.table;
    CsvWriter w(options);
    for (const std::string& h : t.header) w.text(h);
    w.text("line");
    w.text("reason");
    w.end_row();
    std::vector<const RowReject*> sorted;
    for (const RowReject& r : job.rejects) sorted.push_back(&r);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const RowReject* a, const RowReject* b) { return a->line < b->line; });
    for (const RowReject* r : sorted) {
        // The file's columns stay where they were; a ragged row's extra cells go after reason.
        const TableRow* row = r->row >= 0 ? &t.rows[size_t(r->row)] : nullptr;
        for (size_t c = 0; c < t.header.size(); ++c) w.text(row ? t.cell(*row, c) : "");
        w.number(std::to_string(r->line));
        w.text(r->reason);
        for (size_t c = t.header.size(); row && c < row->cell_count; ++c) w.text(t.cell(*row, c));
        w.end_row();
    }
    return w.out;
}

}  // namespace fc
