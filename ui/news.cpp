#include "news.h"
#include "user_queue.h"

namespace fc::ui {
namespace {

std::string queue_key(const Id& id) { return "queue:" + id; }

}  // namespace

size_t take_news(NewsWatch& watch, const AppState& app) {
    const Store& s = app.store;
    size_t news = 0;
    for (const Lead& l : s.leads.rows) {
        if (!watch.known.insert(l.id).second || !watch.primed) continue;
        // Only the user's own leads are news to them. A captured lead arrives with no owner
        // and is routed a moment later: it is news to its owner when it joins their queue
        // (below), and never to the colleagues who also pulled it.
        if (l.owner != app.user_id) continue;
        // A lead of the user is news when it arrives; its place in their queue is the same
        // news. (Leads there when the tab opened are news when they join: redirected here.)
        watch.known.insert(queue_key(l.id));
        ++news;
    }
    for (const fc::NowItem& q : user_now_queue(app)) {
        news += watch.known.insert(is_lead_item(q.reason) ? queue_key(s.leads.rows[q.row].id)
                                                          : "task:" + s.tasks.rows[q.row].id).second;
    }
    if (!watch.primed) {
        watch.primed = true;
        return 0;
    }
    return news;
}

}  // namespace fc::ui
