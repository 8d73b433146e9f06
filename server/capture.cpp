#include "capture.h"
#include <algorithm>
#include "auth.h"
#include "http_util.h"
#include "push.h"
#include "record_json.h"

namespace fc::server {
namespace {

struct CaptureKey {
    Id tenant, dealer_id, campaign_id;
};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

std::string random_suffix() { return random_hex(8); }

// The contact with this email at the key's dealer, so a returning prospect's new request lands
// on the timeline they already have rather than on a duplicate account.
const Contact* known_contact(const Store& s, const std::string& email, const Id& dealer_id) {
    if (email.empty()) return nullptr;
    std::string want = lower(email);
    for (const Contact& c : s.contacts.rows) {
        if (c.email.size() != want.size() || lower(c.email) != want) continue;
        const Account* a = s.accounts.find(c.account_id);
        if (a && a->dealer_id == dealer_id) return &c;
    }
    return nullptr;
}

Command make_command(const char* kind, json payload, const Id& client_id, Time now) {
    Command c;
    c.id = std::string("cap-") + random_suffix();
    c.client_id = client_id;
    c.kind = kind;
    c.at = now;
    c.payload = std::move(payload);
    return c;
}

// Core's message names "payload.email"; the sender knows the field as "email".
Error as_form_error(Error e) {
    auto dot = e.field.rfind('.');
    if (dot != std::string::npos) {
        std::string field = e.field.substr(dot + 1);
        auto at = e.message.find(e.field);
        if (at != std::string::npos) e.message.replace(at, e.field.size(), field);
        e.field = field;
    }
    return e;
}

// Builds the commands, checking every payload with core's readers first: the batch must either
// capture the whole lead or nothing (a rejected contact after an applied account would leave
// half a lead).
MaybeError build_commands(const Store& s, const CaptureKey& key, const CaptureForm& f,
                          const Id& client_id, Time now, std::vector<Command>& out,
                          json& ids) {
    Id account_id, contact_id;
    if (const Contact* known = known_contact(s, f.email, key.dealer_id)) {
        account_id = known->account_id;
        contact_id = known->id;
    } else {
        account_id = "A-web-" + random_suffix();
        contact_id = account_id + "-C1";
        Account a;
        a.id = account_id;
        a.dealer_id = key.dealer_id;
        a.name = f.company.empty() ? f.name : f.company;
        a.postal_code = f.postal_code;
        a.city = f.city;
        a.country = f.country;
        a.segment = f.company.empty() ? "private" : "";
        Contact c;
        c.id = contact_id;
        c.account_id = account_id;
        c.name = f.name;
        c.email = f.email;
        c.phone = f.phone;
        json aj = to_json(a), cj = to_json(c);
        Account account_check;
        Contact contact_check;
        if (auto e = from_json(aj, account_check, "payload")) return as_form_error(*e);
        if (auto e = from_json(cj, contact_check, "payload")) return as_form_error(*e);
        out.push_back(make_command("account.put", std::move(aj), client_id, now));
        out.push_back(make_command("contact.put", std::move(cj), client_id, now));
    }
    Activity act;
    act.id = "E-web-" + random_suffix();
    act.account_id = account_id;
    act.contact_id = contact_id;
    act.type = ActivityType::web_form;
    act.at = now;
    if (s.categories.contains(f.product_category)) act.product_category = f.product_category;
    if (s.campaigns.contains(key.campaign_id)) act.campaign_id = key.campaign_id;
    act.note = f.message;
    Activity check;
    if (auto e = from_json(to_json(act), check, "payload")) return as_form_error(*e);
    out.push_back(make_command("activity.log", to_json(act), client_id, now));
    ids = {{"account_id", account_id}, {"contact_id", contact_id}, {"activity_id", act.id}};
    return std::nullopt;
}

}  // namespace

void handle_capture(ServerState& state, const httplib::Request& req, httplib::Response& res) {
    std::string key_text = req.matches.size() > 1 ? req.matches[1].str() : "";
    int retry_after = 0;
    if (!state.capture_limit.take(key_text + "|" + req.remote_addr, double(state.now()),
                                  retry_after)) {
        res.set_header("Retry-After", std::to_string(retry_after));
        return send_error(res, 429, Error{"rate_limited", "",
                                          "too many posts; try again in " +
                                              std::to_string(retry_after) + " s"});
    }
    std::string error;
    CaptureKey key;
    bool found = false;
    {
        auto conn = state.db->borrow(error);
        if (!conn) return send_error(res, 503, storage_error(error));
        if (auto e = conn->run(
                "SELECT tenant, dealer_id, campaign_id FROM capture_keys WHERE capture_key = ?",
                {key_text}, [&](const RowView& r) {
                    key = CaptureKey{Id(r.text(0)), Id(r.text(1)), Id(r.text(2))};
                    found = true;
                }))
            return send_error(res, 503, *e);
    }
    if (!found) return send_error(res, 404, Error{"not_found", "", "no such capture key"});

    std::string type = req.get_header_value("Content-Type");
    type = lower(type.substr(0, type.find(';')));
    CaptureForm form;
    MaybeError bad;
    if (type == "application/json") {
        json body;
        if (!read_json_body(req, res, body)) return;
        bad = read_capture_json(body, form);
    } else if (type == "application/x-www-form-urlencoded") {
        bad = read_capture_fields(req.params, form);
    } else if (type == "application/xml" || type == "text/xml") {
        bad = read_capture_adf(req.body, form);
    } else {
        return send_error(res, 415, Error{"unsupported_media_type", "",
                                          "post JSON, a form (x-www-form-urlencoded) or ADF/XML"});
    }
    if (bad) return send_error(res, 400, *bad);

    TenantState* t = state.tenants.find(key.tenant);
    if (!t) return send_error(res, 503, storage_error("tenant " + key.tenant + " not loaded"));
    Actor system{key.tenant, "", "system", ""};
    Id client_id = "sys:capture:" + key_text;
    std::vector<Command> commands;
    json ids;
    {
        // Built under the tenant lock so the email lookup sees the store as the batch will.
        std::lock_guard<std::mutex> lock(t->mutex);
        if (auto e = build_commands(t->store, key, form, client_id, state.now(), commands, ids))
            return send_error(res, 400, *e);
    }
    BatchResult b = apply_batch(state, *t, system, client_id, std::move(commands), true);
    if (b.status != 200) return send_error(res, b.status, b.error);
    for (const CommandResult& r : b.results) {
        if (r.status != "applied")  // e.g. the account vanished in between
            return send_error(res, 409, Error{"conflict", "", "the lead could not be captured; "
                                                              "post it again"});
    }
    // Route it now rather than at the next tick: the lead should reach its owner in seconds.
    if (state.run_rules_soon) state.run_rules_soon();
    send_json(res, 201, ids);
}

}  // namespace fc::server
