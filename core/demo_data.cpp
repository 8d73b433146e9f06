#include "demo_data.h"
#include <algorithm>
#include <array>
#include <string>
#include "lead_engine.h"
#include "qualification.h"
#include "rng.h"

namespace fc {
namespace {

// Names from the markets a European dealer network serves, in their own scripts.
constexpr std::array<const char*, 40> kGivenNames = {
    "Anna", "Łukasz", "Jürgen", "Søren", "Émilie", "Đorđe", "Zoë", "Mateo", "Chiara", "Björn",
    "Agnieszka", "François", "Ioana", "Tomáš", "Ångel", "Nikolaj", "Γιώργος", "Мария", "Дмитрий",
    "İlker", "Çağla", "Noémie", "Siobhán", "José", "Małgorzata", "Žiga", "Ólafur", "Kateřina",
    "Ευαγγελία", "Олександр", "Hiroshi", "花子", "Giulia", "Pieter", "Lars", "Ines", "Marta",
    "Ahmet", "Sophie", "Jan"};
constexpr std::array<const char*, 40> kFamilyNames = {
    "Müller", "Đorđević", "Kowalski", "Nørgaard", "Lefèvre", "Šimić", "Rossi", "García",
    "Schröder", "Dvořák", "Wiśniewska", "Öztürk", "Popescu", "Ó Briain", "Núñez", "Janssen",
    "Παπαδόπουλος", "Иванова", "Петров", "Ševčík", "Æbeltoft", "Þórsson", "Lindqvist", "Moreau",
    "Kovačević", "Bianchi", "Schmidt", "Fernández", "Szabó", "Horvat", "山田", "Jensen",
    "Weiß", "Leclerc", "Nowak", "Ferreira", "Yılmaz", "Коваленко", "De Vries", "Hansen"};
constexpr std::array<const char*, 8> kCompanySuffix = {
    "GmbH", "Transport", "Logistik", "s.r.o.", "& Söhne", "Fleet", "Bau AG", "Services"};
constexpr std::array<const char*, 10> kCities = {
    "München", "Kraków", "Zürich", "Malmö", "Łódź", "Köln", "Brno", "Győr", "Nîmes", "Århus"};
constexpr std::array<const char*, 10> kCountries = {"DE", "PL", "CH", "SE", "PL",
                                                    "DE", "CZ", "HU", "FR", "DK"};
constexpr std::array<const char*, 5> kSegments = {"private", "small_fleet", "fleet", "trade",
                                                  "public"};
constexpr std::array<std::pair<const char*, const char*>, 8> kCategories = {{
    {"new-cars", "New cars"},
    {"used-cars", "Used cars"},
    {"vans", "Light commercial vehicles"},
    {"service", "Service & maintenance"},
    {"tyres", "Tyres"},
    {"body-shop", "Body shop"},
    {"leasing", "Leasing & finance"},
    {"accessories", "Parts & accessories"},
}};
constexpr std::array<const char*, 8> kCampaignNames = {
    "Spring test-drive weekend", "Fleet days", "Winter tyre offer", "Service club mailing",
    "EV launch seminar", "Trade-in bonus", "Website chat", "Regional radio"};

// Activity types weighted by how often a dealer sees them.
constexpr std::array<std::pair<ActivityType, int>, 15> kTypeWeights = {{
    {ActivityType::web_form, 8}, {ActivityType::inbound_call, 10},
    {ActivityType::outbound_call, 14}, {ActivityType::inbound_email, 8},
    {ActivityType::outbound_email, 12}, {ActivityType::visit, 7},
    {ActivityType::test_drive, 3}, {ActivityType::literature_request, 6},
    {ActivityType::seminar, 2}, {ActivityType::quote_request, 3}, {ActivityType::quote, 3},
    {ActivityType::purchase, 2}, {ActivityType::service, 12}, {ActivityType::complaint, 1},
    {ActivityType::unsubscribe, 1}}};

template <class T, size_t N>
const T& pick(Rng& rng, const std::array<T, N>& a) {
    return a[rng.below(N)];
}

ActivityType pick_type(Rng& rng) {
    int total = 0;
    for (auto& [t, w] : kTypeWeights) total += w;
    int r = int(rng.below(std::uint32_t(total)));
    for (auto& [t, w] : kTypeWeights) {
        if (r < w) return t;
        r -= w;
    }
    return ActivityType::note;
}

std::string numbered(const char* prefix, int n) { return prefix + std::to_string(n); }

// Skewed toward low indices so a few accounts are very active (big timelines) and most are
// quiet, as in real books.
std::uint32_t skewed_index(Rng& rng, std::uint32_t n) {
    double u = rng.unit();
    return std::uint32_t(double(n) * u * u) % n;
}

void add_reference_data(Store& s, const DemoSize& size, Rng& rng) {
    for (int d = 0; d < size.dealers; ++d) {
        Dealer dealer{numbered("D", d + 1),
                      std::string("Autohaus ") + kCities[size_t(d) % kCities.size()] +
                          (d >= int(kCities.size()) ? " " + std::to_string(d + 1) : ""),
                      "Europe/Berlin"};
        s.dealers.put(dealer);
        s.users.put(User{dealer.id + "-M", dealer.id,
                         std::string(pick(rng, kGivenNames)) + " " + pick(rng, kFamilyNames),
                         "manager"});
        for (int r = 0; r < size.reps_per_dealer; ++r)
            s.users.put(User{dealer.id + "-R" + std::to_string(r + 1), dealer.id,
                             std::string(pick(rng, kGivenNames)) + " " + pick(rng, kFamilyNames),
                             "rep"});
    }
    s.users.put(User{"C-1", "", "Central Marketing", "central"});
    for (auto& [id, name] : kCategories) s.categories.put(ProductCategory{id, name});
    for (int c = 0; c < size.campaigns; ++c)
        s.campaigns.put(Campaign{numbered("CMP", c + 1),
                                 std::string(kCampaignNames[size_t(c) % kCampaignNames.size()]) +
                                     (c >= int(kCampaignNames.size()) ? " " + std::to_string(c + 1)
                                                                      : ""),
                                 Money(500000 + rng.below(5000000))});
}

void add_accounts(Store& s, const DemoSize& size, Rng& rng) {
    s.accounts.reserve(size_t(size.accounts));
    s.contacts.reserve(size_t(size.accounts) * 2);
    for (int a = 0; a < size.accounts; ++a) {
        size_t city = rng.below(kCities.size());
        Account acc;
        acc.id = numbered("A", a + 1);
        acc.dealer_id = numbered("D", int(rng.below(std::uint32_t(size.dealers))) + 1);
        std::string family = pick(rng, kFamilyNames);
        bool company = rng.chance(0.4);
        acc.name = company ? family + " " + pick(rng, kCompanySuffix)
                           : std::string(pick(rng, kGivenNames)) + " " + family;
        acc.postal_code = std::to_string(10000 + rng.below(89999));
        acc.city = kCities[city];
        acc.country = kCountries[city];
        acc.segment = company ? kSegments[1 + rng.below(4)] : kSegments[0];
        acc.employees = company ? std::int32_t(5 + rng.below(500)) : 1;
        int contacts = company ? 1 + int(rng.below(3)) : 1;
        for (int c = 0; c < contacts; ++c) {
            Contact ct;
            ct.id = acc.id + "-C" + std::to_string(c + 1);
            ct.account_id = acc.id;
            ct.name = c == 0 && !company ? acc.name
                                         : std::string(pick(rng, kGivenNames)) + " " +
                                               pick(rng, kFamilyNames);
            ct.email = "contact" + std::to_string(a + 1) + "." + std::to_string(c + 1) +
                       "@example.com";
            ct.phone = "+49 " + std::to_string(100 + rng.below(899)) + " " +
                       std::to_string(100000 + rng.below(899999));
            ct.role = c == 0 ? ContactRole::decision_maker
                             : (rng.chance(0.5) ? ContactRole::influencer : ContactRole::user);
            ct.do_not_contact = rng.chance(0.02);
            ct.consent_email = !rng.chance(0.1);
            s.contacts.put(std::move(ct));
        }
        s.accounts.put(std::move(acc));
    }
}

void add_activities(Store& s, const DemoSize& size, Rng& rng, Time now) {
    constexpr Time kSpan = 180 * 86400;
    s.activities.reserve(size_t(size.activities));
    for (int i = 0; i < size.activities; ++i) {
        std::uint32_t account = skewed_index(rng, std::uint32_t(s.accounts.size()));
        const Account& acc = s.accounts.rows[account];
        Activity a;
        a.id = numbered("E", i + 1);
        a.account_id = acc.id;
        a.contact_id = acc.id + "-C1";
        a.type = pick_type(rng);
        // Recent activity is denser than old: today's inbox has fresh leads.
        double u = rng.unit();
        a.at = now - Time(double(kSpan) * u * u) - Time(rng.below(3600));
        // A buyer is after one or two things: most of an account's activities are about its
        // main interest (a fixed pick per account), the rest spread over the range.
        std::uint32_t main_interest = std::uint32_t(Rng(account).below(5));
        a.product_category =
            kCategories[rng.chance(0.75) ? main_interest : skewed_index(rng, kCategories.size())]
                .first;
        bool marketing = a.type == ActivityType::web_form || a.type == ActivityType::seminar ||
                         a.type == ActivityType::literature_request ||
                         a.type == ActivityType::test_drive;
        if (marketing && size.campaigns > 0 && rng.chance(0.6))
            a.campaign_id = numbered("CMP", int(rng.below(std::uint32_t(size.campaigns))) + 1);
        if (a.type == ActivityType::purchase) a.amount = Money(1500000 + rng.below(4000000));
        if (a.type == ActivityType::service) a.amount = Money(8000 + rng.below(200000));
        if (a.type == ActivityType::quote) a.amount = Money(1000000 + rng.below(5000000));
        bool ours = a.type == ActivityType::outbound_call ||
                    a.type == ActivityType::outbound_email || a.type == ActivityType::quote;
        if (ours) a.author = acc.dealer_id + "-R1";
        s.activities.put(std::move(a));
    }
}

constexpr std::array<const char*, 4> kDisqualifyReasons = {
    "No budget this year", "Bought elsewhere", "Only wanted a brochure", "Not reachable"};

// Moves a lead along `path` through the engine's own transitions (the same checks as the
// lead.transition command), a few hours to days apart, never past `now`.
void walk(Store& s, Rng& rng, const Id& lead_id, Time at, Time now,
          std::initializer_list<LeadState> path, int& deals) {
    for (LeadState to : path) {
        if (to == LeadState::qualified) {
            BantUpdate u{lead_id, BantItem{true, "Budget approved for this year"},
                         BantItem{true, "Signs the purchase order"},
                         BantItem{true, "Replacing vehicles that are due"},
                         BantItem{rng.chance(0.5), "Before the end of the quarter"}};
            if (!u.timeline->met) u.timeline->evidence.clear();
            qualify_lead(s, u);
        }
        TransitionRequest q{lead_id, to, at, "", std::nullopt};
        if (to == LeadState::disqualified) q.reason = pick(rng, kDisqualifyReasons);
        if (to == LeadState::converted) {
            Deal d;
            d.id = numbered("DL", ++deals);
            d.amount = Money(1500000 + rng.below(4000000));
            d.stage = rng.chance(0.5) ? DealStage::evaluating : DealStage::deciding;
            q.deal = d;
        }
        if (transition_lead(s, q)) return;  // cannot happen with these paths; stop if it does
        at = std::min(now, at + Time(3600 + rng.below(5 * 86400)));
    }
}

// Leads are opened by the engine from the generated activities, assigned round robin per
// dealer and moved along their lifecycle by age, so the demo inbox shows every state. Closing
// a lead can open a new one from later activities: those are worked too.
void work_leads(Store& s, const DemoSize& size, Rng& rng, Time now) {
    using S = LeadState;
    std::vector<int> next_rep(size_t(size.dealers), 0);
    int deals = 0;
    for (size_t i = 0; i < s.leads.size(); ++i) {
        Lead& l = s.leads.rows[i];
        int d = std::stoi(l.dealer_id.substr(1)) - 1;
        int r = next_rep[size_t(d)]++ % size.reps_per_dealer;
        l.owner = l.dealer_id + "-R" + std::to_string(r + 1);
        Time age = now - l.created_at;
        if (age < 2 * 86400 && rng.chance(0.7)) continue;  // fresh and unanswered
        Time answered = std::min(now, l.created_at + Time(300 + rng.below(36 * 3600)));
        Id id = l.id;  // transitions may grow the table: `l` does not survive them
        double u = rng.unit();
        if (u < 0.45) walk(s, rng, id, answered, now, {S::working}, deals);
        else if (u < 0.6) walk(s, rng, id, answered, now, {S::working, S::qualified}, deals);
        else if (u < 0.72)
            walk(s, rng, id, answered, now, {S::working, S::qualified, S::converted}, deals);
        else if (u < 0.85) walk(s, rng, id, answered, now, {S::working, S::disqualified}, deals);
        else if (u < 0.95) walk(s, rng, id, answered, now, {S::nurture}, deals);
        // else: still new and unanswered, a lead that slipped through
    }
}

void add_tasks(Store& s, Rng& rng, Time now) {
    int n = 0;
    for (const Lead& l : s.leads.rows) {
        if (l.state != LeadState::working && l.state != LeadState::qualified) continue;
        Task t;
        t.id = numbered("T", ++n);
        t.account_id = l.account_id;
        t.contact_id = l.account_id + "-C1";
        t.lead_id = l.id;
        t.assignee = l.owner;
        t.title = rng.chance(0.5) ? "Call back about the offer" : "Send a quote";
        t.due = now - 3 * 86400 + Time(rng.below(10 * 86400));
        s.tasks.put(std::move(t));
    }
}

}  // namespace

DemoSize demo_size_dealer() { return DemoSize{3, 4, 10000, 40000, 8}; }
DemoSize demo_size_network() { return DemoSize{40, 6, 100000, 1000000, 40}; }
DemoSize demo_size_tiny() { return DemoSize{2, 2, 60, 400, 3}; }

Store generate_demo(const DemoSize& size, std::uint64_t seed, Time now) {
    Rng rng(seed);
    Store s;
    add_reference_data(s, size, rng);
    add_accounts(s, size, rng);
    add_activities(s, size, rng, now);
    rebuild_leads(s, now);
    work_leads(s, size, rng, now);
    add_tasks(s, rng, now);
    return s;
}

}  // namespace fc
