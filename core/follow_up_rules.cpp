#include "follow_up_rules.h"
#include <algorithm>
#include <cstdio>
#include <unordered_map>
#include "business_time.h"
#include "enum_names.h"
#include "record_json.h"
#include "workflow_commands.h"

namespace fc {
namespace {

constexpr std::int64_t kDay = 86400;
constexpr int kMaxOccurrencesPerRun = 1200;  // 600 years of 6-monthly reminders

constexpr const char* kPlaceholders[] = {"account", "contact", "category", "amount", "date",
                                         "occurrence"};

// Everything a rule needs to know about what triggered it.
struct Source {
    Id id;
    Time at = 0;
    std::uint32_t account = kNoRow;
    std::uint32_t lead = kNoRow;
    Id contact_id;
    Id category;
    Money amount = 0;
};

Error field_error(const char* code, const std::string& field, const std::string& message) {
    return Error{code, field, field + " " + message};
}

MaybeError check_title(const std::string& title, const std::string& field) {
    for (size_t i = 0; i < title.size(); ++i) {
        if (title[i] != '{') continue;
        size_t close = title.find('}', i);
        if (close == std::string::npos) return field_error("invalid_field", field, "has a { without }");
        std::string name = title.substr(i + 1, close - i - 1);
        bool known = false;
        for (const char* p : kPlaceholders) known = known || name == p;
        if (!known) return field_error("invalid_field", field, "uses unknown placeholder {" + name + "}");
        i = close;
    }
    return std::nullopt;
}

std::string format_amount(Money m) {
    char buf[40];
    Money a = m < 0 ? -m : m;
    std::snprintf(buf, sizeof buf, "%s%lld.%02lld", m < 0 ? "-" : "",
                  static_cast<long long>(a / 100), static_cast<long long>(a % 100));
    return buf;
}

std::string format_date(Time t) {
    int y, mo, d;
    civil_from_days(t >= 0 ? t / kDay : (t - kDay + 1) / kDay, y, mo, d);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, d);
    return buf;
}

bool is_touch(ActivityType t) {
    return t != ActivityType::note && t != ActivityType::email_bounce &&
           t != ActivityType::unsubscribe;
}

// Why this contact may not be approached on this channel; empty when allowed.
std::string not_allowed_reason(const Contact* c, Channel ch) {
    if (!c) return {};
    if (c->do_not_contact) return c->name + " asked not to be contacted";
    if (ch == Channel::phone && !c->consent_phone) return c->name + " has not consented to calls";
    if (ch == Channel::email && !c->consent_email) return c->name + " has not consented to email";
    return {};
}

class Planner {
public:
    Planner(const Store& s, const Indexes& idx, Time now, FollowUpContext ctx)
        : s_(s), idx_(idx), now_(now), ctx_(ctx) {}

    void run(const FollowUpRule& rule) {
        switch (rule.on) {
            case TriggerOn::activity: return from_activities(rule);
            case TriggerOn::lead_state:
            case TriggerOn::deal_won:
            case TriggerOn::deal_lost: return from_lead_events(rule);
            case TriggerOn::no_contact: return from_silence(rule);
        }
    }
    std::vector<Command> take() { return std::move(out_); }

private:
    void from_activities(const FollowUpRule& rule) {
        const std::uint16_t cat = category_code(s_, rule.product_category);
        const size_t n = std::min(s_.activities.rows.size(), idx_.activity_at.size());
        for (size_t r = 0; r < n; ++r) {
            // Compact arrays first: the wide row is read only for activities that match.
            if (idx_.activity_at[r] > now_) continue;
            if (rule.activity_type && idx_.activity_type[r] != *rule.activity_type) continue;
            if (!rule.product_category.empty() && idx_.activity_category[r] != cat) continue;
            const Activity& a = s_.activities.rows[r];
            if (rule.amount_over >= 0 && a.amount <= rule.amount_over) continue;
            Source src;
            src.id = a.id;
            src.at = a.at;
            src.account = row_of_account(a.account_id);
            src.lead = lead_for(src.account, a.product_category);
            src.contact_id = a.contact_id;
            src.category = a.product_category;
            src.amount = a.amount;
            plan(rule, src);
        }
    }

