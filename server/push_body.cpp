#include "push_body.h"
#include "command_fields.h"
#include "http_util.h"
#include "json_text_fields.h"

namespace fc::server {
namespace {

constexpr size_t kMaxCommandsPerPush = 1000;

// What both readers check once the envelope has been read.
bool check_envelope(const Id& client_id, size_t commands, httplib::Response& res) {
    if (client_id.rfind("sys:", 0) == 0) {
        send_error(res, 400, Error{"invalid_field", "client_id",
                                   "client ids starting with sys: are the server's own"});
        return false;
    }
    if (commands > kMaxCommandsPerPush) {
        send_error(res, 413, Error{"too_many_commands", "commands",
                                   "at most " + std::to_string(kMaxCommandsPerPush) +
                                       " commands per push"});
        return false;
    }
    return true;
}

// from_json(item, out, path), but the payload is moved out of `item`, not copied: a push
// carries a thousand. from_json sees an empty object in its place, and of a payload it checks
// only that it is an object, so it answers exactly as it would have.
MaybeError read_command(json& item, Command& out, const std::string& path) {
    json payload;
    if (item.is_object())
        if (auto it = item.find("payload"); it != item.end() && it->is_object()) {
            payload = std::move(*it);
            *it = json::object();
        }
    if (auto e = from_json(item, out, path)) return e;
    if (payload.is_object()) out.payload = std::move(payload);
    return std::nullopt;
}

}  // namespace

bool read_push_plain(std::string_view body, PushBody& out) {
    PushBody b;
    JsonTextFields top(body);
    top.id("client_id", b.client_id, true);
    std::string_view list = top.array_text("commands", true);
    std::vector<std::string_view> items;
    if (!top.done() || !JsonTextFields::array_objects(list, items)) return false;
    b.commands.resize(items.size());
    for (size_t i = 0; i < items.size(); ++i) {
        Command& c = b.commands[i];
        JsonTextFields r(items[i]);
        std::int64_t seq = 0;
        command_fields(r, c, seq, [](JsonTextFields& fields, json& payload) {
            std::string_view text = fields.object_text("payload", true);
            if (text.empty()) return;  // absent or not an object: given up already
            if (JsonTextFields(text).build(payload)) return;
            payload = json::parse(text.begin(), text.end(), nullptr, false);  // a float, say
            if (!payload.is_object()) fields.fail("", "", "");  // not JSON after all
        });
        // A command of another client is an error: the full reader names it.
        if (!r.done() || c.client_id != b.client_id) return false;
        c.seq = std::uint64_t(seq);
    }
    out = std::move(b);
    return true;
}

bool read_push_json(const httplib::Request& req, httplib::Response& res, PushBody& out) {
    json body;
    if (!read_json_body(req, res, body)) return false;
    JsonReader r(body, "");
    r.id("client_id", out.client_id, true);
    const json* list = r.nested("commands", true, json::value_t::array, "an array");
    if (auto e = r.finish()) {
        send_error(res, 400, *e);
        return false;
    }
    if (!check_envelope(out.client_id, list->size(), res)) return false;
    json& items = body.at("commands");  // *list, to move the payloads out of
    out.commands.resize(items.size());
    for (size_t i = 0; i < items.size(); ++i) {
        std::string path = "commands[" + std::to_string(i) + "]";
        if (auto e = read_command(items[i], out.commands[i], path)) {
            send_error(res, 400, *e);
            return false;
        }
        if (out.commands[i].client_id != out.client_id) {
            send_error(res, 400, Error{"client_mismatch", path + ".client_id",
                                       path + ".client_id differs from client_id"});
            return false;
        }
    }
    return true;
}

bool read_push_body(const httplib::Request& req, httplib::Response& res, PushBody& out) {
    // The plain reader knows neither the depth limit nor a raw NUL (read_json_body refuses
    // both): such bodies take the full reader, and so does any body the plain one gives up on.
    const std::string& text = req.body;
    if (!nests_deeper_than(text, kMaxJsonDepth) && text.find('\0') == std::string::npos &&
        read_push_plain(text, out))
        return check_envelope(out.client_id, out.commands.size(), res);
    out = PushBody{};
    return read_push_json(req, res, out);
}

}  // namespace fc::server
