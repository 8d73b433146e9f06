#include "export.h"
#include "enum_names.h"
#include "iso_time.h"
#include "record_json.h"

namespace fc {
namespace {

template <class T>
const std::string& name_or_empty(const Table<T>& t, const Id& id) {
    static const std::string empty;
    const T* r = t.find(id);
    return r ? r->name : empty;
}

std::string time_or_empty(Time t) { return t ? format_iso_utc(t) : std::string(); }

// JSON's shortest form reads back to the same double.
std::string format_number(double d) { return json(d).dump(); }

// One lead as the cells of a row, in header order; shared by CSV and JSON.
struct LeadCells {
    static constexpr const char* header[] = {
        "id",       "account_id", "account", "product_category", "category",   "dealer_id",
        "owner",    "owner_name", "state",   "score",            "created_at", "first_response_at"};
};

struct ActivityCells {
    static constexpr const char* header[] = {"id", "at", "type", "account_id", "account",
                                             "contact_id", "contact", "product_category",
                                             "campaign_id", "amount", "author", "note"};
};

template <class Header>
void write_header(CsvWriter& w) {
    for (const char* h : Header::header) w.text(h);
    w.end_row();
}

// A record as its JSON names it, but with times as ISO text and amounts in major units: what a
// person reads in a spreadsheet, and what the importer reads back to the same values.
template <class T>
json readable_record(const T& r) {
    json j = to_json(r);
    for (const char* key : {"at", "created_at", "first_response_at", "due"}) {
        auto it = j.find(key);
        if (it != j.end() && it->is_number_integer()) *it = time_or_empty(it->get<Time>());
    }
    auto amount = j.find("amount");
    if (amount != j.end() && amount->is_number_integer())
        *amount = format_amount(amount->get<std::int64_t>());
    return j;
}

template <class T>
json records_json(const Table<T>& t, const RowPositions& rows) {
    json a = json::array();
    for (std::uint32_t i : rows) a.push_back(readable_record(t.rows[i]));
    return a;
}

template <class T>
std::string records_csv(const Table<T>& t, const RowPositions& rows, CsvOptions o) {
    CsvWriter w(o);
    // The id first, then the fields in the JSON object's (alphabetical) order.
    std::vector<std::string> keys = {"id"};
    const json proto = to_json(T{});  // named: items() would outlive a temporary
    for (const auto& item : proto.items())
        if (item.key() != "id") keys.push_back(item.key());
    for (const std::string& k : keys) w.text(k);
    w.end_row();
    for (std::uint32_t i : rows) {
        json j = readable_record(t.rows[i]);
        for (const std::string& k : keys) {
            const json& v = j[k];
            if (v.is_string()) w.text(v.get_ref<const std::string&>());
            else w.number(v.dump());
        }
        w.end_row();
    }
    return w.out;
}

}  // namespace

std::string format_amount(std::int64_t cents) {
    std::uint64_t v = cents < 0 ? std::uint64_t(0) - std::uint64_t(cents) : std::uint64_t(cents);
    std::string frac = std::to_string(v % 100);
    if (frac.size() < 2) frac.insert(0, "0");
    return (cents < 0 ? "-" : "") + std::to_string(v / 100) + "." + frac;
}

std::string export_leads_csv(const Store& s, const RowPositions& leads, CsvOptions o) {
    CsvWriter w(o);
    w.out.reserve(leads.size() * 120);
    write_header<LeadCells>(w);
    for (std::uint32_t i : leads) {
        const Lead& l = s.leads.rows[i];
        w.text(l.id);
        w.text(l.account_id);
        w.text(name_or_empty(s.accounts, l.account_id));
        w.text(l.product_category);
        w.text(name_or_empty(s.categories, l.product_category));
        w.text(l.dealer_id);
        w.text(l.owner);
        w.text(name_or_empty(s.users, l.owner));
        w.text(name_of(l.state));
        w.number(format_number(l.score));
        w.number(time_or_empty(l.created_at));
        w.number(time_or_empty(l.first_response_at));
        w.end_row();
    }
    return w.out;
}

json export_leads_json(const Store& s, const RowPositions& leads) {
    json a = json::array();
    for (std::uint32_t i : leads) {
        const Lead& l = s.leads.rows[i];
        a.push_back({{"id", l.id},
                     {"account_id", l.account_id},
                     {"account", name_or_empty(s.accounts, l.account_id)},
                     {"product_category", l.product_category},
                     {"category", name_or_empty(s.categories, l.product_category)},
                     {"dealer_id", l.dealer_id},
                     {"owner", l.owner},
                     {"owner_name", name_or_empty(s.users, l.owner)},
                     {"state", name_of(l.state)},
                     {"score", l.score},
                     {"created_at", time_or_empty(l.created_at)},
                     {"first_response_at", time_or_empty(l.first_response_at)}});
    }
    return a;
}

std::string export_activities_csv(const Store& s, const RowPositions& activities,
                                  CsvOptions o) {
    CsvWriter w(o);
    w.out.reserve(activities.size() * 120);
    write_header<ActivityCells>(w);
    for (std::uint32_t i : activities) {
        const Activity& a = s.activities.rows[i];
        w.text(a.id);
        w.number(format_iso_utc(a.at));
        w.text(name_of(a.type));
        w.text(a.account_id);
        w.text(name_or_empty(s.accounts, a.account_id));
        w.text(a.contact_id);
        w.text(name_or_empty(s.contacts, a.contact_id));
        w.text(a.product_category);
        w.text(a.campaign_id);
        w.number(format_amount(a.amount));
        w.text(a.author);
        w.text(a.note);
        w.end_row();
    }
    return w.out;
}

json export_activities_json(const Store& s, const RowPositions& activities) {
    json arr = json::array();
    for (std::uint32_t i : activities) {
        const Activity& a = s.activities.rows[i];
        arr.push_back({{"id", a.id},
                       {"at", format_iso_utc(a.at)},
                       {"type", name_of(a.type)},
                       {"account_id", a.account_id},
                       {"account", name_or_empty(s.accounts, a.account_id)},
                       {"contact_id", a.contact_id},
                       {"contact", name_or_empty(s.contacts, a.contact_id)},
                       {"product_category", a.product_category},
                       {"campaign_id", a.campaign_id},
                       {"amount", format_amount(a.amount)},
                       {"author", a.author},
                       {"note", a.note}});
    }
    return arr;
}

std::string export_records_csv(const Store& s, ImportKind k, const RowPositions& rows,
                               CsvOptions o) {
    switch (k) {
        case ImportKind::accounts: return records_csv(s.accounts, rows, o);
        case ImportKind::contacts: return records_csv(s.contacts, rows, o);
        case ImportKind::activities: return records_csv(s.activities, rows, o);
        case ImportKind::leads: return records_csv(s.leads, rows, o);
    }
    return {};
}

json export_records_json(const Store& s, ImportKind k, const RowPositions& rows) {
    switch (k) {
        case ImportKind::accounts: return records_json(s.accounts, rows);
        case ImportKind::contacts: return records_json(s.contacts, rows);
        case ImportKind::activities: return records_json(s.activities, rows);
        case ImportKind::leads: return records_json(s.leads, rows);
    }
    return json::array();
}

std::string json_file_text(const json& j) {
    return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string export_table_csv(const ExportTable& t, CsvOptions o) {
    CsvWriter w(o);
    for (const std::string& h : t.header) w.text(h);
    w.end_row();
    for (const auto& row : t.rows) {
        for (size_t c = 0; c < row.size(); ++c) t.is_numeric(c) ? w.number(row[c]) : w.text(row[c]);
        w.end_row();
    }
    return w.out;
}

json export_table_json(const ExportTable& t) {
    json a = json::array();
    for (const auto& row : t.rows) {
        json o = json::object();
        for (size_t c = 0; c < t.header.size(); ++c)
            o[t.header[c]] = c < row.size() ? row[c] : std::string();
        a.push_back(std::move(o));
    }
    return a;
}

}  // namespace fc
