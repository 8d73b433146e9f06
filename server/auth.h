// Sign-in and bearer tokens. Passwords are kept only as libsodium crypto_pwhash (Argon2id)
// strings; tokens are 256 random bits handed to the client once and kept only as a BLAKE2b
// hash, so a copy of the database opens no session. A session row records the user's role and
// dealer at sign-in; a change to either revokes the user's sessions (see push.cpp).
#pragma once
#include <httplib.h>
#include <optional>
#include "scope.h"
#include "state.h"

namespace fc::server {

// Must run once before any other function here.
bool init_crypto();

std::string hash_password(const std::string& password);
std::string new_token();
// `bytes` random bytes from libsodium, as lowercase hex.
std::string random_hex(size_t bytes);
std::string token_hash(const std::string& token);

// The caller of an authenticated endpoint, or nullopt after answering 401.
std::optional<Actor> authenticate(ServerState& state, const httplib::Request& req,
                                  httplib::Response& res);

void handle_login(ServerState& state, const httplib::Request& req, httplib::Response& res);
void handle_logout(ServerState& state, const httplib::Request& req, httplib::Response& res);

// Revokes every session of a user (inside the caller's transaction).
MaybeError revoke_sessions(Conn& c, const Id& tenant, const Id& user_id);

}  // namespace fc::server
