// The domain records: plain structs in flat tables. Every record carries a client-generated id
// so it can be created offline; references between records are ids, resolved through the Store.
#pragma once
#include <cstdint>
#include <string>

namespace fc {

using Id = std::string;
using Time = std::int64_t;   // seconds since the Unix epoch, UTC; always passed in, never read
using Money = std::int64_t;  // minor units (cents)

enum class ActivityType : std::uint8_t {
    web_form, inbound_call, outbound_call, inbound_email, outbound_email, visit, test_drive,
    literature_request, seminar, quote_request, quote, purchase, service, complaint,
    unsubscribe, email_bounce, note,
    count_
};

enum class ContactRole : std::uint8_t { unknown, decision_maker, influencer, user, count_ };

enum class LeadState : std::uint8_t {
    new_lead, working, qualified, converted, disqualified, nurture, count_
};

enum class TaskState : std::uint8_t { open, done, skipped, count_ };

struct Account {
    Id id;
    Id dealer_id;
    std::string name;
    std::string postal_code;
    std::string city;
    std::string country;   // ISO 3166-1 alpha-2
    std::string segment;   // account-fit field used by scoring rules
    std::int32_t employees = 0;
};

struct Contact {
    Id id;
    Id account_id;
    std::string name;
    std::string email;
    std::string phone;
    ContactRole role = ContactRole::unknown;
    bool do_not_contact = false;
    bool consent_email = true;
    bool consent_phone = true;
};

struct Activity {
    Id id;
    Id account_id;
    Id contact_id;          // may be empty: an anonymous web visit still belongs to an account
    ActivityType type = ActivityType::note;
    Time at = 0;
    Id product_category;    // may be empty for activities about no product
    Id campaign_id;         // may be empty
    Money amount = 0;       // purchases, quotes, service jobs
    Id author;              // user who logged it; empty for system-captured activities
    std::string note;
    std::string channel;    // how the signal came in ("web", "chat", "phone", "showroom"...); may be
                            // empty. Scoring rules may give a type different points per channel.
};

// One BANT item of a lead's qualification checklist: met or not, and what shows it.
struct BantItem {
    bool met = false;
    std::string evidence;   // required when met: sales trusts a tick only with its reason
};

struct Lead {
    Id id;
    Id account_id;
    Id product_category;
    Id dealer_id;
    Id owner;               // user id; empty while unassigned
    LeadState state = LeadState::new_lead;
    Time created_at = 0;
    Time first_response_at = 0;  // 0: nobody has answered yet
    double score = 0;
    // Lifecycle and qualification (lead engine).
    Time closed_at = 0;          // when it was converted or disqualified; 0 while open
    std::string disqualify_reason;
    BantItem budget, authority, need, timeline;
};

struct Task {
    Id id;
    Id account_id;
    Id contact_id;
    Id lead_id;
    Id assignee;
    std::string title;
    Time due = 0;
    TaskState state = TaskState::open;
    std::string outcome;
    // Follow-up tracking (timeline, compliance reports, idempotent rule runs).
    Time created_at = 0;         // 0: unknown (tasks imported without a creation time)
    Time done_at = 0;            // when it was completed or skipped; 0 while open
    Id rule_id;                  // follow-up rule that made it; empty for hand-made tasks
    Id source_id;                // the activity, lead or account that triggered the rule
    std::int32_t occurrence = 0; // 0 for the first, 1.. for recurring repeats
    std::string blocked_reason;  // non-empty: the contact may not be contacted this way
    Id done_by;                  // who completed or skipped it
};

struct Dealer {
    Id id;
    std::string name;
    std::string time_zone;  // IANA name, e.g. "Europe/Berlin"
};

struct User {
    Id id;
    Id dealer_id;           // empty for central users of the network
    std::string name;
    std::string role;       // "rep", "manager", "central"
};

struct ProductCategory {
    Id id;
    std::string name;
};

struct Campaign {
    Id id;
    std::string name;
    Money spend = 0;
};

// A deal is what a converted lead becomes; its stages describe the customer's progress.
enum class DealStage : std::uint8_t { exploring, evaluating, deciding, bought, lost, count_ };

struct Deal {
    Id id;
    Id lead_id;
    Id account_id;
    Id dealer_id;
    Id owner;
    Id product_category;
    DealStage stage = DealStage::evaluating;
    Money amount = 0;
    Time created_at = 0;
    Time closed_at = 0;         // when it was won (bought) or lost; 0 while open
    std::string reason;         // why it was won or lost (deal.move requires one)
};

// The append-only log of what happened to a lead besides its activities: state changes,
// assignments, SLA notices and redirects. The lead record keeps only the current state; the
// timeline, SLA clocks and redirect chains read this log.
enum class LeadEventKind : std::uint8_t {
    state_changed, assigned, reassigned, sla_notice, sla_redirect, count_
};

struct LeadEvent {
    Id id;                  // the id of the command that made it (commands are unique)
    Id lead_id;
    LeadEventKind kind = LeadEventKind::state_changed;
    Time at = 0;
    Id actor;               // user who did it; "system" for rule-driven steps
    Id from_owner;          // assignments: previous owner (may be empty)
    Id to_owner;            // assignments: new owner; sla_notice: the person notified
    Id to_dealer;           // assignments that move the lead to another dealer; else empty
    LeadState from_state = LeadState::new_lead;  // state_changed only
    LeadState to_state = LeadState::new_lead;    // state_changed only
    std::string reason;
};

}  // namespace fc
