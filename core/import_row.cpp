#include "import_row.h"
#include <algorithm>
#include "csv_writer.h"
#include "enum_names.h"
#include "import_values.h"
#include "iso_time.h"
#include "record_json.h"

namespace fc {
namespace {

using F = ImportField;

// Reads a row's cells by field and builds the reject sentence when one does not parse.
struct RowReader {
    const ImportJob& job;
    const TableRow& row;
    std::string field, reason;  // first error

    bool has(F f) const { return job.column_of[size_t(f)] >= 0; }
    std::string_view raw(F f) const {
        int col = job.column_of[size_t(f)];
        if (col < 0) return {};
        std::string_view v = job.source.table.cell(row, size_t(col));
        // Undo our own export's guard ("'=SUM" was "=SUM"); JSON files never carry it.
        return job.source.is_json ? v : strip_formula_guard(v);
    }
    std::string_view text(F f) const { return trim_cell(raw(f)); }
    std::string column_note(F f) const {
        int col = job.column_of[size_t(f)];
        if (col < 0) return {};
        return " (column \"" + job.source.table.header[size_t(col)] + "\")";
    }
    bool fail(F f, const std::string& what) {
        if (reason.empty()) {
            field = std::string(name_of(f));
            reason = field + " " + what + column_note(f);
        }
        return false;
    }
    bool failed() const { return !reason.empty(); }
};

std::string lower_key(std::string_view s) { return email_match_key(s); }

Id find_or_empty(const std::unordered_map<std::string, Id>& m, const std::string& key) {
    auto it = m.find(key);
    return it == m.end() ? Id() : it->second;
}

// Sets payload[key] from a text cell: always when creating, only when non-empty on update, so
// an empty cell never wipes what the record already had.
void set_text(json& p, const char* key, std::string_view v, bool updating) {
    if (updating && v.empty()) return;
    p[key] = std::string(v);
}

// The account a contact, activity or lead belongs to: by id, else by name (made when missing).
bool resolve_account(RowReader& r, const Store& store, json& p, bool updating, RowPlan& plan,
                     std::uint32_t row_key) {
    const ImportJob& job = r.job;
    std::string_view id = r.text(F::account_id);
    if (!id.empty()) {
        if (!store.accounts.contains(Id(id)))
            return r.fail(F::account_id, "refers to \"" + std::string(id) +
                                             "\", which is not an account");
        p["account_id"] = std::string(id);
        return true;
    }
    std::string_view name = r.raw(F::account_name);
    if (trim_cell(name).empty()) {
        if (updating) return true;  // keeps the account it has
        return r.fail(r.has(F::account_name) ? F::account_name : F::account_id,
                      "is required: the row names no account");
    }
    Id found = find_or_empty(job.index.account_by_name, lower_key(name));
    if (!found.empty()) {
        p["account_id"] = found;
        return true;
    }
    if (!job.options.create_missing_accounts)
        return r.fail(F::account_name, "names no existing account: \"" + std::string(name) + "\"");
    Account a;
    a.id = generated_id(job, row_key, "-a");
    a.dealer_id = job.options.default_dealer_id;
    a.name = std::string(trim_cell(name));
    plan.puts.push_back({ImportKind::accounts, "account.put", to_json(a), false});
    p["account_id"] = a.id;
    return true;
}

bool read_bool(RowReader& r, F f, json& p, const char* key) {
    std::string_view v = r.text(f);
    if (v.empty()) return true;
    auto b = parse_bool_text(v);
    if (!b) return r.fail(f, "must be yes or no, not \"" + std::string(v) + "\"");
    p[key] = *b;
    return true;
}

bool read_time(RowReader& r, F f, json& p, const char* key) {
    std::string_view v = r.text(f);
    if (v.empty()) return true;
    auto t = parse_time_text(v, r.job.options.utc_offset_minutes);
    if (!t) return r.fail(f, "is not a date or time: \"" + std::string(v) + "\"");
    p[key] = *t;
    return true;
}

// A category by id, else by name.
bool read_category(RowReader& r, const Store& store, json& p) {
    std::string_view id = r.text(F::product_category);
    if (!id.empty()) {
        p["product_category"] = std::string(id);  // check_references names it if unknown
        return true;
    }
    std::string_view name = r.text(F::category_name);
    if (name.empty()) return true;
    if (store.categories.contains(Id(name))) {  // an id written in a "category" column
        p["product_category"] = std::string(name);
        return true;
    }
    Id found = find_or_empty(r.job.index.category_by_name, lower_key(name));
    if (found.empty())
        return r.fail(F::category_name, "names no product category: \"" + std::string(name) + "\"");
    p["product_category"] = found;
    return true;
}

void fill_account(RowReader& r, json& p, bool updating) {
    std::string_view dealer = r.text(F::dealer_id);
    if (!dealer.empty()) p["dealer_id"] = std::string(dealer);
    else if (!updating) p["dealer_id"] = r.job.options.default_dealer_id;
    set_text(p, "name", r.raw(F::name), updating);
    set_text(p, "postal_code", r.text(F::postal_code), updating);
    set_text(p, "city", r.raw(F::city), updating);
    set_text(p, "country", r.text(F::country), updating);
    set_text(p, "segment", r.raw(F::segment), updating);
    std::string_view emp = r.text(F::employees);
    if (!emp.empty()) {
        auto n = parse_integer_text(emp);
        if (!n) r.fail(F::employees, "is not a whole number: \"" + std::string(emp) + "\"");
        else p["employees"] = *n;  // the range is the record reader's to check
    }
}

void fill_contact(RowReader& r, const Store& store, json& p, bool updating, RowPlan& plan,
                  std::uint32_t row_key) {
    if (!resolve_account(r, store, p, updating, plan, row_key)) return;
    std::string name(r.raw(F::name));
    if (trim_cell(name).empty() && (r.has(F::first_name) || r.has(F::last_name))) {
        std::string first(trim_cell(r.raw(F::first_name))), last(trim_cell(r.raw(F::last_name)));
        name = first.empty() || last.empty() ? first + last : first + " " + last;
    }
    set_text(p, "name", name, updating);
    std::string_view email = r.text(F::email);
    // The same address in other letter case is no change: keep the spelling on record.
    bool same_email = updating && p.contains("email") && p["email"].is_string() &&
                      email_match_key(p["email"].get_ref<const std::string&>()) ==
                          email_match_key(email);
    if (!same_email) set_text(p, "email", email, updating);
    set_text(p, "phone", r.text(F::phone), updating);
    std::string_view role = r.text(F::role);
    if (!role.empty()) {
        std::string e = enum_text(role);
        if (!parse_contact_role(e)) r.fail(F::role, "is not a contact role: \"" + std::string(role) + "\"");
        else p["role"] = e;
    }
    read_bool(r, F::do_not_contact, p, "do_not_contact") &&
        read_bool(r, F::consent_email, p, "consent_email") &&
        read_bool(r, F::consent_phone, p, "consent_phone");
}

void fill_activity(RowReader& r, const Store& store, json& p, RowPlan& plan,
                   std::uint32_t row_key) {
    // A contact identifies its account, so a row may name just the contact.
    Id contact = Id(r.text(F::contact_id));
    std::string_view email = r.text(F::contact_email);
    if (contact.empty() && !email.empty()) {
        contact = find_or_empty(r.job.index.contact_by_email, email_match_key(email));
        if (contact.empty()) {
            r.fail(F::contact_email, "names no contact: \"" + std::string(email) + "\"");
            return;
        }
    }
    if (!contact.empty()) {
        p["contact_id"] = contact;
        const Contact* c = store.contacts.find(contact);
        if (c && r.text(F::account_id).empty() && trim_cell(r.raw(F::account_name)).empty())
            p["account_id"] = c->account_id;
    }
    if (!p.contains("account_id") && !resolve_account(r, store, p, false, plan, row_key)) return;
    std::string_view type = r.text(F::type);
    if (!type.empty()) {
        std::string e = enum_text(type);
        if (!parse_activity_type(e))
            return void(r.fail(F::type, "is not an activity type: \"" + std::string(type) + "\""));
        p["type"] = e;
    }
    if (!read_time(r, F::at, p, "at") || !read_category(r, store, p)) return;
    set_text(p, "campaign_id", r.text(F::campaign_id), false);
    set_text(p, "author", r.text(F::author), false);
    set_text(p, "note", r.raw(F::note), false);
    std::string_view amount = r.text(F::amount);
    if (!amount.empty()) {
        auto m = parse_money_text(amount);
        if (!m) return void(r.fail(F::amount, "is not an amount: \"" + std::string(amount) + "\""));
        p["amount"] = *m;
    }
}

void fill_lead(RowReader& r, const Store& store, json& p, bool updating, RowPlan& plan,
               std::uint32_t row_key) {
    if (!resolve_account(r, store, p, updating, plan, row_key)) return;
    if (!read_category(r, store, p)) return;
    std::string_view dealer = r.text(F::dealer_id);
    if (!dealer.empty()) p["dealer_id"] = std::string(dealer);
    else if (!updating) p["dealer_id"] = r.job.options.default_dealer_id;
    std::string_view owner = r.text(F::owner);
    if (!owner.empty()) {
        Id id = store.users.contains(Id(owner))
                    ? Id(owner)
                    : find_or_empty(r.job.index.user_by_name, lower_key(owner));
        if (id.empty()) return void(r.fail(F::owner, "names no user: \"" + std::string(owner) + "\""));
        p["owner"] = id;
    }
    std::string_view state = r.text(F::state);
    if (!state.empty()) {
        std::string e = enum_text(state);
        if (!parse_lead_state(e))
            return void(r.fail(F::state, "is not a lead state: \"" + std::string(state) + "\""));
        p["state"] = e;
    }
    if (!updating) p["created_at"] = r.job.options.now;
    if (!read_time(r, F::created_at, p, "created_at")) return;
    if (!read_time(r, F::first_response_at, p, "first_response_at")) return;
    std::string_view score = r.text(F::score);
    if (!score.empty()) {
        auto d = parse_number_text(score);
        if (!d) return void(r.fail(F::score, "is not a number: \"" + std::string(score) + "\""));
        p["score"] = *d;
    }
}


}  // namespace

std::optional<json> stored_record(const Store& s, ImportKind k, const Id& id) {
    switch (k) {
        case ImportKind::accounts:
            if (auto* r = s.accounts.find(id)) return to_json(*r);
            break;
        case ImportKind::contacts:
            if (auto* r = s.contacts.find(id)) return to_json(*r);
            break;
        case ImportKind::activities:
            if (auto* r = s.activities.find(id)) return to_json(*r);
            break;
        case ImportKind::leads:
            if (auto* r = s.leads.find(id)) return to_json(*r);
            break;
    }
    return std::nullopt;
}

namespace {

template <class T>
bool same_as(const json& p, const json& existing) {
    T rec;
    return !from_json(p, rec) && to_json(rec) == existing;
}

// Compares after reading, so defaults the file leaves out ("amount": 0) do not count as change.
bool same_record(ImportKind k, const json& p, const json& existing) {
    if (p == existing) return true;
    switch (k) {
        case ImportKind::accounts: return same_as<Account>(p, existing);
        case ImportKind::contacts: return same_as<Contact>(p, existing);
        case ImportKind::activities: return same_as<Activity>(p, existing);
        case ImportKind::leads: return same_as<Lead>(p, existing);
    }
    return false;
}

// The record the row's match key finds (see MatchKey), or empty. Only contacts are indexed by
// email and phone; start_import lets no other kind choose those keys.
Id matched_record(const RowReader& r) {
    const ImportJob& job = r.job;
    auto by_email = [&] {
        return find_or_empty(job.index.contact_by_email, email_match_key(r.text(F::email)));
    };
    auto by_phone = [&] {
        return find_or_empty(job.index.contact_by_phone, phone_match_key(r.text(F::phone)));
    };
    switch (job.options.match_key) {
        case MatchKey::automatic: {
            if (!r.text(F::id).empty() || job.options.kind != ImportKind::contacts) return Id();
            Id m = by_email();
            return m.empty() ? by_phone() : m;
        }
        case MatchKey::external_id: return Id();  // the id itself, which plan_row reads anyway
        case MatchKey::email: return by_email();
        case MatchKey::phone: return by_phone();
    }
    return Id();
}

bool id_safe(std::string_view s) {
    return s.size() <= 64 && std::all_of(s.begin(), s.end(), [](unsigned char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                      c == '-' || c == '_' || c == '.' || c == ':';
           });
}

}  // namespace

Id generated_id(const ImportJob& job, std::uint32_t row_key, const char* suffix) {
    return "imp-" + job.options.import_id + "-" + std::to_string(row_key) + suffix;
}

RowPlan plan_row(const ImportJob& job, const Store& store, std::size_t row_index) {
    const TableRow& row = job.source.table.rows[row_index];
    RowPlan plan;
    auto reject = [&](std::string field, std::string reason) {
        plan.outcome = RowPlan::reject;
        plan.puts.clear();
        plan.field = std::move(field);
        plan.reason = std::move(reason);
        return plan;
    };
    size_t width = job.source.table.header.size();
    if (row.cell_count != width)
        return reject("", "the row has " + std::to_string(row.cell_count) +
                              " fields where the header has " + std::to_string(width));
    RowReader r{job, row, {}, {}};
    const ImportKind kind = job.options.kind;

    // Which record the row is about: the one its match key finds, else the one its external
    // id names (new, or on record from an earlier import).
    std::string_view ext = r.text(F::id);
    if (!ext.empty() && !id_safe(ext))
        return reject("id", "id may only hold up to 64 letters, digits and - _ . :" +
                                r.column_note(F::id));
    Id target = matched_record(r);
    if (target.empty()) target = Id(ext);
    std::optional<json> existing;
    if (!target.empty()) existing = stored_record(store, kind, target);
    if (existing && job.options.on_duplicate == DuplicatePolicy::create) {
        // A new record beside the match; its id is the row's, which is the same record when
        // this file was imported before, and then it is updated rather than made twice.
        target = generated_id(job, row.key);
        existing = stored_record(store, kind, target);
    }
    if (target.empty()) {  // no match: the row's own id, present if this file came in before
        target = generated_id(job, row.key);
        existing = stored_record(store, kind, target);
    }
    if (existing && job.options.on_duplicate == DuplicatePolicy::skip) {
        plan.outcome = RowPlan::skip;
        return plan;
    }
    bool updating = existing.has_value();
    // Activities cannot change: a row for one that exists is new data only if it differs, and
    // activity.log then refuses it with a conflict.
    if (kind == ImportKind::activities) updating = false;
    json p = updating ? *existing : json::object();
    p["id"] = target;

    switch (kind) {
        case ImportKind::accounts: fill_account(r, p, updating); break;
        case ImportKind::contacts: fill_contact(r, store, p, updating, plan, row.key); break;
        case ImportKind::activities: fill_activity(r, store, p, plan, row.key); break;
        case ImportKind::leads: fill_lead(r, store, p, updating, plan, row.key); break;
    }
    if (r.failed()) return reject(r.field, r.reason);
    if (existing && same_record(kind, p, *existing)) {
        plan.outcome = RowPlan::unchanged;
        plan.puts.clear();
        return plan;
    }
    plan.puts.push_back({kind, import_command_kind(kind), std::move(p), existing.has_value()});
    return plan;
}

const char* import_command_kind(ImportKind k) {
    switch (k) {
        case ImportKind::accounts: return "account.put";
        case ImportKind::contacts: return "contact.put";
        case ImportKind::activities: return "activity.log";
        case ImportKind::leads: return "lead.put";
    }
    return "";
}

}  // namespace fc
