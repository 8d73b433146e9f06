#include "pokes.h"
#include <algorithm>

namespace fc::server {
namespace {

std::string user_key(const Actor& a) { return a.tenant + "/" + a.user_id; }

bool sees_change(const Actor& a, const VisibleChange& c) {
    if (c.all_tenants) return true;
    for (const std::string& scope : c.scopes)
        if (scope == kNetworkWide || can_see(a, scope)) return true;
    return false;
}

// NOTIFY payloads must stay under 8000 bytes; a commit that touched that many dealers pokes
// the whole tenant instead.
constexpr size_t kMaxScopesText = 6000;

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    size_t start = 0;
    for (;;) {
        size_t at = s.find(sep, start);
        out.push_back(s.substr(start, at == std::string::npos ? std::string::npos : at - start));
        if (at == std::string::npos) return out;
        start = at + 1;
    }
}

}  // namespace

std::shared_ptr<PokeStream> PokeHub::open(const Actor& actor, int& status, Error& error) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (open_ >= size_t(limits_.per_process)) {
        status = 503;
        error = Error{"streams_full", "",
                      "this server holds as many event streams as it may; try again later "
                      "(another server process may have room)"};
        return nullptr;
    }
    int& mine = per_user_[user_key(actor)];
    if (mine >= limits_.per_user) {
        status = 429;
        error = Error{"too_many_streams", "",
                      "this user already has " + std::to_string(mine) +
                          " open event streams; close a tab or device first"};
        return nullptr;
    }
    ++mine;
    ++open_;
    auto s = std::make_shared<PokeStream>();
    s->actor = actor;
    by_tenant_[actor.tenant].push_back(s);
    return s;
}

void PokeHub::close(const std::shared_ptr<PokeStream>& s) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& list = by_tenant_[s->actor.tenant];
    auto it = std::find(list.begin(), list.end(), s);
    if (it == list.end()) return;
    *it = list.back();
    list.pop_back();
    --open_;
    auto u = per_user_.find(user_key(s->actor));
    if (u != per_user_.end() && --u->second <= 0) per_user_.erase(u);
}

void PokeHub::publish(const VisibleChange& change) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto poke = [&](const std::shared_ptr<PokeStream>& s) {
        if (!sees_change(s->actor, change)) return;
        {
            std::lock_guard<std::mutex> sl(s->mutex);
            s->pending = true;
            s->version = std::max(s->version, change.version);
        }
        s->wake.notify_one();
    };
    if (change.all_tenants) {
        for (auto& [tenant, list] : by_tenant_)
            for (auto& s : list) poke(s);
        return;
    }
    auto it = by_tenant_.find(change.tenant);
    if (it == by_tenant_.end()) return;
    for (auto& s : it->second) poke(s);
}

void PokeHub::close_all() {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& [tenant, list] : by_tenant_)
        for (auto& s : list) {
            {
                std::lock_guard<std::mutex> sl(s->mutex);
                s->closing = true;
            }
            s->wake.notify_one();
        }
}

size_t PokeHub::open_count() {
    std::lock_guard<std::mutex> lock(mutex_);
    return open_;
}

MaybeError describe_change(Conn& c, const std::string& origin, const Id& tenant,
                           std::int64_t from, std::int64_t to, VisibleChange& out) {
    out = VisibleChange{tenant, to, {}, false};
    if (to <= from) return std::nullopt;
    // Under the tenant's write lock, the records above `from` are this commit's (and, after a
    // catch-up, another process's recent ones: a spare poke, never a missing one).
    if (auto e = c.run("SELECT DISTINCT scope FROM records WHERE tenant = ? AND version > ?"
                       " AND version <= ?",
                       {tenant, std::to_string(std::max<std::int64_t>(from, 0)),
                        std::to_string(to)},
                       [&](const RowView& r) { out.scopes.emplace_back(r.text(0)); }))
        return e;
    if (out.scopes.empty() || std::string(c.store_name()) != "postgresql") return std::nullopt;
    return c.run("SELECT pg_notify(?, ?)", {kChangeChannel, change_to_notice(origin, out)});
}

std::string change_to_notice(const std::string& origin, const VisibleChange& c) {
    std::string scopes;
    for (const std::string& s : c.scopes) {
        if (!scopes.empty()) scopes += ',';
        scopes += s;
    }
    if (scopes.size() > kMaxScopesText) scopes = kNetworkWide;
    return origin + "|" + c.tenant + "|" + std::to_string(c.version) + "|" + scopes;
}

bool notice_to_change(const std::string& payload, std::string& origin, VisibleChange& out) {
    std::vector<std::string> parts = split(payload, '|');
    if (parts.size() != 4 || parts[1].empty()) return false;
    char* end = nullptr;
    long long v = std::strtoll(parts[2].c_str(), &end, 10);
    if (parts[2].empty() || *end != '\0') return false;
    origin = parts[0];
    out = VisibleChange{Id(parts[1]), v, split(parts[3], ','), false};
    return true;
}

}  // namespace fc::server
