#include "push_answer.h"
#include "json_text.h"

namespace fc::server {
namespace {

// One result, keys in nlohmann's (sorted) order: error, expected_seq, id, seq, status,
// superseded; so are the error's: code, field, message.
void append_result(std::string& out, const CommandResult& r) {
    out += '{';
    if (r.error) {
        out += "\"error\":{\"code\":";
        append_json_string(out, r.error->code);
        out += ",\"field\":";
        append_json_string(out, r.error->field);
        out += ",\"message\":";
        append_json_string(out, r.error->message);
        out += "},";
    }
    if (r.status == "out_of_order") {
        out += "\"expected_seq\":";
        out += std::to_string(r.expected_seq);
        out += ',';
    }
    out += "\"id\":";
    append_json_string(out, r.id);
    out += ",\"seq\":";
    out += std::to_string(r.seq);
    out += ",\"status\":";
    append_json_string(out, r.status);
    if (r.superseded) out += ",\"superseded\":true";
    out += '}';
}

}  // namespace

std::string push_answer_text(const Id& client_id, std::uint64_t last_seq, std::int64_t version,
                             const std::vector<CommandResult>& results) {
    std::string out;
    out.reserve(96 + results.size() * 96);
    out += "{\"client_id\":";
    append_json_string(out, client_id);
    out += ",\"cursor\":\"";
    out += std::to_string(version);
    out += "\",\"last_seq\":";
    out += std::to_string(last_seq);
    out += ",\"results\":[";
    for (size_t i = 0; i < results.size(); ++i) {
        if (i) out += ',';
        append_result(out, results[i]);
    }
    out += "]}";
    return out;
}

}  // namespace fc::server
