// A small hand-made dealer for the workflow tests: one Berlin dealer with a manager and three
// reps, a Warsaw dealer, a central desk that serves as the fallback queue, a few accounts and
// contacts. Tests add the activities, leads and tasks they talk about.
#pragma once
#include <doctest/doctest.h>
#include "business_time.h"
#include "commands.h"
#include "indexes.h"
#include "store.h"

namespace fixture {
using namespace fc;

// Wednesday 2026-03-25 10:00 Berlin (09:00 UTC; CET, before the DST change on the 29th).
inline const Time kWed10 = utc_time(2026, 3, 25, 9, 0);

inline Store small_store() {
    Store s;
    s.dealers.put(Dealer{"D1", "Autohaus München", "Europe/Berlin"});
    s.dealers.put(Dealer{"D2", "Salon Kraków", "Europe/Warsaw"});
    s.users.put(User{"D1-M", "D1", "Jürgen Weiß", "manager"});
    s.users.put(User{"D1-R1", "D1", "Anna Müller", "rep"});
    s.users.put(User{"D1-R2", "D1", "Łukasz Nowak", "rep"});
    s.users.put(User{"D1-R3", "D1", "Zoë Šimić", "rep"});
    s.users.put(User{"D2-M", "D2", "Agnieszka Wiśniewska", "manager"});
    s.users.put(User{"D2-R1", "D2", "Tomáš Dvořák", "rep"});
    s.users.put(User{"C-1", "", "Central lead desk", "central"});
    for (const char* c : {"new-cars", "tyres", "service", "vans"})
        s.categories.put(ProductCategory{c, c});
    s.campaigns.put(Campaign{"CMP1", "Spring test-drive weekend", 100000});
    s.campaigns.put(Campaign{"CMP2", "Winter tyre offer", 50000});
    s.accounts.put(Account{"A1", "D1", "Müller Transport", "80331", "München", "DE", "fleet", 20});
    s.accounts.put(Account{"A2", "D1", "Đorđe Đorđević", "80999", "München", "DE", "private", 1});
    s.accounts.put(Account{"A3", "D1", "山田 Hanako", "30100", "Kraków", "PL", "private", 1});
    s.contacts.put(Contact{"A1-C1", "A1", "Karl Müller", "k@example.com", "+49 1", ContactRole::decision_maker, false, true, true});
    s.contacts.put(Contact{"A1-C2", "A1", "Eva Müller", "e@example.com", "+49 2", ContactRole::user, false, true, true});
    s.contacts.put(Contact{"A2-C1", "A2", "Đorđe Đorđević", "d@example.com", "+381 1", ContactRole::decision_maker, true, true, true});
    s.contacts.put(Contact{"A3-C1", "A3", "山田 花子", "h@example.com", "+48 1", ContactRole::decision_maker, false, false, false});
    return s;
}

inline Activity activity(const char* id, const char* account, const char* contact, ActivityType t,
                         Time at, const char* category = "", Money amount = 0,
                         const char* author = "", const char* campaign = "") {
    return Activity{id, account, contact, t, at, category, campaign, amount, author, "", ""};
}

inline Lead lead(const char* id, const char* account, const char* category, const char* owner,
                 Time created, double score, LeadState state = LeadState::new_lead,
                 const char* dealer = "D1") {
    Lead l;
    l.id = id;
    l.account_id = account;
    l.product_category = category;
    l.dealer_id = dealer;
    l.owner = owner;
    l.state = state;
    l.created_at = created;
    l.score = score;
    return l;
}

inline Command cmd(const std::string& id, const char* kind, json payload, Time at,
                   const char* author = "D1-M") {
    static std::uint64_t seq = 0;
    return Command{id, "client-1", ++seq, kind, at, author, std::move(payload)};
}

// Applies every command, failing the test on the first error.
inline void apply_all(Store& s, const std::vector<Command>& cmds) {
    for (const Command& c : cmds) {
        auto e = apply_command(s, c);
        INFO(c.kind << " " << c.id << ": " << (e ? e->message : ""));
        REQUIRE_FALSE(e.has_value());
    }
}

}  // namespace fixture