    void from_lead_events(const FollowUpRule& rule) {
        for (const LeadEvent& e : s_.lead_events.rows) {
            if (e.at > now_ || e.kind != LeadEventKind::state_changed) continue;
            bool match = rule.on == TriggerOn::deal_won    ? is_deal_outcome(e, true)
                         : rule.on == TriggerOn::deal_lost ? is_deal_outcome(e, false)
                                                           : e.to_state == rule.to_state;
            std::uint32_t lead_row = s_.leads.row_of(e.lead_id);
            if (!match || lead_row == kNoRow) continue;
            const Lead& l = s_.leads.rows[lead_row];
            if (!rule.product_category.empty() && l.product_category != rule.product_category)
                continue;
            Source src;
            src.id = e.id;
            src.at = e.at;
            src.account = row_of_account(l.account_id);
            src.lead = lead_row;
            src.category = l.product_category;
            plan(rule, src);
        }
    }

    void from_silence(const FollowUpRule& rule) {
        const Time quiet = Time(rule.no_contact_days) * kDay;
        for (std::uint32_t acc = 0; acc < idx_.activities_of_account.size(); ++acc) {
            const Rows& rows = idx_.activities_of_account[acc];
            size_t i = lower_bound_at(rows, s_.activities.rows, now_ + 1);
            Time last = 0;
            while (i-- > 0) {
                const Activity& a = s_.activities.rows[rows[i]];
                if (is_touch(a.type)) {
                    last = a.at;
                    break;
                }
            }
            if (last == 0 || now_ - last < quiet) continue;
            Source src;
            // A new silence after a new contact is a new source: the id names the last touch.
            src.id = s_.accounts.rows[acc].id + ":" + std::to_string(last);
            src.at = last + quiet;
            src.account = acc;
            src.lead = lead_for(acc, {});
            plan(rule, src);
        }
    }

    void plan(const FollowUpRule& rule, const Source& src) {
        if (src.account == kNoRow) return;
        Time due0 = src.at + Time(rule.delay_days) * kDay;
        if (rule.delay_months) due0 = add_months(due0, rule.delay_months);
        const Time too_late = now_ - Time(rule.max_late_days) * kDay;
        Time previous_due = 0;
        for (int k = 0; k < kMaxOccurrencesPerRun; ++k) {
            if (k > 0 && (rule.every_months == 0 || previous_due > now_)) break;
            if (k > 0 && rule.max_occurrences > 0 && k >= rule.max_occurrences) break;
            Time due = k == 0 ? due0 : add_months(due0, k * rule.every_months);
            previous_due = due;
            if (due < too_late) continue;
            Id task_id = derived_id("fu:" + rule.id, src.id, k ? std::to_string(k) : "");
            if (s_.tasks.contains(task_id)) continue;
            emit(rule, src, task_id, k, due);
        }
    }

    void emit(const FollowUpRule& rule, const Source& src, const Id& task_id, int k, Time due) {
        const Account& acc = s_.accounts.rows[src.account];
        const Contact* contact = nullptr;
        std::string blocked;
        if (!src.contact_id.empty()) {
            contact = s_.contacts.find(src.contact_id);
            blocked = not_allowed_reason(contact, rule.channel);
        } else {
            // No one person triggered it: the first contact of the account who may be approached.
            for (std::uint32_t c : idx_.contacts_of_account[src.account]) {
                const Contact& ct = s_.contacts.rows[c];
                std::string why = not_allowed_reason(&ct, rule.channel);
                if (!contact || (why.empty() && !blocked.empty())) {
                    contact = &ct;
                    blocked = why;
                }
                if (blocked.empty()) break;
            }
        }
        if (!blocked.empty() && rule.skip_when_not_allowed) return;
        Task t;
        t.id = task_id;
        t.account_id = acc.id;
        if (contact) t.contact_id = contact->id;
        if (src.lead != kNoRow) t.lead_id = s_.leads.rows[src.lead].id;
        t.assignee = assignee(rule, src);
        t.title = clip_utf8(render(rule, src, contact, k), 200);
        t.due = due;
        t.created_at = now_;
        t.rule_id = rule.id;
        t.source_id = clip_utf8(src.id, 64);
        t.occurrence = k;
        t.blocked_reason = clip_utf8(blocked, 500);
        out_.push_back(system_command(task_id, "task.create", to_json(t), now_));
    }

    Id assignee(const FollowUpRule& rule, const Source& src) {
        const Id& dealer = s_.accounts.rows[src.account].dealer_id;
        if (rule.assignee == AssigneeKind::owner && src.lead != kNoRow &&
            !s_.leads.rows[src.lead].owner.empty())
            return s_.leads.rows[src.lead].owner;
        if (rule.assignee == AssigneeKind::service_team && ctx_.routing && ctx_.routing_state)
            if (const Team* t = team_for(*ctx_.routing, dealer, "service"))
                if (const Id* who = pick_member(*t, *ctx_.routing_state)) return *who;
        Id manager = manager_of(dealer);
        if (!manager.empty()) return manager;
        return ctx_.routing ? ctx_.routing->fallback_queue : Id{};
    }

