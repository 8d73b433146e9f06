// An import as a job the UI drives between frames: read the file, preview it and guess the
// mapping, then step through the rows a budget at a time, with progress, cancel and undo.
//
//   ImportSource src;  read_import_source(bytes, ImportFormat::detect, src)  -> error or table
//   preview_rows(src.table, 20); guess_mapping(kind, src.table.header)      -> for the UI
//   ImportJob job;     start_import(job, store, std::move(src), mapping, options)
//   every frame:       step_import(job, store, 500); import_progress(job); drain job.outbox
//   cancel_import(job); undo_import(job, store) -> error or nothing; rejects_csv(job)
//
// Every row goes through the same core commands as typed data (account.put, contact.put,
// activity.log, lead.put), so it is validated like typed data, scored wherever apply_command
// lets the lead engine follow (where it does not, call rebuild_leads after the job) and
// queued for sync (job.outbox). A row is all or nothing: either every command it needs applied,
// or none did and the row is in `rejects` with its line and the field at fault. The store is
// consistent between any two steps, so cancel simply stops.
//
// Undo is a journal of what each command changed (the record before it, or "did not exist"),
// not inverse commands, because core has no delete command yet: undo_import puts back every
// record the import changed through *.put commands (queued for sync like any other), and
// removes the records it created directly from the store. Those removals are local until core
// gets delete commands; the sync layer must not have pushed the import's commands, or must
// push deletes, before that is supported. Undo restores the store exactly (same rows, same
// order); records added since keep their contents and relative order, and undo is refused
// while anything added since points at a record the import created (see
// import_undo_check.h). Derived state (lead
// scores the engine changed while following the import) is not journaled: rebuild it after an
// undo.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>
#include "commands.h"
#include "csv_writer.h"
#include "import_mapping.h"
#include "import_table.h"
#include "text_encoding.h"

