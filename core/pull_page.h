// A pulled page (docs/sync-protocol.md, "Pull changes") read into typed records, from either of
// its two forms: the JSON the server sends by default, or the binary form it sends for
// `format=binary`, which a browser reads without a JSON parse (a first sync is ~130 pages of
// 10,000 changes; parsing their JSON was most of its time in a browser tab).
//
// Binary layout: the 8 bytes "FCPULL1\n", a varint count of runs, then per run (a run is
// consecutive changes of one table and kind, so page order is kept) its table's wire name, one
// byte 0 (records) or 1 (tombstones), its field list, its change count, its byte length and its
// changes; then, to the end, the page's other fields as a JSON object ({"cursor", "has_more",
// "client", "rejections"}: last, where the JSON form has them too, so a client finds the
// cursor in the last bytes of either). Records are encoded as in the binary snapshot
// (snapshot_binary.h: values in field order, field list "id,dealer_id,..."); tombstones are
// their ids (field list "id"); the rule documents (scoring_rules, sla_policy, follow_up_rules)
// are their records' JSON texts (field list "json"). Reading checks the same field rules as
// reading JSON. A run written with another field list (a page a device saved before a field was
// added) reads with the missing fields at their defaults, as JSON without them does; a field
// this build does not know is an error naming it. So a field keeps its kind under its name for
// good: a new kind needs a new name.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include "error.h"
#include "json_reader.h"
#include "records.h"

namespace fc {

// What a page says besides its changes.
struct PulledPage {
    std::string cursor;
    bool has_more = false;
    std::int64_t last_seq = -1;  // the client's last applied seq, -1 when not asked
    json rejections = json::array();
    std::size_t changes = 0;
};

// A rule document's record ({"id": "current", "rules" | "policy": {...}}), checked when applied.
struct PulledDocument {
    const json& record;
};
// A deleted record: remove the row.
struct PulledTombstone {
    Id id;
};

// Takes a page's changes one by one, in page order. A change of a table this build does not
// know (a newer server's) is skipped before it gets here.
class PullSink {
public:
    virtual ~PullSink() = default;
    virtual MaybeError put(const char* table, Dealer&& r) = 0;
    virtual MaybeError put(const char* table, User&& r) = 0;
    virtual MaybeError put(const char* table, ProductCategory&& r) = 0;
    virtual MaybeError put(const char* table, Campaign&& r) = 0;
    virtual MaybeError put(const char* table, Account&& r) = 0;
    virtual MaybeError put(const char* table, Contact&& r) = 0;
    virtual MaybeError put(const char* table, Activity&& r) = 0;
    virtual MaybeError put(const char* table, Lead&& r) = 0;
    virtual MaybeError put(const char* table, Task&& r) = 0;
    virtual MaybeError put(const char* table, Deal&& r) = 0;
    virtual MaybeError put(const char* table, LeadEvent&& r) = 0;
    virtual MaybeError put(const std::string& table, PulledDocument doc) = 0;
    virtual MaybeError put(const std::string& table, PulledTombstone gone) = 0;
};

// A PullSink that hands every change to one generic callable: fn(table, change) -> MaybeError.
template <class Fn>
class PullSinkFor final : public PullSink {
public:
    explicit PullSinkFor(Fn fn) : fn_(std::move(fn)) {}
    MaybeError put(const char* t, Dealer&& r) override { return fn_(t, std::move(r)); }
    MaybeError put(const char* t, User&& r) override { return fn_(t, std::move(r)); }
    MaybeError put(const char* t, ProductCategory&& r) override { return fn_(t, std::move(r)); }
    MaybeError put(const char* t, Campaign&& r) override { return fn_(t, std::move(r)); }
    MaybeError put(const char* t, Account&& r) override { return fn_(t, std::move(r)); }
    MaybeError put(const char* t, Contact&& r) override { return fn_(t, std::move(r)); }
    MaybeError put(const char* t, Activity&& r) override { return fn_(t, std::move(r)); }
    MaybeError put(const char* t, Lead&& r) override { return fn_(t, std::move(r)); }
    MaybeError put(const char* t, Task&& r) override { return fn_(t, std::move(r)); }
    MaybeError put(const char* t, Deal&& r) override { return fn_(t, std::move(r)); }
    MaybeError put(const char* t, LeadEvent&& r) override { return fn_(t, std::move(r)); }
    MaybeError put(const std::string& t, PulledDocument d) override { return fn_(t.c_str(), d); }
    MaybeError put(const std::string& t, PulledTombstone g) override {
        return fn_(t.c_str(), std::move(g));
    }

private:
    Fn fn_;
};

// Does `bytes` start like a binary pull page? (Anything else is taken for JSON.)
bool is_binary_pull_page(std::string_view bytes);

// Reads a page in either form, handing its changes to `sink` in order. Stops at the first
// problem (a malformed page or record, or the sink's error) and returns it; `out` is then
// partly filled.
MaybeError read_pull_page(std::string_view bytes, PullSink& sink, PulledPage& out);

// Builds a binary page change by change, as the server reads them from its store.
class BinaryPullPageWriter {
public:
    // One change: its table, its record's JSON text (core's shape; for a tombstone {"id"}).
    // An error (a record that does not read) leaves the page as it was.
    MaybeError add(std::string_view table, std::string_view record_json, bool deleted);
    // The whole page: the runs, then `tail`, the page's other fields as a JSON object.
    std::string finish(std::string_view tail);

private:
    void close_run();

    std::string out_;      // runs closed so far
    std::string run_;      // the open run's changes
    std::string table_;    // the open run's table ("" when none is open)
    bool deleted_ = false;
    std::string fields_;   // the open run's field list
    std::uint64_t count_ = 0;
    std::uint64_t runs_ = 0;
};

}  // namespace fc