    std::string render(const FollowUpRule& rule, const Source& src, const Contact* contact, int k) {
        std::string out;
        const std::string& t = rule.title;
        for (size_t i = 0; i < t.size(); ++i) {
            size_t close = t[i] == '{' ? t.find('}', i) : std::string::npos;
            if (close == std::string::npos) {
                out += t[i];
                continue;
            }
            std::string name = t.substr(i + 1, close - i - 1);
            if (name == "account") out += s_.accounts.rows[src.account].name;
            else if (name == "contact") out += contact ? contact->name : std::string("the customer");
            else if (name == "category") {
                const ProductCategory* c = s_.categories.find(src.category);
                out += c ? c->name : std::string("purchase");
            } else if (name == "amount") out += format_amount(src.amount);
            else if (name == "date") out += format_date(src.at);
            else if (name == "occurrence") out += std::to_string(k + 1);
            i = close;
        }
        return out;
    }

    std::uint32_t row_of_account(const Id& id) const {
        return s_.accounts.row_of(id);
    }

    // The account's lead for the category (any owned lead when the category has none).
    std::uint32_t lead_for(std::uint32_t acc, const Id& category) const {
        if (acc == kNoRow) return kNoRow;
        std::uint32_t any = kNoRow;
        for (std::uint32_t l : idx_.leads_of_account[acc]) {
            const Lead& lead = s_.leads.rows[l];
            if (!category.empty() && lead.product_category == category) return l;
            if (any == kNoRow && !lead.owner.empty()) any = l;
        }
        return any;
    }

    Id manager_of(const Id& dealer) {
        auto it = managers_.find(dealer);
        if (it != managers_.end()) return it->second;
        Id m;
        for (const User& u : s_.users.rows)
            if (u.role == "manager" && u.dealer_id == dealer) {
                m = u.id;
                break;
            }
        return managers_[dealer] = m;
    }

    const Store& s_;
    const Indexes& idx_;
    Time now_;
    FollowUpContext ctx_;
    std::unordered_map<Id, Id> managers_;
    std::vector<Command> out_;
};

MaybeError read_rule(const json& j, const std::string& at, FollowUpRule& rule) {
    JsonReader r(j, at);
    r.id("id", rule.id, true);
    const json* trigger = r.nested("trigger", true, json::value_t::object, "an object");
    const json* delay = r.nested("delay", false, json::value_t::object, "an object");
    const json* recurrence = r.nested("recurrence", false, json::value_t::object, "an object");
    std::string assignee = "owner", channel = "any", not_allowed = "block";
    r.string("assignee", assignee, false, 32);
    r.string("channel", channel, false, 16);
    r.string("when_not_allowed", not_allowed, false, 16);
    r.int32("max_late_days", rule.max_late_days, false, 0, 3650);
    r.string("title", rule.title, true, 200);
    if (!r.failed()) {
        if (assignee == "owner") rule.assignee = AssigneeKind::owner;
        else if (assignee == "dealer_manager") rule.assignee = AssigneeKind::dealer_manager;
        else if (assignee == "service_team") rule.assignee = AssigneeKind::service_team;
        else r.fail("invalid_field", "assignee", "must be owner, dealer_manager or service_team");
    }
    if (!r.failed()) {
        if (channel == "any") rule.channel = Channel::any;
        else if (channel == "phone") rule.channel = Channel::phone;
        else if (channel == "email") rule.channel = Channel::email;
        else if (channel == "visit") rule.channel = Channel::visit;
        else r.fail("invalid_field", "channel", "must be any, phone, email or visit");
    }
    if (!r.failed() && not_allowed != "block" && not_allowed != "skip")
        r.fail("invalid_field", "when_not_allowed", "must be block or skip");
    rule.skip_when_not_allowed = not_allowed == "skip";
    if (auto e = r.finish()) return e;
    if (auto e = check_title(rule.title, r.path_of("title"))) return e;

    const std::string tpath = r.path_of("trigger");
    JsonReader tr(*trigger, tpath);
    std::string on;
    tr.string("on", on, true, 32);
    tr.id("product_category", rule.product_category, false);
    ActivityType type = ActivityType::note;
    bool has_type = trigger->contains("activity_type");
    std::int64_t amount_over = -1;
    if (on == "activity") {
        tr.enumeration("activity_type", type, false, parse_activity_type);
        tr.integer("amount_over", amount_over, false, 0, 1000000000000);
    } else if (on == "lead_state") {
        tr.enumeration("to_state", rule.to_state, true, parse_lead_state);
    } else if (on == "no_contact") {
        tr.int32("days", rule.no_contact_days, true, 1, 3650);
    } else if (!tr.failed() && on != "deal_won" && on != "deal_lost") {
        tr.fail("invalid_field", "on",
                "must be activity, lead_state, deal_won, deal_lost or no_contact");
    }
    if (auto e = tr.finish()) return e;
    rule.on = on == "activity"     ? TriggerOn::activity
              : on == "lead_state" ? TriggerOn::lead_state
              : on == "deal_won"   ? TriggerOn::deal_won
              : on == "deal_lost"  ? TriggerOn::deal_lost
                                   : TriggerOn::no_contact;
    if (has_type) rule.activity_type = type;
    rule.amount_over = amount_over;

    if (delay) {
        JsonReader dr(*delay, r.path_of("delay"));
        dr.int32("days", rule.delay_days, false, 0, 3650);
        dr.int32("months", rule.delay_months, false, 0, 120);
        if (auto e = dr.finish()) return e;
    }
    if (recurrence) {
        JsonReader rr(*recurrence, r.path_of("recurrence"));
        rr.int32("every_months", rule.every_months, true, 1, 120);
        rr.int32("max_occurrences", rule.max_occurrences, false, 0, 1000);
        if (auto e = rr.finish()) return e;
    }
    return std::nullopt;
}

}  // namespace

