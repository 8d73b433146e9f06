#include "dispatch.h"
#include <algorithm>
#include "navigation.h"
#include "record_table.h"
#include "sync_apply.h"

namespace fc::ui {

Command make_command(std::string kind, json payload) {
    Command c;
    c.kind = std::move(kind);
    c.payload = std::move(payload);
    return c;
}

Id new_record_id(AppState& app, const char* prefix) {
    // Client id + load time + counter: unique across this client's sessions without a clock
    // of our own (time is passed in).
    return std::string(prefix) + "-" + app.client_id + "-" + std::to_string(app.now) + "-" +
           std::to_string(++app.local_ids);
}

MaybeError apply_local_command(AppState& app, const Command& c) {
    const auto& tables = record_tables();
    std::vector<size_t> sizes;
    sizes.reserve(tables.size());
    for (const std::string& t : tables) sizes.push_back(record_count(app.store, t));
    if (auto e = apply_command(app.store, c)) return e;
    std::string by;
    for (size_t k = 0; k < tables.size(); ++k) {
        size_t n = record_count(app.store, tables[k]);
        for (size_t row = sizes[k]; row < n; ++row) {
            if (by.empty()) by = c.client_id + "#" + std::to_string(c.seq);
            app.sync.local_records[record_key(tables[k], record_id_at(app.store, tables[k], row))] = by;
        }
    }
    return std::nullopt;
}

MaybeError apply_to_app(AppState& app, const Command& c) {
    if (auto e = apply_local_command(app, c)) return e;
    note_applied(app, c);
    refresh_indexes(app.core_index, app.store);
    return std::nullopt;
}

MaybeError dispatch(AppState& app, Command c, const std::string& form) {
    // A preview holds only the inbox's first screenful, and the whole store replaces it a
    // moment later: a change made to it would vanish then. Refused, with the reason, instead.
    if (app.preview) {
        Error e{"not_ready", "", "Still loading all leads: try again in a moment"};
        app.rejection = Rejection{form, e};
        return e;
    }
    if (c.id.empty()) c.id = new_record_id(app, "cmd");
    c.client_id = app.client_id;
    c.seq = app.next_seq;
    if (c.at == 0) c.at = app.now;
    if (c.author.empty()) c.author = app.user_id;
    if (auto e = apply_local_command(app, c)) {
        app.rejection = Rejection{form, *e};
        return e;
    }
    ++app.next_seq;  // only accepted commands take a number: the server sees no gaps
    note_applied(app, c);
    refresh_indexes(app.core_index, app.store);
    if (app.rejection && app.rejection->form == form) app.rejection.reset();
    app.outbox.push_back(std::move(c));
    emit_command_events(app, app.outbox.back());
    return std::nullopt;
}

void record_applied(AppState& app, std::vector<Command>& applied) {
    if (applied.empty()) return;
    // index_command redoes the name order and search keys of every account for each account
    // or contact it is given: fine for one typed change, quadratic for an import's batch. One
    // rebuild for the batch gives the same index.
    bool rebuild = std::any_of(applied.begin(), applied.end(), [](const Command& c) {
        return c.kind == "account.put" || c.kind == "contact.put";
    });
    for (Command& c : applied) {
        if (!rebuild) index_command(app.store, app.index, c);
        mark_views(app, c);
        app.next_seq = std::max(app.next_seq, c.seq + 1);
        app.outbox.push_back(std::move(c));
    }
    applied.clear();
    if (rebuild) rebuild_index(app.store, app.index);
    refresh_indexes(app.core_index, app.store);
    emit_command_events(app, app.outbox.back());  // one sync_state_changed for the batch
}

void note_applied(AppState& app, const Command& c) {
    index_command(app.store, app.index, c);
    mark_views(app, c);
}

void mark_views(AppState& app, const Command& c) {
    if (c.kind == "lead.put" || c.kind == "account.put" || c.kind == "contact.put" ||
        c.kind == "user.put" || c.kind == "category.put" || c.kind == "lead.transition" ||
        c.kind == "scoring_rules.put" || c.kind == "lead.reassign" || c.kind == "lead.redirect") {
        app.inbox.dirty = true;
        app.inbox.hits_valid = false;
    }
    if (c.kind == "sla_policy.put" || c.kind == "follow_up_rules.put")
        use_store_rule_documents(app.store, app.workflow);
    if (c.kind == "task.put" || c.kind == "user.put") app.follow_ups.dirty = true;
    if (c.kind == "account.put" || c.kind == "contact.put") app.accounts.list_dirty = true;
}

const char* field_error(const AppState& app, const std::string& form, const std::string& field) {
    if (!app.rejection || app.rejection->form != form) return nullptr;
    return app.rejection->error.field == field ? app.rejection->error.message.c_str() : nullptr;
}

const Error* form_error(const AppState& app, const std::string& form) {
    return app.rejection && app.rejection->form == form ? &app.rejection->error : nullptr;
}

void clear_form_error(AppState& app, const std::string& form) {
    if (app.rejection && app.rejection->form == form) app.rejection.reset();
}

}  // namespace fc::ui
