// Which records one command changed, so a sync server (or a client's local database) writes
// exactly those rows: the records the command names (command_records) whose JSON changed or
// that it deleted, every row it appended to any table (lead events, a deal, a lead the engine
// opened), and for activity.log the leads of the activity's account and product category
// (the engine may move their creation time or first response, and re-scores them).
//
// Derived fields the engine changes elsewhere (the scores of other leads after a rule or
// contact change) are not reported: every replica re-derives them from the records.
#pragma once
#include <vector>
#include "sync_merge.h"

namespace fc {

struct Change {
    std::string table;
    Id id;
    bool deleted = false;
};
using ChangeSet = std::vector<Change>;

// apply_command, reporting the changes in `changes` (cleared first; empty on error or when a
// retried command changed nothing).
MaybeError apply_command_tracked(Store& s, const Command& c, ChangeSet& changes);

}  // namespace fc
