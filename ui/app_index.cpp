#include "app_index.h"
#include <algorithm>
#include <numeric>
#include <string_view>
#include <unordered_map>
#include "radix_sort.h"
#include "text_fold.h"

namespace fc::ui {
namespace {

template <class T>
std::uint32_t row_of(const Table<T>& t, const Id& id) {
    return t.row_of(id);
}

// The first 8 bytes of a folded name as a big-endian integer: comparing these orders most
// names without touching the strings (100k account names sort in a fraction of the time).
std::uint64_t prefix_key(const std::string& folded) {
    std::uint64_t k = 0;
    for (size_t i = 0; i < 8; ++i)
        k = (k << 8) | (i < folded.size() ? static_cast<unsigned char>(folded[i]) : 0u);
    return k;
}

template <class T, class Name>
std::vector<std::uint32_t> name_ranks(const std::vector<T>& rows, Name name) {
    std::vector<std::string> folded(rows.size());
    std::vector<std::uint64_t> prefix(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
        folded[i] = fold_for_search(name(rows[i]));
        prefix[i] = prefix_key(folded[i]);
    }
    std::vector<std::uint32_t> order(rows.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        if (prefix[a] != prefix[b]) return prefix[a] < prefix[b];
        if (name_less(folded[a], name(rows[a]), folded[b], name(rows[b]))) return true;
        if (name_less(folded[b], name(rows[b]), folded[a], name(rows[a]))) return false;
        return a < b;
    });
    std::vector<std::uint32_t> rank(rows.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
    return rank;
}

void insert_activity(const Store& s, std::vector<std::uint32_t>& list, std::uint32_t row) {
    // Newest first; among equal times the later row (logged later) first.
    const auto& acts = s.activities.rows;
    auto at = std::lower_bound(list.begin(), list.end(), row, [&](std::uint32_t x, std::uint32_t r) {
        return acts[x].at > acts[r].at || (acts[x].at == acts[r].at && x > r);
    });
    list.insert(at, row);
}

void rebuild_search_blob(const Store& s, AppIndex& ix) {
    ix.search_blob.clear();
    ix.search_begin.assign(s.accounts.size() + 1, 0);
    for (std::uint32_t a = 0; a < s.accounts.size(); ++a) {
        ix.search_begin[a] = std::uint32_t(ix.search_blob.size());
        append_folded(s.accounts.rows[a].name, ix.search_blob);
        for (std::uint32_t c : ix.contacts_of[a]) {
            ix.search_blob += '\n';  // no match can span two names
            append_folded(s.contacts.rows[c].name, ix.search_blob);
        }
        ix.search_blob += '\0';
    }
    ix.search_begin[s.accounts.size()] = std::uint32_t(ix.search_blob.size());
}

void index_lead(const Store& s, AppIndex& ix, std::uint32_t l) {
    const Lead& lead = s.leads.rows[l];
    if (ix.lead_account.size() <= l) {
        ix.lead_account.resize(l + 1, kNoRow);
        ix.lead_category.resize(l + 1, kNoRow);
        ix.lead_owner.resize(l + 1, kNoRow);
        ix.lead_dealer.resize(l + 1, kNoRow);
        ix.lead_score.resize(l + 1, 0);
        ix.lead_state.resize(l + 1, 0);
    }
    ix.lead_score[l] = float(lead.score);
    ix.lead_state[l] = std::uint8_t(lead.state);
    ix.lead_account[l] = row_of(s.accounts, lead.account_id);
    ix.lead_category[l] = row_of(s.categories, lead.product_category);
    ix.lead_owner[l] = lead.owner.empty() ? kNoRow : row_of(s.users, lead.owner);
    ix.lead_dealer[l] = row_of(s.dealers, lead.dealer_id);
}

}  // namespace

void rebuild_lead_campaigns(const Store& s, AppIndex& ix) {
    // (account row, category row) -> its lead rows (a closed lead may be followed by a new one),
    // then one pass over the activities.
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> lead_at;
    lead_at.reserve(s.leads.size());
    for (std::uint32_t l = 0; l < s.leads.size(); ++l)
        lead_at[(std::uint64_t(ix.lead_account[l]) << 32) | ix.lead_category[l]].push_back(l);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;  // (lead, campaign)
    for (std::uint32_t a = 0; a < ix.activities_of.size(); ++a)
        for (std::uint32_t e : ix.activities_of[a]) {
            const Activity& act = s.activities.rows[e];
            if (act.campaign_id.empty() || act.product_category.empty()) continue;
            std::uint64_t key = (std::uint64_t(a) << 32) | row_of(s.categories, act.product_category);
            auto it = lead_at.find(key);
            if (it == lead_at.end()) continue;
            std::uint32_t cmp = row_of(s.campaigns, act.campaign_id);
            if (cmp == kNoRow) continue;
            for (std::uint32_t l : it->second) pairs.emplace_back(l, cmp);
        }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    ix.lead_campaign_begin.assign(s.leads.size() + 1, 0);
    ix.lead_campaigns.clear();
    ix.lead_campaigns.reserve(pairs.size());
    size_t p = 0;
    for (std::uint32_t l = 0; l < s.leads.size(); ++l) {
        ix.lead_campaign_begin[l] = std::uint32_t(ix.lead_campaigns.size());
        for (; p < pairs.size() && pairs[p].first == l; ++p) ix.lead_campaigns.push_back(pairs[p].second);
    }
    ix.lead_campaign_begin[s.leads.size()] = std::uint32_t(ix.lead_campaigns.size());
}

namespace {

void rebuild_account_order(const Store& s, AppIndex& ix) {
    ix.account_rank = name_ranks(s.accounts.rows, [](const Account& a) -> const std::string& { return a.name; });
    ix.accounts_by_name.assign(s.accounts.size(), 0);
    for (std::uint32_t a = 0; a < ix.account_rank.size(); ++a) ix.accounts_by_name[ix.account_rank[a]] = a;
}

}  // namespace

bool name_less(const std::string& af, const std::string& a, const std::string& bf,
               const std::string& b) {
    int c = af.compare(bf);
    return c != 0 ? c < 0 : a < b;
}

void rebuild_index(const Store& s, AppIndex& ix) {
    size_t na = s.accounts.size();
    ix = AppIndex{};
    ix.contacts_of.resize(na);
    ix.activities_of.resize(na);
    ix.leads_of.resize(na);
    ix.tasks_of.resize(na);
    for (std::uint32_t c = 0; c < s.contacts.size(); ++c) {
        std::uint32_t a = row_of(s.accounts, s.contacts.rows[c].account_id);
        if (a != kNoRow) ix.contacts_of[a].push_back(c);
    }
    // Activities grouped by account, newest first: one radix sort of (account, -time) over all
    // of them (1M at network scale) instead of a comparison sort per account. Rows go in last
    // first so that, the sort being stable, equal times keep the later-logged one first.
    std::vector<Keyed> keyed;
    keyed.reserve(s.activities.size());
    std::vector<std::uint32_t> per_account(na, 0);
    for (std::uint32_t e = std::uint32_t(s.activities.size()); e-- > 0;) {
        const Activity& act = s.activities.rows[e];
        std::uint32_t a = row_of(s.accounts, act.account_id);
        if (a == kNoRow) continue;
        // Times past 2106 (allowed up to year 3000) share the last slot; order among them is
        // by row only.
        std::uint64_t t = std::uint64_t(std::clamp<Time>(act.at, 0, 0xFFFFFFFF));
        keyed.push_back({(std::uint64_t(a) << 32) | (0xFFFFFFFFu - t), e});
        ++per_account[a];
    }
    radix_sort(keyed);
    for (std::uint32_t a = 0; a < na; ++a) ix.activities_of[a].reserve(per_account[a]);
    for (const Keyed& k : keyed) ix.activities_of[k.key >> 32].push_back(k.row);
    for (std::uint32_t l = 0; l < s.leads.size(); ++l) {
        index_lead(s, ix, l);
        if (ix.lead_account[l] != kNoRow) ix.leads_of[ix.lead_account[l]].push_back(l);
    }
    for (std::uint32_t t = 0; t < s.tasks.size(); ++t) {
        std::uint32_t a = row_of(s.accounts, s.tasks.rows[t].account_id);
        if (a != kNoRow) ix.tasks_of[a].push_back(t);
    }
    rebuild_search_blob(s, ix);
    rebuild_account_order(s, ix);
    rebuild_lead_campaigns(s, ix);
    ix.category_rank = name_ranks(s.categories.rows, [](const ProductCategory& c) -> const std::string& { return c.name; });
    ix.user_rank = name_ranks(s.users.rows, [](const User& u) -> const std::string& { return u.name; });
}

void index_command(const Store& s, AppIndex& ix, const Command& c) {
    const Id id = c.payload.value("id", std::string());
    auto grow_accounts = [&] {
        size_t na = s.accounts.size();
        ix.contacts_of.resize(na);
        ix.activities_of.resize(na);
        ix.leads_of.resize(na);
        ix.tasks_of.resize(na);
    };
    // Lists stay in row order, as a rebuild makes them (search keys follow contact order).
    auto add_once = [](std::vector<std::uint32_t>& list, std::uint32_t row) {
        auto at = std::lower_bound(list.begin(), list.end(), row);
        if (at == list.end() || *at != row) list.insert(at, row);
    };
    if (c.kind == "activity.log") {
        std::uint32_t e = row_of(s.activities, id);
        if (e == kNoRow) return;
        std::uint32_t a = row_of(s.accounts, s.activities.rows[e].account_id);
        if (a == kNoRow) return;
        auto& list = ix.activities_of[a];
        if (std::find(list.begin(), list.end(), e) == list.end()) insert_activity(s, list, e);
    } else if (c.kind == "task.put") {
        // A task may move between accounts when replaced: drop it everywhere, add it back.
        std::uint32_t t = row_of(s.tasks, id);
        if (t == kNoRow) return;
        for (auto& list : ix.tasks_of) list.erase(std::remove(list.begin(), list.end(), t), list.end());
        std::uint32_t a = row_of(s.accounts, s.tasks.rows[t].account_id);
        if (a != kNoRow) add_once(ix.tasks_of[a], t);
    } else if (c.kind == "contact.put") {
        std::uint32_t ct = row_of(s.contacts, id);
        if (ct == kNoRow) return;
        for (std::uint32_t a = 0; a < ix.contacts_of.size(); ++a) {
            auto& list = ix.contacts_of[a];
            auto it = std::find(list.begin(), list.end(), ct);
            if (it != list.end()) list.erase(it);
        }
        std::uint32_t a = row_of(s.accounts, s.contacts.rows[ct].account_id);
        if (a != kNoRow) add_once(ix.contacts_of[a], ct);
        rebuild_search_blob(s, ix);  // names changed: rare, and one pass over the names
    } else if (c.kind == "scoring_rules.put" ||
               (c.kind == "lead.transition" && s.leads.size() != ix.lead_state.size())) {
        rebuild_index(s, ix);  // every score moved, or closing a lead opened a new one
    } else if (c.kind == "lead.put" || c.kind == "lead.transition" || c.kind == "lead.reassign" ||
               c.kind == "lead.redirect") {
        std::uint32_t l = row_of(s.leads, c.kind == "lead.put" ? id : c.payload.value("lead_id", std::string()));
        if (l == kNoRow) return;
        std::uint32_t old_account = l < ix.lead_account.size() ? ix.lead_account[l] : kNoRow;
        index_lead(s, ix, l);
        if (old_account != kNoRow && old_account != ix.lead_account[l]) {
            auto& list = ix.leads_of[old_account];
            list.erase(std::remove(list.begin(), list.end(), l), list.end());
        }
        if (ix.lead_account[l] != kNoRow) add_once(ix.leads_of[ix.lead_account[l]], l);
        if (ix.lead_campaign_begin.size() < s.leads.size() + 1)
            ix.lead_campaign_begin.resize(s.leads.size() + 1, std::uint32_t(ix.lead_campaigns.size()));
    } else if (c.kind == "account.put") {
        grow_accounts();
        rebuild_search_blob(s, ix);
        rebuild_account_order(s, ix);  // a rename or a new name moves it in name order
    } else if (c.kind == "category.put" || c.kind == "user.put" || c.kind == "campaign.put" ||
               c.kind == "dealer.put") {
        rebuild_index(s, ix);  // reference data: rare, small to redo, and every rank may move
    }
}

void index_pulled_record(const Store& s, AppIndex& ix, const std::string& table, const Id& id) {
    // The commands that write these tables; a pull that brings any other table that the
    // indexes follow is rebuilt instead (ui/sync_replica.cpp, note_change).
    const char* kind = table == "activities" ? "activity.log"
                       : table == "tasks"    ? "task.put"
                       : table == "leads"    ? "lead.put"
                                             : nullptr;
    if (!kind) return;
    Command c;
    c.kind = kind;
    c.payload = json{{"id", id}};
    index_command(s, ix, c);
}

bool index_new_leads(const Store& s, AppIndex& ix) {
    const auto first = std::uint32_t(ix.lead_state.size());
    for (std::uint32_t l = first; l < s.leads.size(); ++l) {
        index_lead(s, ix, l);
        // Rows only grow, so appending keeps each list in row order.
        if (ix.lead_account[l] < ix.leads_of.size()) ix.leads_of[ix.lead_account[l]].push_back(l);
    }
    if (ix.lead_campaign_begin.size() < s.leads.size() + 1)
        ix.lead_campaign_begin.resize(s.leads.size() + 1, std::uint32_t(ix.lead_campaigns.size()));
    return first < s.leads.size();
}

void index_account_leads(const Store& s, AppIndex& ix, std::uint32_t account) {
    if (account < ix.leads_of.size())
        for (std::uint32_t l : ix.leads_of[account]) index_lead(s, ix, l);
}

bool account_matches(const AppIndex& ix, std::uint32_t a, const std::string& q) {
    if (q.empty()) return true;
    std::string_view key(ix.search_blob.data() + ix.search_begin[a],
                         ix.search_begin[a + 1] - ix.search_begin[a]);
    return key.find(q) != std::string_view::npos;
}

void match_accounts(const AppIndex& ix, const std::string& q, std::vector<std::uint8_t>& hits) {
    if (q.empty()) return;
    // One scan of the whole buffer. Occurrences come in increasing position, so the account
    // they fall in is found by walking search_begin forward, and the scan resumes at the next
    // account after a hit.
    std::vector<std::uint8_t> found(hits.size(), 0);
    std::string_view blob(ix.search_blob);
    size_t n = hits.size();
    size_t a = 0;
    size_t pos = 0;
    while ((pos = blob.find(q, pos)) != std::string_view::npos) {
        while (a + 1 < ix.search_begin.size() && ix.search_begin[a + 1] <= pos) ++a;
        if (a >= n) break;
        found[a] = 1;
        pos = ix.search_begin[a + 1];
    }
    for (size_t i = 0; i < n; ++i) hits[i] &= found[i];
}

}  // namespace fc::ui
