// Deleting records a CRM user can delete by hand (a duplicate contact, a task made by mistake):
//   task.delete    {id}: removes the task
//   contact.delete {id}: removes the contact; refused ("conflict") while an activity or a task
//                        names it, so no timeline entry ever points at nothing
// A sync server keeps a tombstone for each deleted record, so a stale write made before the
// delete cannot bring it back (docs/sync-protocol.md, "Merge rules").
#pragma once
#include <string>
#include "commands.h"

namespace fc {

bool is_delete_command(const std::string& kind);
MaybeError apply_delete_command(Store& s, const Command& c);

}  // namespace fc
