// Stable wire names of the record enums: what JSON, CSV and the sync log carry.
#pragma once
#include <optional>
#include <string_view>
#include "records.h"

namespace fc {

std::string_view name_of(ActivityType v);
std::string_view name_of(ContactRole v);
std::string_view name_of(LeadState v);
std::string_view name_of(TaskState v);
std::string_view name_of(LeadEventKind v);

std::optional<ActivityType> parse_activity_type(std::string_view s);
std::optional<ContactRole> parse_contact_role(std::string_view s);
std::optional<LeadState> parse_lead_state(std::string_view s);
std::optional<TaskState> parse_task_state(std::string_view s);
std::optional<LeadEventKind> parse_lead_event_kind(std::string_view s);

}  // namespace fc
