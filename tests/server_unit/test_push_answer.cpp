// The push answer is written as text (server/push_answer.h); it must be byte for byte the dump
// of the json value the server built before, which `reference` below rebuilds as it did.
#include <doctest/doctest.h>
#include "json_reader.h"
#include "push_answer.h"

using namespace fc;
using namespace fc::server;

namespace {

std::string reference(const Id& client_id, std::uint64_t last_seq, std::int64_t version,
                      const std::vector<CommandResult>& results) {
    json list = json::array();
    for (const CommandResult& r : results) {
        json result = {{"seq", r.seq}, {"id", r.id}, {"status", r.status}};
        if (r.status == "out_of_order") result["expected_seq"] = r.expected_seq;
        if (r.superseded) result["superseded"] = true;
        if (r.error)
            result["error"] = {{"code", r.error->code}, {"message", r.error->message},
                               {"field", r.error->field}};
        list.push_back(std::move(result));
    }
    return json{{"client_id", client_id}, {"last_seq", last_seq},
                {"cursor", std::to_string(version)}, {"results", std::move(list)}}
        .dump();
}

}  // namespace

TEST_CASE("the push answer is the json dump it replaces, for every kind of result") {
    std::vector<CommandResult> results;
    results.push_back({1, "cmd-1", "already_applied", false, 0, std::nullopt});
    results.push_back({2, "cmd-2", "applied", false, 0, std::nullopt});
    results.push_back({3, "cmd-3", "applied", true, 0, std::nullopt});
    results.push_back({4, "cmd-4", "rejected", false, 0,
                       Error{"not_found", "payload.account_id",
                             "payload.account_id refers to \"A9\", which does not exist\n\t\\ Łódź"}});
    results.push_back({5, "cmd-5", "rejected", false, 0, Error{"forbidden", "", ""}});
    results.push_back({7, "cmd-7", "out_of_order", false, 6, std::nullopt});
    results.push_back({18446744073709551615ull, "x:y.z_-", "out_of_order", false,
                       18446744073709551615ull, std::nullopt});
    CHECK(push_answer_text("client-1", 5, 12345, results) ==
          reference("client-1", 5, 12345, results));
    CHECK(push_answer_text("c", 0, 0, {}) == reference("c", 0, 0, {}));
    CHECK(push_answer_text("c", 0, -1, {results[3]}) == reference("c", 0, -1, {results[3]}));
}
