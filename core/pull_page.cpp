#include "pull_page.h"
#include <algorithm>
#include "binary_fields.h"
#include "deal_json.h"
#include "json_text_fields.h"
#include "record_json.h"
#include "record_table.h"
#include "snapshot_tables.h"

namespace fc {
using namespace binary_detail;
namespace {

constexpr std::string_view kMagic("FCPULL1\n", 8);
constexpr std::string_view kIdFields = "id";
constexpr std::string_view kJsonFields = "json";

Error format_error(const std::string& message) { return Error{"invalid_format", "", message}; }

// Calls fn(name, table) with the store table (hence the record type) of a typed table's wire
// name; false for the rule documents and tables this build does not know.
const Store& empty_store() {
    static const Store empty;
    return empty;
}

template <class Fn>
bool with_record_type(std::string_view table, Fn fn) {
    bool found = false;
    snapshot_detail::for_each_table(empty_store(), [&](const char* name, const auto& t) {
        if (!found && table == name) {
            found = true;
            fn(name, t);
        }
    });
    return found;
}

// A change given as JSON (a JSON page's, or a "json" run's record). `path` names the record
// for an error; it is built only then.
template <class Path>
MaybeError put_json_change(std::string_view table, const json& record, bool deleted, PullSink& sink,
                           Path path) {
    if (deleted) {
        auto id = record.find("id");
        if (id == record.end() || !id->is_string())
            return Error{"missing_field", path() + ".id", path() + ".id is missing"};
        return sink.put(std::string(table), PulledTombstone{id->get<std::string>()});
    }
    MaybeError e;
    bool typed = with_record_type(table, [&](const char* name, const auto& t) {
        using T = typename std::decay_t<decltype(t.rows)>::value_type;
        T r;
        // Read again with its path only when it fails: the path is for the message.
        if (from_json(record, r, std::string())) {
            e = from_json(record, r, path());
            return;
        }
        e = sink.put(name, std::move(r));
    });
    if (typed) return e;
    std::string name(table);
    if (is_record_table(name)) return sink.put(name, PulledDocument{record});
    return std::nullopt;  // a table this version does not know: a newer server's; skip it
}

// The page's fields besides its changes (the JSON page itself, or a binary page's tail).
void read_page_fields(const json& page, PulledPage& out) {
    if (auto c = page.find("cursor"); c != page.end() && c->is_string()) out.cursor = *c;
    if (auto m = page.find("has_more"); m != page.end() && m->is_boolean()) out.has_more = *m;
    if (auto c = page.find("client"); c != page.end() && c->is_object())
        if (auto s = c->find("last_seq"); s != c->end() && s->is_number_integer())
            out.last_seq = s->get<std::int64_t>();
    if (auto r = page.find("rejections"); r != page.end() && r->is_array()) out.rejections = *r;
}

MaybeError read_json_page(std::string_view bytes, PullSink& sink, PulledPage& out) {
    json page = json::parse(bytes.begin(), bytes.end(), nullptr, false);
    if (page.is_discarded() || !page.is_object())
        return Error{"invalid_json", "", "the pulled page is not a JSON object"};
    auto changes = page.find("changes");
    if (changes == page.end() || !changes->is_array())
        return Error{"missing_field", "changes", "the pulled page has no changes"};
    for (std::size_t i = 0; i < changes->size(); ++i) {
        const json& change = (*changes)[i];
        auto path = [i] { return "changes[" + std::to_string(i) + "]"; };
        auto table = change.is_object() ? change.find("table") : change.end();
        auto record = change.is_object() ? change.find("record") : change.end();
        if (!change.is_object() || table == change.end() || !table->is_string() ||
            record == change.end() || !record->is_object())
            return Error{"invalid_field", path(), path() + " is not a {table, record} change"};
        auto deleted = change.find("deleted");
        bool gone = deleted != change.end() && deleted->is_boolean() && deleted->get<bool>();
        if (auto e = put_json_change(table->get_ref<const std::string&>(), *record, gone, sink,
                                     [&] { return path() + ".record"; }))
            return e;
    }
    out.changes = changes->size();
    read_page_fields(page, out);
    return std::nullopt;
}

// A run written with another field list than this build's (a page saved by an older version,
// before a field was added) rewritten in this build's: its values in this build's order, a
// field the writer did not have as its default (as a JSON record without it reads). A field
// this build does not know is refused, as JSON refuses an unknown key. A field keeps its kind
// under its name for good (a new kind needs a new name), so the kinds are this build's.
template <class T>
MaybeError rewrite_older_run(const std::string& table, std::string_view writer_fields,
                             std::uint64_t count, std::string_view body, std::string& out) {
    const FieldLayout& layout = field_layout<T>();
    std::vector<size_t> order;  // per writer field, its index in this build's
    for (size_t at = 0; at <= writer_fields.size();) {
        size_t comma = std::min(writer_fields.find(',', at), writer_fields.size());
        std::string_view name = writer_fields.substr(at, comma - at);
        size_t k = 0;
        while (k < layout.names.size() && layout.names[k] != name) ++k;
        if (k == layout.names.size())
            return format_error(table + " has the field " + std::string(name) +
                                ", which this app does not know (it reads " + field_list<T>() + ")");
        order.push_back(k);
        at = comma + 1;
    }
    Cursor in(body);
    std::vector<std::string_view> values(layout.names.size());
    for (std::uint64_t i = 0; i < count; ++i) {
        std::fill(values.begin(), values.end(), std::string_view());
        for (size_t k : order) {
            const unsigned char* from = in.p;
            switch (layout.kinds[k]) {
                case WireKind::string: in.str(); break;
                case WireKind::varint: in.varint(); break;
                case WireKind::f64: in.f64(); break;
                case WireKind::byte: in.u8(); break;
            }
            if (!in.ok)
                return Error{"truncated", table + "[" + std::to_string(i) + "]",
                             table + "[" + std::to_string(i) + "] is cut short"};
            values[k] = std::string_view(reinterpret_cast<const char*>(from), size_t(in.p - from));
        }
        for (size_t k = 0; k < values.size(); ++k)
            out += values[k].empty() ? std::string_view(layout.defaults[k]) : values[k];
    }
    if (!in.at_end()) return format_error(table + " has bytes after its last record");
    return std::nullopt;
}

// One run of a binary page: `count` changes of `table` in `body`.
MaybeError read_run(std::string_view table, bool deleted, std::string_view fields_of_run,
                    std::uint64_t count, std::string_view body, PullSink& sink) {
    const std::string name(table);
    auto path = [&](std::uint64_t i) { return name + "[" + std::to_string(i) + "]"; };
    Cursor in(body);
    if (fields_of_run == kJsonFields) {  // records as their JSON texts: the rule documents
        for (std::uint64_t i = 0; i < count; ++i) {
            std::string_view text = in.str();
            if (!in.ok) return Error{"truncated", path(i), path(i) + " is cut short"};
            json record = json::parse(text.begin(), text.end(), nullptr, false);
            if (!record.is_object())
                return Error{"invalid_json", path(i), path(i) + " is not a JSON object"};
            if (auto e = put_json_change(table, record, deleted, sink, [&] { return path(i); }))
                return e;
        }
    } else if (deleted) {
        if (fields_of_run != kIdFields)
            return format_error(name + " tombstones have the fields (" + std::string(fields_of_run) +
                                ") but this app reads (id)");
        for (std::uint64_t i = 0; i < count; ++i) {
            std::string_view id = in.str();
            if (!in.ok) return Error{"truncated", path(i) + ".id", path(i) + ".id is cut short"};
            if (auto p = check_id(id, true))
                return Error{p->code, path(i) + ".id", path(i) + ".id " + p->message};
            if (auto e = sink.put(name, PulledTombstone{Id(id)})) return e;
        }
    } else {
        MaybeError e;
        bool typed = with_record_type(table, [&](const char* t, const auto& tab) {
            using T = typename std::decay_t<decltype(tab.rows)>::value_type;
            std::string rewritten;
            if (fields_of_run != field_list<T>()) {
                if ((e = rewrite_older_run<T>(name, fields_of_run, count, body, rewritten))) return;
                body = rewritten;
            }
            FieldReader r(body);
            for (std::uint64_t i = 0; i < count && !e; ++i) {
                T record{};
                r.begin_record(t, size_t(i));
                fields(r, record);
                if (r.error()) e = r.error();
                else e = sink.put(t, std::move(record));
            }
            if (!e && !r.at_end()) e = format_error(name + " has bytes after its last record");
        });
        if (!typed) return std::nullopt;  // a table this version does not know: skip it
        if (e) return e;
        return std::nullopt;
    }
    if (!in.at_end()) return format_error(name + " has bytes after its last record");
    return std::nullopt;
}

MaybeError read_binary_page(std::string_view bytes, PullSink& sink, PulledPage& out) {
    Cursor in(bytes.substr(kMagic.size()));
    std::uint64_t runs = in.varint();
    if (!in.ok || runs > bytes.size()) return format_error("the pulled page's run count is damaged");
    for (std::uint64_t i = 0; i < runs; ++i) {
        std::string_view table = in.str();
        std::uint8_t kind = in.u8();
        std::string_view run_fields = in.str();
        std::uint64_t count = in.varint();
        std::string_view body = in.str();
        if (!in.ok)
            return Error{"truncated", "", "the pulled page is cut short: it ends inside run " +
                                              std::to_string(i + 1)};
        if (kind > 1) return format_error("run " + std::to_string(i + 1) + " is of no known kind");
        // Every change takes at least one byte: a larger count is damage.
        if (count > body.size())
            return format_error("run " + std::to_string(i + 1) + " claims more changes than its bytes can hold");
        if (auto e = read_run(table, kind == 1, run_fields, count, body, sink)) return e;
        out.changes += size_t(count);
    }
    std::string_view rest(reinterpret_cast<const char*>(in.p), size_t(in.end - in.p));
    json tail = json::parse(rest.begin(), rest.end(), nullptr, false);
    if (tail.is_discarded() || !tail.is_object())
        return format_error("the pulled page does not end with its cursor as a JSON object");
    read_page_fields(tail, out);
    return std::nullopt;
}

}  // namespace

bool is_binary_pull_page(std::string_view bytes) {
    return bytes.substr(0, kMagic.size()) == kMagic;
}

MaybeError read_pull_page(std::string_view bytes, PullSink& sink, PulledPage& out) {
    return is_binary_pull_page(bytes) ? read_binary_page(bytes, sink, out)
                                      : read_json_page(bytes, sink, out);
}

MaybeError BinaryPullPageWriter::add(std::string_view table, std::string_view record_json,
                                     bool deleted) {
    const std::string name(table);
    auto parsed = [&](json& record) -> MaybeError {
        record = json::parse(record_json.begin(), record_json.end(), nullptr, false);
        if (!record.is_object())
            return Error{"invalid_json", name, "a stored " + name + " record is not a JSON object"};
        return std::nullopt;
    };
    Bytes change;
    std::string_view fields_of_change = kJsonFields;
    MaybeError e;
    if (deleted) {
        json record;
        if ((e = parsed(record))) return e;
        auto id = record.find("id");
        if (id == record.end() || !id->is_string())
            return Error{"missing_field", name + ".id", "a stored " + name + " tombstone has no id"};
        fields_of_change = kIdFields;
        change.str(id->get_ref<const std::string&>());
    } else if (!with_record_type(table, [&](const char*, const auto& t) {
                   using T = typename std::decay_t<decltype(t.rows)>::value_type;
                   T r{};
                   JsonTextFields plain(record_json);
                   fields(plain, r);
                   if (!plain.done()) {  // not plain text: JsonReader reads it, or says why not
                       json record;
                       r = T{};
                       if ((e = parsed(record)) || (e = from_json(record, r, name))) return;
                   }
                   FieldWriter w{change};
                   fields(w, r);
                   fields_of_change = field_list<T>();
               })) {
        json record;  // a rule document: its JSON text, checked to be an object
        if ((e = parsed(record))) return e;
        change.str(record_json);
    }
    if (e) return e;
    if (table != table_ || deleted != deleted_ || fields_of_change != fields_) {
        close_run();
        table_ = name;
        deleted_ = deleted;
        fields_ = std::string(fields_of_change);
    }
    run_ += change.out;
    ++count_;
    return std::nullopt;
}

void BinaryPullPageWriter::close_run() {
    if (table_.empty()) return;
    Bytes b{std::move(out_)};
    b.str(table_);
    b.u8(deleted_ ? 1 : 0);
    b.str(fields_);
    b.varint(count_);
    b.str(run_);
    out_ = std::move(b.out);
    ++runs_;
    table_.clear();
    run_.clear();
    count_ = 0;
}

std::string BinaryPullPageWriter::finish(std::string_view tail) {
    close_run();
    Bytes b;
    b.out.reserve(kMagic.size() + 10 + out_.size() + tail.size());
    b.out.append(kMagic.data(), kMagic.size());
    b.varint(runs_);
    b.out += out_;
    b.out.append(tail.data(), tail.size());
    out_.clear();
    runs_ = 0;
    return std::move(b.out);
}

}  // namespace fc
