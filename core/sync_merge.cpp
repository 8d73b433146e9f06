#include "sync_merge.h"

namespace fc {

Time clamp_client_time(Time client_at, Time server_now) {
    Time limit = server_now + kMaxClientClockLead;
    return client_at > limit ? limit : client_at;
}

std::optional<CommandTarget> command_target(const Command& c) {
    struct KindTable {
        const char* kind;
        const char* table;
        bool append_only;
    };
    static const KindTable kKinds[] = {
        {"account.put", "accounts", false},   {"contact.put", "contacts", false},
        {"activity.log", "activities", true}, {"lead.put", "leads", false},
        {"task.put", "tasks", false},         {"dealer.put", "dealers", false},
        {"user.put", "users", false},         {"category.put", "categories", false},
        {"campaign.put", "campaigns", false},
    };
    for (const KindTable& k : kKinds) {
        if (c.kind != k.kind) continue;
        auto id = c.payload.find("id");
        if (id == c.payload.end() || !id->is_string()) return std::nullopt;
        return CommandTarget{k.table, id->get<std::string>(), k.append_only};
    }
    return std::nullopt;
}

bool incoming_write_wins(Time stored_at, Time incoming_at) { return incoming_at >= stored_at; }

}  // namespace fc
