// A small hand-made store and helpers to run an import to the end, shared by the import and
// export tests.
#pragma once
#include <string>
#include "import_job.h"
#include "snapshot.h"

namespace fc::test {

constexpr Time kImportNow = 1790000000;  // 2026-09-21

inline Store import_store() {
    Store s;
    s.dealers.put(Dealer{"D1", "Autohaus München", "Europe/Berlin"});
    s.users.put(User{"D1-R1", "D1", "Anna Müller", "rep"});
    s.categories.put(ProductCategory{"new-cars", "New cars"});
    s.categories.put(ProductCategory{"vans", "Light commercial vehicles"});
    s.accounts.put(Account{"A1", "D1", "Müller GmbH", "80331", "München", "DE", "fleet", 20});
    s.contacts.put(Contact{"A1-C1", "A1", "Jürgen Müller", "juergen@mueller.example",
                           "+49 89 1234567", ContactRole::decision_maker, false, true, true});
    return s;
}

inline ImportOptions import_options(ImportKind kind, const std::string& import_id = "file1") {
    ImportOptions o;
    o.kind = kind;
    o.import_id = import_id;
    o.client_id = "client-1";
    o.author = "D1-R1";
    o.now = kImportNow;
    o.default_dealer_id = "D1";
    return o;
}

// Reads `bytes`, guesses the mapping, and runs the job to the end in small steps.
inline ImportJob run_import(Store& store, const std::string& bytes, ImportOptions options,
                            size_t budget = 3) {
    ImportSource src;
    ImportJob job;
    if (read_import_source(bytes, ImportFormat::detect, src)) return job;
    ColumnMapping m = guess_mapping(options.kind, src.table.header);
    if (start_import(job, store, std::move(src), m, options)) return job;
    while (step_import(job, store, budget) > 0) {
    }
    return job;
}

inline std::string dump(const Store& s) { return snapshot_to_json(s).dump(); }

}  // namespace fc::test
