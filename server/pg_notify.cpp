#include "pg_notify.h"
#include <libpq-fe.h>
#include <poll.h>
#include <chrono>
#include <cstdio>

namespace fc::server {
namespace {

PGconn* connect_listener(const std::string& url) {
    PGconn* pg = PQconnectdb(url.c_str());
    if (PQstatus(pg) == CONNECTION_OK) {
        PGresult* r = PQexec(pg, (std::string("LISTEN ") + kChangeChannel).c_str());
        bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        PQclear(r);
        if (ok) return pg;
    }
    std::fprintf(stderr, "change listener: %s", PQerrorMessage(pg));
    PQfinish(pg);
    return nullptr;
}

}  // namespace

void ChangeListener::start(const std::string& url, const std::string& self, PokeHub& hub) {
    thread_ = std::thread([this, url, self, &hub] {
        int backoff_ms = 250;
        bool lost = false;  // notifications may have been missed: poke everyone once connected
        while (!stopping_) {
            PGconn* pg = connect_listener(url);
            if (!pg) {
                lost = true;
                for (int waited = 0; waited < backoff_ms && !stopping_; waited += 50)
                    std::this_thread::sleep_for(std::chrono::milliseconds(50));
                backoff_ms = std::min(backoff_ms * 2, 10000);
                continue;
            }
            backoff_ms = 250;
            if (lost) hub.publish(VisibleChange{"", 0, {}, true});
            lost = false;
            while (!stopping_) {
                pollfd p{PQsocket(pg), POLLIN, 0};
                int ready = poll(&p, 1, 200);  // wakes often enough to see stop()
                if (ready < 0) break;
                if (ready == 0) continue;
                if (!PQconsumeInput(pg)) break;  // the connection is gone
                while (PGnotify* n = PQnotifies(pg)) {
                    std::string origin;
                    VisibleChange change;
                    if (notice_to_change(n->extra, origin, change) && origin != self)
                        hub.publish(change);
                    PQfreemem(n);
                }
            }
            if (!stopping_) {
                std::fprintf(stderr, "change listener: connection lost, reconnecting\n");
                lost = true;
            }
            PQfinish(pg);
        }
    });
}

void ChangeListener::stop() {
    stopping_ = true;
    if (thread_.joinable()) thread_.join();
}

}  // namespace fc::server
