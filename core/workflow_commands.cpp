#include "workflow_commands.h"
#include <cstdio>
#include "record_json.h"
#include "snapshot.h"

namespace fc {
namespace {

bool is_open_lead_state(LeadState s) {
    return s == LeadState::new_lead || s == LeadState::working || s == LeadState::qualified ||
           s == LeadState::nurture;
}

Error bad(const char* code, const std::string& field, const std::string& message) {
    return Error{code, field, field + " " + message};
}

void append_event(Store& s, LeadEvent e) { s.lead_events.put(std::move(e)); }

// Events of one command may be several (state and owner in one lead.put): suffix them.
Id event_id(const Command& c, const char* suffix) {
    return *suffix ? derived_id(c.id, suffix) : c.id;
}

MaybeError create_task(Store& s, const Command& c) {
    Task t;
    if (auto e = from_json(c.payload, t, "payload")) return e;
    if (s.tasks.contains(t.id)) return std::nullopt;  // created before: keep it as it is now
    if (auto e = check_references(s, t, "payload")) return e;
    if (t.state != TaskState::open)
        return bad("invalid_field", "payload.state", "must be open for a new task");
    if (t.created_at == 0) t.created_at = c.at;
    s.tasks.put(std::move(t));
    return std::nullopt;
}

MaybeError complete_task(Store& s, const Command& c) {
    Id task_id;
    std::string outcome;
    bool skipped = false;
    JsonReader r(c.payload, "payload");
    r.id("task_id", task_id, true);
    r.string("outcome", outcome, true, 2000);
    r.boolean("skipped", skipped, false);
    if (auto e = r.finish()) return e;
    Task* t = s.tasks.find(task_id);
    if (!t) return bad("not_found", "payload.task_id", "refers to \"" + task_id + "\", which does not exist");
    if (t->state != TaskState::open) {
        // A retried completion is harmless; completing a closed task twice otherwise is not.
        if (t->done_at == c.at && t->outcome == outcome) return std::nullopt;
        return bad("conflict", "payload.task_id", "is already closed");
    }
    t->state = skipped ? TaskState::skipped : TaskState::done;
    t->done_at = c.at;
    t->done_by = c.author;
    t->outcome = outcome;
    return std::nullopt;
}

// lead.reassign and lead.redirect: the same move, logged as a different kind of step.
MaybeError move_lead(Store& s, const Command& c, bool redirect) {
    if (s.lead_events.contains(c.id)) return std::nullopt;  // retried command
    Id lead_id, to, dealer_id;
    std::string reason;
    JsonReader r(c.payload, "payload");
    r.id("lead_id", lead_id, true);
    r.id("to", to, true);
    r.string("reason", reason, true, 500);
    r.id("dealer_id", dealer_id, false);
    if (auto e = r.finish()) return e;
    Lead* lead = s.leads.find(lead_id);
    if (!lead) return bad("not_found", "payload.lead_id", "refers to \"" + lead_id + "\", which does not exist");
    const User* user = s.users.find(to);
    if (!user) return bad("not_found", "payload.to", "refers to \"" + to + "\", which does not exist");
    if (!dealer_id.empty() && !s.dealers.contains(dealer_id))
        return bad("not_found", "payload.dealer_id", "refers to \"" + dealer_id + "\", which does not exist");
    const Id& target_dealer = dealer_id.empty() ? lead->dealer_id : dealer_id;
    // Central users (no dealer) hold leads as shared desks and fallback queues; anyone else
    // must belong to the dealer that will hold the lead, so a dealer never sees another's lead.
    if (!user->dealer_id.empty() && user->dealer_id != target_dealer)
        return bad("invalid_field", "payload.to", "works for another dealer than the lead's");
    if (!is_open_lead_state(lead->state))
        return bad("invalid_field", "payload.lead_id", "is closed (" +
                   std::string(lead->state == LeadState::converted ? "converted" : "disqualified") + ")");
    if (lead->owner == to && dealer_id.empty())
        return bad("invalid_field", "payload.to", "already owns the lead");
    LeadEvent e;
    e.id = c.id;
    e.lead_id = lead_id;
    e.kind = redirect ? LeadEventKind::sla_redirect
                      : (lead->owner.empty() ? LeadEventKind::assigned : LeadEventKind::reassigned);
    e.at = c.at;
    e.actor = c.author;
    e.from_owner = lead->owner;
    e.to_owner = to;
    if (!dealer_id.empty() && dealer_id != lead->dealer_id) e.to_dealer = dealer_id;
    e.reason = reason;
    lead->owner = to;
    if (!dealer_id.empty()) lead->dealer_id = dealer_id;
    append_event(s, std::move(e));
    return std::nullopt;
}

MaybeError sla_notice(Store& s, const Command& c) {
    if (s.lead_events.contains(c.id)) return std::nullopt;
    Id lead_id, notify;
    std::string reason;
    JsonReader r(c.payload, "payload");
    r.id("lead_id", lead_id, true);
    r.id("notify", notify, true);
    r.string("reason", reason, true, 500);
    if (auto e = r.finish()) return e;
    if (!s.leads.contains(lead_id))
        return bad("not_found", "payload.lead_id", "refers to \"" + lead_id + "\", which does not exist");
    if (!s.users.contains(notify))
        return bad("not_found", "payload.notify", "refers to \"" + notify + "\", which does not exist");
    LeadEvent e;
    e.id = c.id;
    e.lead_id = lead_id;
    e.kind = LeadEventKind::sla_notice;
    e.at = c.at;
    e.actor = c.author;
    e.to_owner = notify;
    e.reason = reason;
    append_event(s, std::move(e));
    return std::nullopt;
}

}  // namespace

std::string clip_utf8(std::string s, size_t max) {
    if (s.size() <= max) return s;
    size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    s.resize(n);
    return s;
}

Id derived_id(const std::string& prefix, const std::string& a, const std::string& b) {
    std::string full = prefix + ":" + a + (b.empty() ? "" : ":" + b);
    if (full.size() <= 64) return full;
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a: stable on every platform
    for (unsigned char ch : full) h = (h ^ ch) * 1099511628211ull;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return prefix.substr(0, 40) + ":h" + hex;
}

bool log_state_change(Store& s, const Id& event_id, const Lead& lead, LeadState from,
                      LeadState to, Time at, const Id& actor, const std::string& reason) {
    if (s.lead_events.contains(event_id) || !s.leads.contains(lead.id)) return false;
    LeadEvent e;
    e.id = event_id;
    e.lead_id = lead.id;
    e.kind = LeadEventKind::state_changed;
    e.at = at;
    e.actor = actor;
    e.from_state = from;
    e.to_state = to;
    e.reason = reason;
    append_event(s, std::move(e));
    return true;
}

bool is_workflow_command(const std::string& kind) {
    return kind == "task.create" || kind == "task.complete" || kind == "lead.reassign" ||
           kind == "lead.redirect" || kind == "lead.sla_notice";
}

MaybeError apply_workflow_command(Store& s, const Command& c) {
    if (c.kind == "task.create") return create_task(s, c);
    if (c.kind == "task.complete") return complete_task(s, c);
    if (c.kind == "lead.reassign") return move_lead(s, c, false);
    if (c.kind == "lead.redirect") return move_lead(s, c, true);
    if (c.kind == "lead.sla_notice") return sla_notice(s, c);
    return Error{"unknown_command", "kind", "\"" + c.kind + "\" is not a known command"};
}

MaybeError put_lead(Store& s, const Command& c) {
    Lead l;
    if (auto e = from_json(c.payload, l, "payload")) return e;
    if (auto e = check_references(s, l, "payload")) return e;
    Lead before;
    bool existed = false;
    if (const Lead* old = s.leads.find(l.id)) {
        before = *old;
        existed = true;
    }
    LeadEvent base;
    base.lead_id = l.id;
    base.at = c.at;
    base.actor = c.author;
    if (existed && before.state != l.state) {
        s.leads.put(l);  // the event must name an existing lead
        log_state_change(s, event_id(c, "s"), l, before.state, l.state, c.at, c.author);
    }
    if (before.owner != l.owner && !l.owner.empty() && !s.lead_events.contains(event_id(c, "o"))) {
        LeadEvent e = base;
        e.id = event_id(c, "o");
        e.kind = before.owner.empty() ? LeadEventKind::assigned : LeadEventKind::reassigned;
        e.from_owner = before.owner;
        e.to_owner = l.owner;
        if (existed && before.dealer_id != l.dealer_id) e.to_dealer = l.dealer_id;
        e.reason = existed ? "edited" : "owner set when the lead was created";
        s.leads.put(l);
        append_event(s, std::move(e));
    }
    s.leads.put(std::move(l));
    return std::nullopt;
}

}  // namespace fc
