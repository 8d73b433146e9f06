#include "auth.h"
#include <sodium.h>
#include <algorithm>
#include <mutex>
#include "http_util.h"
#include "record_json.h"

namespace fc::server {
namespace {

// Argon2id at libsodium's "interactive" cost takes ~64 MiB and tens of milliseconds per
// sign-in. Hashing one password at a time bounds the memory a burst of logins can take.
std::mutex g_pwhash_mutex;
std::string g_dummy_hash;  // verified against for unknown users, so timing does not tell

std::string bearer_token(const httplib::Request& req) {
    std::string h = req.get_header_value("Authorization");
    const std::string prefix = "Bearer ";
    if (h.size() <= prefix.size() || h.compare(0, prefix.size(), prefix) != 0) return "";
    return h.substr(prefix.size());
}

void unauthorized(httplib::Response& res, const std::string& message) {
    res.set_header("WWW-Authenticate", "Bearer");
    send_error(res, 401, Error{"unauthorized", "", message});
}

}  // namespace

bool init_crypto() {
    if (sodium_init() < 0) return false;
    g_dummy_hash = hash_password("no user has this password");
    return !g_dummy_hash.empty();
}

std::string hash_password(const std::string& password) {
    char out[crypto_pwhash_STRBYTES];
    std::lock_guard<std::mutex> lock(g_pwhash_mutex);
    if (crypto_pwhash_str(out, password.data(), password.size(),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return "";
    return out;
}

std::string random_hex(size_t bytes) {
    std::string raw(bytes, '\0');
    randombytes_buf(raw.data(), raw.size());
    std::string hex(bytes * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                   raw.size());
    hex.pop_back();  // the terminating NUL
    return hex;
}

std::string new_token() { return random_hex(32); }

std::string token_hash(const std::string& token) {
    unsigned char h[32];
    crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(token.data()),
                       token.size(), nullptr, 0);
    char hex[sizeof h * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    return hex;
}

std::optional<Actor> authenticate(ServerState& state, const httplib::Request& req,
                                  httplib::Response& res) {
    std::string token = bearer_token(req);
    if (token.empty()) {
        unauthorized(res, "sign in first: this endpoint needs an Authorization: Bearer token");
        return std::nullopt;
    }
    std::string error;
    auto conn = state.db->borrow(error);
    if (!conn) {
        send_error(res, 503, storage_error(error));
        return std::nullopt;
    }
    Actor a;
    std::int64_t expires = 0, revoked = 1;
    bool found = false;
    if (auto e = conn->run(
            "SELECT tenant, user_id, role, dealer_id, expires_at, revoked FROM sessions"
            " WHERE token_hash = ?",
            {token_hash(token)}, [&](const RowView& r) {
                a = Actor{Id(r.text(0)), Id(r.text(1)), std::string(r.text(2)), Id(r.text(3))};
                expires = r.integer(4);
                revoked = r.integer(5);
                found = true;
            })) {
        send_error(res, 503, *e);
        return std::nullopt;
    }
    if (!found || revoked || expires <= state.now()) {
        unauthorized(res, "the token is unknown, expired or revoked: sign in again");
        return std::nullopt;
    }
    return a;
}

void handle_login(ServerState& state, const httplib::Request& req, httplib::Response& res) {
    json body;
    if (!read_json_body(req, res, body)) return;
    Id tenant, user_id;
    std::string password;
    JsonReader r(body, "");
    r.id("tenant", tenant, true);
    r.id("user", user_id, true);
    r.string("password", password, true, 1024);
    if (auto e = r.finish()) return send_error(res, 400, *e);

    // Password guessing: after a few failures per account, or per address, every attempt is
    // refused for a while, even with the right password, before any hash is computed.
    const std::string account_key = tenant + "/" + user_id;
    const double now = double(state.now());
    int wait_account = 0, wait_address = 0;
    bool account_ok = state.login_account_limit.allows(account_key, now, wait_account);
    bool address_ok = state.login_address_limit.allows(req.remote_addr, now, wait_address);
    if (!account_ok || !address_ok) {
        res.set_header("Retry-After", std::to_string(std::max(wait_account, wait_address)));
        return send_error(res, 429, Error{"rate_limited", "",
                                          "too many failed sign-ins; try again later"});
    }

    std::string error;
    auto conn = state.db->borrow(error);
    if (!conn) return send_error(res, 503, storage_error(error));
    std::string hash;
    User user;
    bool user_ok = false;
    if (auto e = conn->run("SELECT password_hash FROM credentials WHERE tenant = ? AND user_id = ?",
                           {tenant, user_id},
                           [&](const RowView& row) { hash = std::string(row.text(0)); }))
        return send_error(res, 503, *e);
    if (auto e = conn->run(
            "SELECT body FROM records WHERE tenant = ? AND tbl = 'users' AND id = ?",
            {tenant, user_id}, [&](const RowView& row) {
                json j = json::parse(row.text(0), nullptr, false);
                user_ok = !j.is_discarded() && !from_json(j, user);
            }))
        return send_error(res, 503, *e);
    bool ok;
    {
        std::lock_guard<std::mutex> lock(g_pwhash_mutex);
        const std::string& against = hash.empty() ? g_dummy_hash : hash;
        ok = crypto_pwhash_str_verify(against.c_str(), password.data(), password.size()) == 0 &&
             !hash.empty() && user_ok;
    }
    if (!ok) {
        int ignored = 0;
        state.login_account_limit.take(account_key, now, ignored);
        state.login_address_limit.take(req.remote_addr, now, ignored);
        return send_error(res, 401, Error{"invalid_credentials", "",
                                          "the tenant, user or password is wrong"});
    }
    state.login_account_limit.reset(account_key);

    std::string token = new_token();
    Time expires_at = state.now() + state.config.token_ttl_seconds;
    if (auto e = conn->run(
            "INSERT INTO sessions (token_hash, tenant, user_id, role, dealer_id, expires_at,"
            " revoked) VALUES (?, ?, ?, ?, ?, ?, 0)",
            {token_hash(token), tenant, user.id, user.role, user.dealer_id,
             std::to_string(expires_at)}))
        return send_error(res, 503, *e);
    send_json(res, 200,
              {{"token", token}, {"expires_at", expires_at}, {"tenant", tenant},
               {"user", to_json(user)}});
}

void handle_logout(ServerState& state, const httplib::Request& req, httplib::Response& res) {
    if (!authenticate(state, req, res)) return;
    std::string error;
    auto conn = state.db->borrow(error);
    if (!conn) return send_error(res, 503, storage_error(error));
    if (auto e = conn->run("UPDATE sessions SET revoked = 1 WHERE token_hash = ?",
                           {token_hash(bearer_token(req))}))
        return send_error(res, 503, *e);
    send_json(res, 200, {{"revoked", true}});
}

MaybeError revoke_sessions(Conn& c, const Id& tenant, const Id& user_id) {
    return c.run("UPDATE sessions SET revoked = 1 WHERE tenant = ? AND user_id = ?",
                 {tenant, user_id});
}

}  // namespace fc::server