namespace fc {

enum class ImportFormat : std::uint8_t { detect, csv, json };

struct ImportSource {
    ImportTable table;
    bool is_json = false;
    TextEncoding encoding = TextEncoding::utf8;
    char delimiter = ',';  // CSV only
};

// Decodes (BOM, UTF-8, UTF-16, Windows-1252) and parses. `detect` takes a file whose first
// non-space character is '[' as JSON, anything else as CSV. An error only when nothing can be
// read at all (JSON that does not parse); bad rows are the job's business.
MaybeError read_import_source(std::string_view bytes, ImportFormat format, ImportSource& out);

// Which cell of a row says it is a record the store already has; the user picks it.
//   automatic    a row with an external id (a column mapped to `id`) matches by that id alone:
//                the source system says which record it is, and two of its records sharing an
//                email stay two. Contacts without one match by email, then by phone. What
//                imports did before the choice existed.
//   external_id  the id column only; it must be mapped (start_import refuses otherwise).
//   email, phone contacts only, that one cell and no other: a file whose emails are stale but
//                whose phones are right must not land on the wrong contact through a fallback.
//                Accounts, activities and leads have no email or phone of their own (an
//                activity's contact_email names its contact, not the activity), so for them
//                only automatic and external_id exist (match_keys_for).
// Email compares case-insensitively, phone by digits (see phone_match_key). Under an explicit
// key a row whose key cell is empty (or a phone too short to tell apart) matches nothing and
// is a new record: an empty cell says nothing about which record a row is, and skipping such
// rows would silently drop people who have no email. Whatever the key, a row it matches to
// nothing but whose own id is on record (its external id, or the id this file gave it before)
// is that record, not a new one, so re-imports are idempotent.
enum class MatchKey : std::uint8_t { automatic, external_id, email, phone };

// The keys a kind can match by, automatic first.
const std::vector<MatchKey>& match_keys_for(ImportKind k);

// The field an explicit key reads, or ignore when the key needs no column (automatic) or the
// mapping has one. The UI shows it next to the choice, and start_import refuses the mapping.
ImportField match_field_left_out(MatchKey key, const ColumnMapping& m);

// When a row matches an existing record: leave it, overwrite the fields the file has (empty
// cells keep the old value), or make a new record beside it.
enum class DuplicatePolicy : std::uint8_t { skip, update, create };

struct ImportOptions {
    ImportKind kind = ImportKind::contacts;
    Id import_id;              // id-safe; content_hash_hex(file bytes) makes re-runs idempotent
    Id client_id;              // for the commands: the replica, its author and clock
    Id author;
    Time now = 0;
    std::uint64_t next_seq = 1;  // the client's next command number; read it back from the job
    Id default_dealer_id;        // for accounts and leads whose row names no dealer
    MatchKey match_key = MatchKey::automatic;
    DuplicatePolicy on_duplicate = DuplicatePolicy::update;
    bool create_missing_accounts = true;  // a company name with no account makes one
    int utc_offset_minutes = 0;           // for dates and times written without a zone
};

// A row the import refused. `row` is its index in the table, or -1 when the file's structure
// broke there (an unclosed quote) and there are no cells to show.
struct RowReject {
    std::uint32_t line = 0;
    std::int64_t row = -1;
    std::string field;   // the record field at fault ("email"), empty for structural problems
    std::string reason;  // a sentence naming the field and, when it came from one, the column
};

struct JournalEntry {
    ImportKind table;
    Id id;
    std::optional<json> before;  // nullopt: the import created the record
};

struct ImportCounts {
    std::size_t created = 0, updated = 0, unchanged = 0, skipped = 0, rejected = 0;
    std::size_t accounts_created = 0;  // made for company names (contacts, activities, leads)
};

struct ImportProgress {
    std::size_t rows_done = 0, rows_total = 0;
    ImportCounts counts;
    bool finished = false, cancelled = false, undone = false;
};

// Lookups the rows resolve against; kept up to date as the job adds records.
struct ImportIndex {
    std::unordered_map<std::string, Id> contact_by_email, contact_by_phone;
    std::unordered_map<std::string, Id> account_by_name, category_by_name, user_by_name;
};

struct ImportJob {
    ImportOptions options;
    ImportSource source;
    ColumnMapping mapping;
    std::vector<int> column_of;  // ImportField -> column, -1 when unmapped
    ImportIndex index;
    std::size_t next_row = 0;
    bool started = false, cancelled = false, undone = false;
    ImportCounts counts;
    std::vector<RowReject> rejects;    // in processing order
    std::vector<JournalEntry> journal;
    std::vector<Command> outbox;       // applied commands for the sync log; the caller drains it
};

// Checks the mapping (size, fields allowed for the kind, required fields and the match key's
// field present) and the options, builds the lookups, and lists the file's structural errors
// as rejects. Nothing in the store changes. On error the job is not started.
MaybeError start_import(ImportJob& job, const Store& store, ImportSource source,
                        ColumnMapping mapping, ImportOptions options);

// Processes up to `budget_rows` rows; returns how many it processed (0 once finished,
// cancelled or undone).
std::size_t step_import(ImportJob& job, Store& store, std::size_t budget_rows);

ImportProgress import_progress(const ImportJob& job);

// Stops after the rows already done; they stay (undo_import removes them too).
void cancel_import(ImportJob& job);

// Cancels if running, then rolls back everything the job changed (see the top of this file).
// Restoring puts go to job.outbox like every other command. Refused, changing nothing (the job
// stays cancelled and can be undone later), while records added since refer to records the
// import created: removing those would leave references dangling.
MaybeError undo_import(ImportJob& job, Store& store);

// The rejected rows as CSV: the file's own columns, then "line" and "reason", sorted by line,
// so a user can fix them in a spreadsheet and import that file again.
std::string rejects_csv(const ImportJob& job, CsvOptions options = {});

}  // namespace fc
