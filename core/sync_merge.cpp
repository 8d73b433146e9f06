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

const std::vector<std::string>& command_kinds() {
    static const std::vector<std::string> kKinds = {
        "dealer.put",    "user.put",        "category.put",  "campaign.put",  "account.put",
        "contact.put",   "lead.put",        "task.put",      "deal.put",      "activity.log",
        "lead.transition", "lead.qualify",  "scoring_rules.put", "task.create", "task.complete",
        "lead.reassign", "lead.redirect",   "lead.sla_notice", "task.delete", "contact.delete"};
    return kKinds;
}

std::vector<RecordRef> command_records(const Command& c) {
    std::vector<RecordRef> out;
    auto id_at = [&](const json& obj, const char* key, const char* table) {
        if (!obj.is_object()) return;
        auto it = obj.find(key);
        if (it != obj.end() && it->is_string()) out.push_back({table, it->get<std::string>()});
    };
    const json& p = c.payload;
    if (auto t = command_target(c)) out.push_back({t->table, t->id});
    else if (c.kind == "deal.put") id_at(p, "id", "deals");
    else if (c.kind == "task.create" || c.kind == "task.delete") id_at(p, "id", "tasks");
    else if (c.kind == "contact.delete") id_at(p, "id", "contacts");
    else if (c.kind == "task.complete") id_at(p, "task_id", "tasks");
    else if (c.kind == "scoring_rules.put") out.push_back({"scoring_rules", "current"});
    else if (c.kind == "lead.transition" || c.kind == "lead.qualify" ||
             c.kind == "lead.reassign" || c.kind == "lead.redirect" ||
             c.kind == "lead.sla_notice") {
        id_at(p, "lead_id", "leads");
        if (c.kind == "lead.transition" && p.is_object() && p.contains("deal"))
            id_at(p.at("deal"), "id", "deals");
    }
    return out;
}

bool incoming_write_wins(Time stored_at, Time incoming_at) { return incoming_at >= stored_at; }

}  // namespace fc
