// A small hand-made book for the lead engine specifications: one dealer, three categories, a
// campaign, a private customer and a fleet, contacts with each role, and helpers that go
// through the same commands the UI and the server use.
#pragma once
#include <algorithm>
#include <string>
#include <vector>
#include "commands.h"
#include "enum_names.h"
#include "lead_engine.h"
#include "record_json.h"
#include "rng.h"

namespace fc::test {

constexpr Time kNow = 1790000000;  // 2026-09-21
constexpr Time kDay = 86400;

// Rules whose multipliers are all 1, so hand-made cases can count points on their fingers.
inline ScoringRules plain_rules() {
    ScoringRules r = default_scoring_rules();
    r.authority.fill(1.0);
    r.segment_multipliers.clear();
    r.employee_ranges.clear();
    r.caps.fill(0);
    r.channel_points = {};
    return r;
}

struct LeadBookFixture {
    Store s;
    std::uint64_t seq = 0;

    explicit LeadBookFixture(const ScoringRules& rules = plain_rules()) {
        s.dealers.put(Dealer{"D1", "Autohaus Köln", "Europe/Berlin"});
        s.users.put(User{"D1-R1", "D1", "Jürgen Müller", "rep"});
        for (const char* c : {"vans", "new-cars", "tyres"}) s.categories.put(ProductCategory{c, c});
        s.campaigns.put(Campaign{"CMP1", "Fleet days", 100000});
        s.accounts.put(Account{"A1", "D1", "Łukasz Nowak", "50667", "Köln", "DE", "private", 1});
        s.accounts.put(Account{"A2", "D1", "Šimić Fleet", "50667", "Köln", "DE", "fleet", 300});
        s.contacts.put(Contact{"A1-C1", "A1", "Łukasz Nowak", "", "", ContactRole::user, false,
                               true, true});
        s.contacts.put(Contact{"A2-C1", "A2", "Đorđe Šimić", "", "", ContactRole::decision_maker,
                               false, true, true});
        s.contacts.put(Contact{"A2-C2", "A2", "Ines Weiß", "", "", ContactRole::influencer, false,
                               true, true});
        s.lead_book.rules = rules;
        rescore_all(s, kNow);  // starts the book and its clock
    }

    MaybeError command(const char* kind, json payload, Time at = kNow) {
        ++seq;
        return apply_command(s, Command{"cmd-" + std::to_string(seq), "client-1", seq, kind, at,
                                        "D1-R1", std::move(payload)});
    }

    MaybeError log(const std::string& id, const std::string& account, const std::string& contact,
                   const char* type, Time at, const std::string& category = "vans",
                   const std::string& campaign = "", const std::string& channel = "") {
        json a = {{"id", id}, {"account_id", account}, {"contact_id", contact}, {"type", type},
                  {"at", at}, {"product_category", category}, {"campaign_id", campaign}};
        if (!channel.empty()) a["channel"] = channel;
        return command("activity.log", a, at);
    }

    const Lead* lead(const std::string& id) const { return s.leads.find(id); }

    std::vector<const Lead*> leads_of(const std::string& account, const std::string& category) {
        std::vector<const Lead*> out;
        for (const Lead& l : s.leads.rows)
            if (l.account_id == account && l.product_category == category) out.push_back(&l);
        return out;
    }

    double explained_sum(const std::string& lead_id) {
        double sum = 0;
        for (const Contribution& c : explain_lead(s, s.leads.row_of(lead_id))) sum += c.points;
        return sum;
    }
};

// Every lead as JSON, by id: equal books give equal lists whatever their row order.
inline std::vector<json> leads_by_id(const Store& s) {
    std::vector<json> out;
    for (const Lead& l : s.leads.rows) out.push_back(to_json(l));
    std::sort(out.begin(), out.end(),
              [](const json& a, const json& b) { return a["id"] < b["id"]; });
    return out;
}

// Random activity payloads over the fixture's accounts, all within the 60 days before kNow.
inline std::vector<json> random_activities(Rng& rng, int n) {
    static const char* contacts[][2] = {{"A1", "A1-C1"}, {"A2", "A2-C1"}, {"A2", "A2-C2"},
                                        {"A2", ""}};
    static const char* categories[] = {"vans", "new-cars", "tyres"};
    static const char* channels[] = {"", "chat", "phone"};
    std::vector<json> out;
    for (int i = 0; i < n; ++i) {
        const auto& c = contacts[rng.below(4)];
        json a = {{"id", "R" + std::to_string(i)},
                  {"account_id", c[0]},
                  {"contact_id", c[1]},
                  {"type", std::string(name_of(ActivityType(rng.below(
                               std::uint32_t(ActivityType::count_)))))},
                  // Coarse times: ties are common, and must not make the order matter.
                  {"at", kNow - Time(rng.below(60)) * kDay - Time(rng.below(4)) * 3600},
                  {"product_category", categories[rng.below(3)]},
                  {"campaign_id", rng.chance(0.3) ? "CMP1" : ""}};
        if (const char* ch = channels[rng.below(3)]; *ch) a["channel"] = ch;
        out.push_back(std::move(a));
    }
    return out;
}

}  // namespace fc::test
