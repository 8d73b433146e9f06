// Commands of the follow-up and lead-handling workflow, and the lead event log they write.
//   task.create     {task}: insert-only; the same id again changes nothing (rule re-runs)
//   task.complete   {task_id, outcome, skipped?}: closes an open task, stamps done_at
//   lead.reassign   {lead_id, to, reason, dealer_id?}: routing or a manager's manual move
//   lead.redirect   {lead_id, to, reason, dealer_id?}: the SLA escalation's move
//   lead.sla_notice {lead_id, notify, reason}: tells a manager a lead waits past its SLA
// Each writes one LeadEvent (id = command id, so a retried command is harmless) and validates
// everything before changing anything. `lead.put` also goes through put_lead() here so state
// and owner changes made by editing a lead land in the log too.
#pragma once
#include <string>
#include "commands.h"

namespace fc {

bool is_workflow_command(const std::string& kind);
MaybeError apply_workflow_command(Store& s, const Command& c);

// lead.put that logs state_changed / assigned / reassigned events for what it changes.
MaybeError put_lead(Store& s, const Command& c);

// For other commands that change a lead (the scoring branch's lifecycle transitions, deals):
// appends a state_changed event so timelines, follow-up triggers (deal_won / deal_lost) and
// reports see it. Returns false, changing nothing, when an event with that id exists (retry).
bool log_state_change(Store& s, const Id& event_id, const Lead& lead, LeadState from,
                      LeadState to, Time at, const Id& actor, const std::string& reason = {});

// Cuts at a UTF-8 character boundary, so generated titles and reasons fit their fields.
std::string clip_utf8(std::string s, size_t max_bytes);

// An id made from parts, kept to the 64-character id alphabet: long ones become a hash.
Id derived_id(const std::string& prefix, const std::string& a, const std::string& b = "");

}  // namespace fc
