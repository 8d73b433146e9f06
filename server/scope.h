// Who may see and write what (docs/sync-protocol.md, "Tenancy, users and roles"). The tenant
// boundary is the caller's token; inside a tenant, every record has a scope: the dealer it
// belongs to, "*" for network-wide reference data every user sees, or "" for central only.
#pragma once
#include <string>
#include "commands.h"
#include "store.h"

namespace fc::server {

struct Actor {
    Id tenant;
    Id user_id;       // empty for the server itself (capture, scheduled rules)
    std::string role; // "rep", "manager", "central", or "system"
    Id dealer_id;     // the dealer of a rep or manager
};

constexpr const char* kNetworkWide = "*";

inline bool sees_everything(const Actor& a) { return a.role == "central" || a.role == "system"; }
// Whether a record of this scope is visible to the actor.
bool can_see(const Actor& a, const std::string& scope);

// The scope of a record given as JSON of `table` (core's shape), resolved through the store for
// records that belong to a dealer through their account, lead or assignee.
std::string scope_of(const Store& s, const std::string& table, const json& record);
// The same for a record in the store, read as it is (no JSON round trip); "" when it is not there.
std::string scope_of_stored(const Store& s, const std::string& table, const Id& id);

// Checks a command against the actor's role and dealer before it is applied: every record it
// names (command_records) and every user or dealer it moves a lead to. Put payloads are
// validated first (the same checks apply_command makes, so the error is the same). Records of
// another dealer are reported as not existing ("not_found"), never as forbidden, so a scoped
// user learns nothing about them. Unknown kinds pass: apply_command names what is wrong.
MaybeError authorize(const Store& s, const Actor& a, const Command& c);

}  // namespace fc::server
