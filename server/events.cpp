#include "events.h"
#include <chrono>
#include "auth.h"
#include "http_util.h"
#include "tenant_freshness.h"

namespace fc::server {
namespace {

std::string event(const char* name, std::int64_t version) {
    return std::string("event: ") + name + "\ndata: {\"version\":\"" + std::to_string(version) +
           "\"}\n\n";
}

}  // namespace

void handle_events(ServerState& state, const httplib::Request& req, httplib::Response& res) {
    auto actor = authenticate(state, req, res);
    if (!actor) return;
    int status = 0;
    Error error;
    std::shared_ptr<PokeStream> stream = state.pokes.open(*actor, status, error);
    if (!stream) {
        res.set_header("Retry-After", "30");
        return send_error(res, status, error);
    }
    // The database's version, not this process's memory: another process may be ahead, and a
    // client at this version may skip its pull.
    std::int64_t version = 0;
    if (TenantState* t = state.tenants.find(actor->tenant)) {
        std::lock_guard<std::mutex> lock(t->mutex);
        if (auto e = catch_up_with_database(state, *t, version)) {
            state.pokes.close(stream);
            return send_error(res, 503, *e);
        }
    }
    const auto heartbeat = std::chrono::seconds(state.config.events_heartbeat_seconds);
    const auto ends_at = std::chrono::steady_clock::now() +
                         std::chrono::seconds(state.config.events_max_age_seconds);
    res.set_header("Cache-Control", "no-store");
    res.set_header("X-Accel-Buffering", "no");  // nginx: pass each event on at once
    bool hello_sent = false;
    PokeHub& hub = state.pokes;
    res.set_chunked_content_provider(
        "text/event-stream",
        [stream, version, heartbeat, ends_at, hello_sent](size_t,
                                                          httplib::DataSink& sink) mutable {
            if (!hello_sent) {
                hello_sent = true;
                // retry: what a plain EventSource would wait before reconnecting.
                std::string first = "retry: 3000\n" + event("hello", version);
                return sink.write(first.data(), first.size());
            }
            std::unique_lock<std::mutex> lock(stream->mutex);
            stream->wake.wait_for(lock, heartbeat,
                                  [&] { return stream->pending || stream->closing; });
            if (stream->closing || std::chrono::steady_clock::now() >= ends_at) {
                // The stream ends now and then so an expired or revoked token stops here;
                // the client reconnects (and signs in again if it must).
                lock.unlock();
                sink.done();
                return true;
            }
            std::string text = ": heartbeat\n\n";
            if (stream->pending) {
                stream->pending = false;
                text = event("poke", stream->version);
            }
            lock.unlock();
            return sink.write(text.data(), text.size());
        },
        [stream, &hub](bool) { hub.close(stream); });
}

}  // namespace fc::server
