#include "record_table.h"
#include "record_json.h"

namespace fc {
namespace {

template <class T>
std::optional<json> find_in(const Table<T>& t, const Id& id) {
    const T* r = t.find(id);
    if (!r) return std::nullopt;
    return to_json(*r);
}

template <class T>
MaybeError put_in(Table<T>& t, const json& j) {
    T r;
    if (auto e = from_json(j, r)) return e;
    t.put(std::move(r));
    return std::nullopt;
}

// One dispatch on the name, shared by every operation: `f` gets the matching table.
template <class S, class F>
auto with_table(S& s, const std::string& table, F f) -> decltype(f(s.accounts)) {
    if (table == "accounts") return f(s.accounts);
    if (table == "contacts") return f(s.contacts);
    if (table == "activities") return f(s.activities);
    if (table == "leads") return f(s.leads);
    if (table == "tasks") return f(s.tasks);
    if (table == "dealers") return f(s.dealers);
    if (table == "users") return f(s.users);
    if (table == "categories") return f(s.categories);
    if (table == "campaigns") return f(s.campaigns);
    return {};
}

}  // namespace

bool is_record_table(const std::string& table) {
    static const char* kTables[] = {"accounts", "contacts", "activities", "leads",     "tasks",
                                    "dealers",  "users",    "categories", "campaigns"};
    for (const char* t : kTables)
        if (table == t) return true;
    return false;
}

std::optional<json> find_record_json(const Store& s, const std::string& table, const Id& id) {
    return with_table(s, table, [&](const auto& t) { return find_in(t, id); });
}

MaybeError put_record_unchecked(Store& s, const std::string& table, const json& record) {
    if (!is_record_table(table))
        return Error{"unknown_table", "", "\"" + table + "\" is not a record table"};
    return with_table(s, table, [&](auto& t) -> MaybeError { return put_in(t, record); });
}

}  // namespace fc
