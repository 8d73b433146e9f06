// The fields of a command's envelope with their rules, in one place for every reader of
// commands: JsonReader (from_json, commands.cpp) and JsonTextFields (a push body read without
// a DOM, server/push_body.cpp), so both accept exactly the same commands. `payload(r, out)`
// reads the payload object with the reader at hand (it is required and must be an object).
#pragma once
#include <cstdint>
#include "commands.h"
#include "record_fields.h"

namespace fc {

template <class V, class Payload>
void command_fields(V& r, Command& c, std::int64_t& seq, Payload payload) {
    r.id("id", c.id, true);
    r.id("client_id", c.client_id, true);
    r.integer("seq", seq, true, 1, INT64_MAX);
    r.string("kind", c.kind, true, 32);
    r.integer("at", c.at, true, 0, kMaxTime);
    r.id("author", c.author, false);
    payload(r, c.payload);
}

}  // namespace fc
