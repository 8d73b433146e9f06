// One import row -> the puts it needs, or the reason it cannot be imported. Pure: it reads the
// job's lookups and the store and changes neither; import_job.cpp applies the plan.
#pragma once
#include <string>
#include <vector>
#include "import_job.h"

namespace fc {

struct PlannedPut {
    ImportKind table;
    const char* command_kind;  // "account.put", "contact.put", "activity.log", "lead.put"
    json payload;
    bool existed = false;      // replaces a record (update) rather than creating one
};

struct RowPlan {
    enum Outcome { apply, skip, unchanged, reject } outcome = apply;
    std::vector<PlannedPut> puts;  // an account made for a company name comes first
    std::string field;             // reject: the field at fault
    std::string reason;
};

RowPlan plan_row(const ImportJob& job, const Store& store, std::size_t row_index);

// The record of table `k` with this id as JSON, or nullopt when there is none.
std::optional<json> stored_record(const Store& s, ImportKind k, const Id& id);

// The id a row's record gets when the file gives none: the same file and row (TableRow::key,
// the line for CSV) give the same id.
Id generated_id(const ImportJob& job, std::uint32_t row_key, const char* suffix = "");

// The command that writes a record of this kind: "account.put", "contact.put",
// "activity.log", "lead.put".
const char* import_command_kind(ImportKind k);

}  // namespace fc
