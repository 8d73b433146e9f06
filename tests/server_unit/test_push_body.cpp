// A push body read by the plain reader (server/push_body.h: from the text, no DOM for the
// envelopes) must give exactly what the full reader (nlohmann + JsonReader) gives: the same
// commands, or the same error, for every body, plain or not.
#include <doctest/doctest.h>
#include "push_body.h"

using namespace fc;
using namespace fc::server;

namespace {

std::string command(int seq, const std::string& payload = "", const std::string& extra = "") {
    std::string p = payload.empty()
                        ? R"({"id": "act-)" + std::to_string(seq) +
                              R"(", "account_id": "A1", "type": "note", "at": 1790000000, "note": "call back )" +
                              std::to_string(seq) + R"("})"
                        : payload;
    return R"({"id": "cmd-)" + std::to_string(seq) + R"(", "client_id": "tab-1", "seq": )" +
           std::to_string(seq) + R"(, "kind": "activity.log", "at": 1790000000, "author": "")" +
           extra + R"(, "payload": )" + p + "}";
}

std::string body(const std::vector<std::string>& commands, const std::string& client = "tab-1") {
    std::string list;
    for (const std::string& c : commands) list += (list.empty() ? "" : ",") + c;
    return R"({"client_id": ")" + client + R"(", "commands": [)" + list + "]}";
}

struct Read {
    bool ok;
    int status;
    std::string answer;
    std::vector<std::string> commands;  // to_json(command).dump()
};

template <class F>
Read read_with(const std::string& text, F read) {
    httplib::Request req;
    req.body = text;
    httplib::Response res;
    PushBody out;
    Read r{read(req, res, out), res.status, res.body, {}};
    if (r.ok) {
        r.answer = out.client_id;
        for (const Command& c : out.commands) r.commands.push_back(to_json(c).dump());
    }
    return r;
}

// Reads `text` with the server's reader and with the full one alone; they must agree. Returns
// whether the plain reader took the body.
bool same_as_full_reader(const std::string& text) {
    INFO(text.substr(0, 400));
    Read served = read_with(text, read_push_body);
    Read full = read_with(text, read_push_json);
    CHECK(served.ok == full.ok);
    CHECK(served.status == full.status);
    CHECK(served.answer == full.answer);
    CHECK(served.commands == full.commands);
    PushBody plain;
    return read_push_plain(text, plain);
}

}  // namespace

TEST_CASE("plain push bodies are read as the full reader reads them") {
    std::vector<std::string> many;
    for (int i = 1; i <= 1000; ++i) many.push_back(command(i));
    CHECK(same_as_full_reader(body(many)));
    CHECK(same_as_full_reader(body({})));
    CHECK(same_as_full_reader(body({command(1)})));
    // Whitespace anywhere JSON allows it, escapes, text past ASCII, a nested object, no author.
    CHECK(same_as_full_reader(" \n{ \"commands\" :\t[ " + command(1) + " ,\r\n" + command(2) +
                              " ] , \"client_id\":\"tab-1\" }\n"));
    CHECK(same_as_full_reader(body({command(
        1, R"({"id": "a\u0031", "account_id": "A1", "type": "note", "at": 5, "note": "M\u00fcller \"q\" \\ \n 😀 \ud83d\ude00 Łódź /\/"})")})));
    CHECK(same_as_full_reader(body({command(1, R"({"id": "a1", "deep": {"x": {"y": 1.5, "z": null}}, "b": true})")})));
    CHECK(same_as_full_reader(R"({"client_id": "tab-1", "commands": [{"id": "c1", "client_id": "tab-1", "seq": 7, "kind": "lead.transition", "at": 0, "payload": {}}]})"));
    CHECK(same_as_full_reader(R"({"client_id": "t\u0061b-1", "commands": [{"id": "c1", "client_id": "tab-1", "seq": 7, "kind": "k", "at": 0, "author": null, "payload": {}}]})"));
}

TEST_CASE("bodies the plain reader does not take get the full reader's answer or error") {
    const std::vector<std::string> bodies = {
        body({command(1, R"({"id": "a1", "tags": ["x", "y"]})")}),        // an array in a payload
        body({command(1)}, "sys:rules:x"),                                 // the server's own ids
        body({command(1)}, "tab-2"),                                       // another client's command
        body({command(1, "", R"(, "extra": 1)")}),                         // unknown field
        body({command(1, "", R"(, "id": "again")")}),                      // repeated key
        body({command(1, "[]")}),                                          // payload not an object
        body({command(1, "null")}),                                        // payload null
        body({command(1, R"({"a": 1,})")}),                                // payload not JSON
        body({command(1, R"({"a": 01})")}),
        body({command(1, R"({"a": "\x01"})")}),
        body({command(1, R"({"a": "\q"})")}),
        body({command(1, R"({"a": "\ud800"})")}),
        body({command(1, "{\"a\": \"\xc3\x28\"}")}),                       // invalid UTF-8
        R"({"client_id": "tab-1", "commands": [{"id": "c1", "client_id": "tab-1", "seq": 1.0, "kind": "k", "at": 0, "payload": {}}]})",
        R"({"client_id": "tab-1", "commands": [{"id": "c1", "client_id": "tab-1", "seq": 0, "kind": "k", "at": 0, "payload": {}}]})",
        R"({"client_id": "tab-1", "commands": [{"id": "c1", "client_id": "tab-1", "seq": 99999999999999999999, "kind": "k", "at": 0, "payload": {}}]})",
        R"({"client_id": "tab-1", "commands": [{"id": "c1", "client_id": "tab-1", "seq": 1, "kind": "k", "at": -1, "payload": {}}]})",
        R"({"client_id": "tab-1", "commands": [{"id": "c1", "client_id": "tab-1", "seq": 1, "kind": "0123456789012345678901234567890123", "at": 0, "payload": {}}]})",
        R"({"client_id": "tab-1", "commands": [{"id": "c 1", "client_id": "tab-1", "seq": 1, "kind": "k", "at": 0, "payload": {}}]})",
        R"({"client_id": "tab-1", "commands": [{"client_id": "tab-1", "seq": 1, "kind": "k", "at": 0, "payload": {}}]})",
        R"({"client_id": "tab-1", "commands": [1]})",
        R"({"client_id": "tab-1", "commands": [{}, ]})",
        R"({"client_id": "tab-1", "commands": {}})",
        R"({"client_id": "tab-1"})",
        R"({"client_id": "", "commands": []})",
        R"({"client_id": "tab-1", "commands": [], "more": 1})",
        R"({"client_id": "tab-1", "commands": []} x)",
        R"({"client_id": "tab-1", "commands": [})",
        R"({"client_id": "tab-1", "commands": []])",
        "\xef\xbb\xbf{\"client_id\": \"tab-1\", \"commands\": []}",
        std::string("{\"client_id\": \"tab-1\", \"commands\": []}") + '\0',
        body({command(1, std::string(40, '[') + std::string(40, ']'))}),
        "[]", "", "null", "{}",
    };
    for (const std::string& b : bodies) {
        INFO(b);
        CHECK_FALSE(same_as_full_reader(b));
    }
    // Plain, but too deep or too long: refused all the same (the server checks before reading).
    std::string deep = "1";
    for (int i = 0; i < 40; ++i) deep = "{\"a\": " + deep + "}";
    CHECK(same_as_full_reader(body({command(1, deep)})));
    CHECK(same_as_full_reader(body({command(1)}) + std::string(1, '\0')) == false);
    std::vector<std::string> too_many;
    for (int i = 1; i <= 1001; ++i) too_many.push_back(command(i));
    CHECK(same_as_full_reader(body(too_many)));
}
