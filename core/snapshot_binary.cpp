#include "snapshot_binary.h"
#include <cstring>
#include <vector>
#include "binary_fields.h"
#include "json_reader.h"
#include "scoring_rules.h"
#include "snapshot_tables.h"

namespace fc {
using namespace snapshot_detail;
using namespace binary_detail;
namespace {

constexpr std::string_view kMagic("FCSNAP1\n", 8);

template <class T>
void write_section(Bytes& out, const char* name, const Table<T>& t) {
    Bytes body;
    FieldWriter w{body};
    for (const T& r : t.rows) fields(w, r);
    out.str(name);
    out.str(field_list<T>());
    out.varint(t.rows.size());
    out.str(body.out);
}

struct Section {
    std::string_view name, field_list, body;
    std::uint64_t count = 0;
};

Error format_error(const std::string& field, const std::string& message) {
    return Error{"invalid_format", field, message};
}

// Reads the framing: every section's name, field list, count and body, checked against this
// build's tables before any record is read.
MaybeError read_sections(std::string_view bytes, std::vector<Section>& out) {
    if (!is_binary_snapshot(bytes))
        return format_error("", "the data is not a Forecourt binary snapshot");
    Cursor in(bytes.substr(kMagic.size()));
    std::uint64_t n = in.varint();
    if (!in.ok || n > 64) return format_error("", "the snapshot's section count is damaged");
    const Store empty;
    for (std::uint64_t i = 0; i < n; ++i) {
        Section s;
        s.name = in.str();
        s.field_list = in.str();
        s.count = in.varint();
        s.body = in.str();
        if (!in.ok)
            return Error{"truncated", std::string(s.name),
                         "the snapshot is cut short: it ends inside section " + std::to_string(i + 1)};
        std::string name(s.name);
        for (const Section& seen : out)
            if (seen.name == s.name) return format_error(name, name + " appears twice");
        if (is_rule_document(name)) {
            if (s.field_list != "json") return format_error(name, name + " is not JSON text");
        } else if (!is_table_name(name)) {
            return Error{"unknown_field", name, name + " is not a known table"};
        }
        MaybeError wrong_fields;
        for_each_table(empty, [&](const char* table, const auto& t) {
            using T = typename std::decay_t<decltype(t.rows)>::value_type;
            if (name == table && s.field_list != field_list<T>())
                wrong_fields = format_error(name, name + " has the fields (" + std::string(s.field_list) +
                                                      ") but this app reads (" + field_list<T>() + ")");
        });
        if (wrong_fields) return wrong_fields;
        // Every record takes at least one byte: a larger count is damage, not a reason to
        // reserve gigabytes.
        if (s.count > s.body.size())
            return format_error(name, name + " claims more records than its bytes can hold");
        out.push_back(s);
    }
    if (!in.at_end()) return format_error("", "the snapshot has bytes after its last section");
    return std::nullopt;
}

// The sections as snapshot_tables.h reads a document.
struct BinaryDoc {
    std::vector<Section> sections;

    const Section* find(std::string_view name) const {
        for (const Section& s : sections)
            if (s.name == name) return &s;
        return nullptr;
    }
    bool has(const char* name) const { return find(name) != nullptr; }
    template <class T>
    MaybeError read(const char* name, Store& s, Table<T>& t) const {
        const Section& sec = *find(name);
        t.reserve(t.size() + size_t(sec.count));
        FieldReader r(sec.body);
        for (size_t i = 0; i < sec.count; ++i) {
            T record{};
            r.begin_record(name, i);
            fields(r, record);
            if (r.error()) return r.error();
            if (auto e = put_checked(s, t, std::move(record), name, i)) return e;
        }
        if (!r.at_end())
            return format_error(name, std::string(name) + " has bytes after its last record");
        return std::nullopt;
    }
    MaybeError read_json(const char* name, json& out) const {
        const Section& sec = *find(name);
        out = json::parse(sec.body.begin(), sec.body.end(), nullptr, false);
        if (out.is_discarded()) return format_error(name, std::string(name) + " is not valid JSON");
        return std::nullopt;
    }
};

MaybeError parse(std::string_view bytes, BinaryDoc& doc) { return read_sections(bytes, doc.sections); }

}  // namespace

std::string snapshot_tables_to_binary(const Store& s, std::initializer_list<const char*> tables) {
    auto wanted = [&](std::string_view name) {
        for (const char* t : tables)
            if (name == t) return true;
        return false;
    };
    std::vector<std::pair<const char*, json>> documents;
    for (const char* name : {kRulesKey, kSlaKey, kFollowUpsKey})
        if (json d = wanted(name) ? rule_document(s, name) : json(); !d.is_null())
            documents.emplace_back(name, std::move(d));
    Bytes out;
    out.out.append(kMagic.data(), kMagic.size());
    std::uint64_t n = documents.size();
    for_each_table(s, [&](const char* name, const auto&) { n += wanted(name); });
    out.varint(n);
    for_each_table(s, [&](const char* name, const auto& table) {
        if (wanted(name)) write_section(out, name, table);
    });
    for (const auto& [name, d] : documents) {
        out.str(name);
        out.str("json");
        out.varint(1);
        out.str(d.dump());
    }
    return std::move(out.out);
}

std::string snapshot_to_binary(const Store& s) {
    return snapshot_tables_to_binary(s, {"dealers", "users", "categories", "campaigns", "accounts",
                                         "contacts", "activities", "leads", "tasks", "deals",
                                         "lead_events", kRulesKey, kSlaKey, kFollowUpsKey});
}

bool is_binary_snapshot(std::string_view bytes) {
    return bytes.substr(0, kMagic.size()) == kMagic;
}

bool binary_snapshot_has(std::string_view bytes, const char* table) {
    BinaryDoc doc;
    return !parse(bytes, doc) && doc.has(table);
}

MaybeError load_snapshot_binary(std::string_view bytes, Store& out) {
    BinaryDoc doc;
    if (auto e = parse(bytes, doc)) return e;
    return load_tables(doc, out);
}

MaybeError add_snapshot_tables_binary(std::string_view bytes, Store& store) {
    BinaryDoc doc;
    if (auto e = parse(bytes, doc)) return e;
    return add_tables(doc, store);
}

}  // namespace fc
