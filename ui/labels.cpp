#include "labels.h"

namespace fc::ui {

const char* label_of(ActivityType t) {
    static const char* const names[] = {
        "Web form", "Inbound call", "Outbound call", "Inbound email", "Outbound email", "Visit",
        "Test drive", "Literature request", "Seminar", "Quote request", "Quote", "Purchase",
        "Service", "Complaint", "Unsubscribe", "Email bounce", "Note"};
    static_assert(sizeof names / sizeof names[0] == size_t(ActivityType::count_));
    return names[size_t(t)];
}

const char* label_of(LeadState s) {
    static const char* const names[] = {"New", "Working", "Qualified", "Converted",
                                        "Disqualified", "Nurture"};
    static_assert(sizeof names / sizeof names[0] == size_t(LeadState::count_));
    return names[size_t(s)];
}

const char* label_of(ContactRole r) {
    static const char* const names[] = {"", "Decision maker", "Influencer", "User"};
    static_assert(sizeof names / sizeof names[0] == size_t(ContactRole::count_));
    return names[size_t(r)];
}

}  // namespace fc::ui