bool is_deal_outcome(const LeadEvent& e, bool won) {
    return e.kind == LeadEventKind::state_changed &&
           e.to_state == (won ? LeadState::converted : LeadState::disqualified);
}

MaybeError from_json(const json& j, FollowUpRules& out, const std::string& path) {
    FollowUpRules rules;
    JsonReader r(j, path);
    const json* list = r.nested("rules", true, json::value_t::array, "an array");
    if (auto e = r.finish()) return e;
    for (size_t i = 0; i < list->size(); ++i) {
        std::string at = r.path_of("rules") + "[" + std::to_string(i) + "]";
        FollowUpRule rule;
        if (auto e = read_rule((*list)[i], at, rule)) return e;
        for (const FollowUpRule& other : rules.rules)
            if (other.id == rule.id)
                return field_error("duplicate_id", at + ".id", "\"" + rule.id + "\" appears twice");
        rules.rules.push_back(std::move(rule));
    }
    out = std::move(rules);
    return std::nullopt;
}

json default_follow_up_rules_json() {
    return json::parse(R"({"rules": [
      {"id": "satisfaction-call",
       "trigger": {"on": "activity", "activity_type": "purchase"},
       "delay": {"days": 15}, "assignee": "owner", "channel": "phone",
       "title": "Satisfaction call: is {contact} happy with the {category} bought {date}?"},
      {"id": "service-check",
       "trigger": {"on": "activity", "activity_type": "service", "amount_over": 50000},
       "delay": {"days": 2}, "assignee": "service_team", "channel": "phone",
       "title": "Check call after the {amount} service of {date}: is everything all right?"},
      {"id": "tyre-rotation",
       "trigger": {"on": "activity", "activity_type": "purchase", "product_category": "tyres"},
       "delay": {"months": 6}, "recurrence": {"every_months": 6},
       "assignee": "service_team", "channel": "any",
       "title": "Tyre rotation reminder #{occurrence} for {account}"},
      {"id": "lost-deal-follow-up",
       "trigger": {"on": "deal_lost"},
       "delay": {"days": 30}, "assignee": "owner", "channel": "any",
       "title": "30 days after the lost {category} deal: has {account} been taken care of?"}
    ]})");
}

FollowUpRules default_follow_up_rules() {
    FollowUpRules r;
    auto e = from_json(default_follow_up_rules_json(), r);
    (void)e;  // the defaults are tested to parse
    return r;
}

std::vector<Command> plan_follow_ups(const Store& s, const Indexes& idx, const FollowUpRules& rules,
                                     Time now, FollowUpContext ctx) {
    Planner p(s, idx, now, ctx);
    for (const FollowUpRule& r : rules.rules) p.run(r);
    return p.take();
}

}  // namespace fc
