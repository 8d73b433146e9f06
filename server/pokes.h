// Pokes: "something you can see changed" for the open /api/v1/events streams of this process.
// A poke carries no records (only the tenant version), so permissions stay in pull: a stream
// is only told that pulling now is worthwhile. After each commit the server works out which
// record scopes (dealers, "*") the commit touched; every stream of that tenant whose user can
// see one of them is poked. Several commits before a stream wakes become one poke.
// Other processes on the same PostgreSQL learn of commits through LISTEN/NOTIFY (pg_notify.h).
#pragma once
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>
#include "scope.h"
#include "storage.h"

namespace fc::server {

// One commit, as streams need to know it.
struct VisibleChange {
    Id tenant;
    std::int64_t version = 0;
    std::vector<std::string> scopes;  // scopes of the records written; "*" pokes the tenant
    bool all_tenants = false;         // after a lost LISTEN connection: poke everyone
};

// One open stream. Its handler thread waits on `wake`; publish() sets `pending`.
struct PokeStream {
    Actor actor;
    std::mutex mutex;
    std::condition_variable wake;
    bool pending = false;
    std::int64_t version = 0;  // the newest version poked about
    bool closing = false;      // the server is stopping
};

struct StreamLimits {
    int per_user = 8;          // tabs and devices of one user
    int per_process = 10000;   // every stream of this process
};

class PokeHub {
public:
    void set_limits(StreamLimits l) { limits_ = l; }
    // Registers a stream, or returns nullptr with `error` (429 too_many_streams for the user,
    // 503 streams_full for the process) filled in.
    std::shared_ptr<PokeStream> open(const Actor& actor, int& status, Error& error);
    void close(const std::shared_ptr<PokeStream>& s);
    // Pokes every stream that can see the change.
    void publish(const VisibleChange& change);
    // Wakes every stream for good (shutdown).
    void close_all();
    size_t open_count();

private:
    std::mutex mutex_;
    StreamLimits limits_;
    size_t open_ = 0;
    std::unordered_map<Id, std::vector<std::shared_ptr<PokeStream>>> by_tenant_;
    std::unordered_map<std::string, int> per_user_;  // "tenant/user" -> open streams
};

// Inside a write transaction, before commit: what the commit from version `from` to `to`
// changed, for publish() after the commit. On PostgreSQL it also queues a NOTIFY in the same
// transaction, so other processes hear of it exactly when (and only if) it commits.
MaybeError describe_change(Conn& c, const std::string& origin, const Id& tenant,
                           std::int64_t from, std::int64_t to, VisibleChange& out);

// The NOTIFY payload: "origin|tenant|version|scope,scope,..." (or "*" when it would be long).
std::string change_to_notice(const std::string& origin, const VisibleChange& c);
// False for a payload not made by change_to_notice.
bool notice_to_change(const std::string& payload, std::string& origin, VisibleChange& out);

constexpr const char* kChangeChannel = "forecourt_changes";

}  // namespace fc::server
