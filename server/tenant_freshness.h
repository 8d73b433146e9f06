// With several server processes on one PostgreSQL, a tenant's memory here falls behind when
// another process commits. Pushes catch up inside their write transaction (push.cpp); readers
// of memory (the demo snapshot, the event stream's hello) call this first.
#pragma once
#include "state.h"

namespace fc::server {

// Loads what other processes committed since `t.version` and reports the tenant's version in
// the database. Call with t.mutex held.
MaybeError catch_up_with_database(ServerState& state, TenantState& t, std::int64_t& version);

}  // namespace fc::server
