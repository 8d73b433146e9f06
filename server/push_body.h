// Reading a push's body {"client_id", "commands": [...]} into commands, with every check and
// error of docs/sync-protocol.md, "Push". Most bodies are in the plain form clients write and
// are read straight from their text (JsonTextFields: no DOM for the envelopes, each payload
// parsed alone), which took a quarter of a push of 1000 off; anything else goes through
// nlohmann and JsonReader, which have the last word on what is valid and say why. Whenever the
// plain reader takes a body, the full one reads the same commands from it.
#pragma once
#include <httplib.h>
#include <string_view>
#include <vector>
#include "commands.h"

namespace fc::server {

struct PushBody {
    Id client_id;
    std::vector<Command> commands;
};

// Reads the body; on a bad one sends the error (400 or 413) and returns false.
bool read_push_body(const httplib::Request& req, httplib::Response& res, PushBody& out);

// The two readers on their own, for tests. The plain one checks only what the envelope's field
// rules say (false: not plain or not valid, left to the full one; nothing is sent).
bool read_push_plain(std::string_view body, PushBody& out);
bool read_push_json(const httplib::Request& req, httplib::Response& res, PushBody& out);

}  // namespace fc::server
