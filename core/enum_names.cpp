#include "enum_names.h"
#include <array>

namespace fc {
namespace {

constexpr std::array<std::string_view, size_t(ActivityType::count_)> activity_names = {
    "web_form", "inbound_call", "outbound_call", "inbound_email", "outbound_email", "visit",
    "test_drive", "literature_request", "seminar", "quote_request", "quote", "purchase",
    "service", "complaint", "unsubscribe", "email_bounce", "note"};
constexpr std::array<std::string_view, size_t(ContactRole::count_)> role_names = {
    "unknown", "decision_maker", "influencer", "user"};
constexpr std::array<std::string_view, size_t(LeadState::count_)> lead_state_names = {
    "new", "working", "qualified", "converted", "disqualified", "nurture"};
constexpr std::array<std::string_view, size_t(TaskState::count_)> task_state_names = {
    "open", "done", "skipped"};
constexpr std::array<std::string_view, size_t(LeadEventKind::count_)> lead_event_names = {
    "state_changed", "assigned", "reassigned", "sla_notice", "sla_redirect"};

template <class E, size_t N>
std::optional<E> parse_in(const std::array<std::string_view, N>& names, std::string_view s) {
    for (size_t i = 0; i < N; ++i)
        if (names[i] == s) return E(i);
    return std::nullopt;
}

}  // namespace

std::string_view name_of(ActivityType v) { return activity_names[size_t(v)]; }
std::string_view name_of(ContactRole v) { return role_names[size_t(v)]; }
std::string_view name_of(LeadState v) { return lead_state_names[size_t(v)]; }
std::string_view name_of(TaskState v) { return task_state_names[size_t(v)]; }
std::string_view name_of(LeadEventKind v) { return lead_event_names[size_t(v)]; }

std::optional<ActivityType> parse_activity_type(std::string_view s) {
    return parse_in<ActivityType>(activity_names, s);
}
std::optional<ContactRole> parse_contact_role(std::string_view s) {
    return parse_in<ContactRole>(role_names, s);
}
std::optional<LeadState> parse_lead_state(std::string_view s) {
    return parse_in<LeadState>(lead_state_names, s);
}
std::optional<TaskState> parse_task_state(std::string_view s) {
    return parse_in<TaskState>(task_state_names, s);
}

std::optional<LeadEventKind> parse_lead_event_kind(std::string_view s) {
    return parse_in<LeadEventKind>(lead_event_names, s);
}

}  // namespace fc
