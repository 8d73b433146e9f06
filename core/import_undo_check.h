// Whether an import can still be undone: removing the records it created must not leave
// anything the import did not make pointing at them (an activity logged on an imported contact
// since, a task on an imported account, a lead the lead engine opened from imported activities).
#pragma once
#include <vector>
#include "error.h"
#include "import_job.h"

namespace fc {

// An error naming the first record that would be left referring to a removed one, or nothing.
MaybeError check_undo_leaves_no_orphans(const Store& store,
                                        const std::vector<JournalEntry>& journal);

}  // namespace fc
