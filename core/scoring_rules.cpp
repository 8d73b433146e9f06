// Field lists of the rule file live here once: to_json writes what from_json reads, and the
// round-trip test holds them to it.
#include "scoring_rules.h"
#include <algorithm>
#include <cctype>
#include "enum_names.h"

namespace fc {
namespace {

constexpr std::array<std::string_view, size_t(BantKey::count_)> bant_names = {
    "budget", "authority", "need", "timeline"};

constexpr double kMaxPoints = 10000;
constexpr double kMaxMultiplier = 100;

void set(ScoringRules& r, ActivityType t, double points, double cap = 0) {
    r.points[size_t(t)] = points;
    r.caps[size_t(t)] = cap;
}

std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
}

Error invalid(const std::string& field, const std::string& what) {
    return Error{"invalid_field", field, field + " " + what};
}

bool safe_key(const std::string& s) {
    return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == ':';
    });
}

// An object of free-form keys (campaign ids, segments, channels) to numbers in [min, max].
MaybeError read_number_map(const json& obj, const std::string& path, double min, double max,
                           std::vector<std::pair<std::string, double>>& out) {
    if (!obj.is_object()) return not_an_object(path);
    std::vector<std::pair<std::string, double>> tmp;
    for (const auto& item : obj.items()) {
        std::string field = join(path, item.key());
        if (!safe_key(item.key()))
            return invalid(field, "is not a valid key (letters, digits and - _ . : only)");
        JsonReader r(obj, path);
        double v = 0;
        r.number(item.key().c_str(), v, true, min, max);
        if (r.failed()) return r.finish();
        tmp.emplace_back(item.key(), v);
    }
    out = std::move(tmp);
    return std::nullopt;
}

// Reads one number per activity type from an object keyed by type name; absent types keep 0.
// JsonReader turns a misspelt type into an unknown_field error.
MaybeError read_per_type(const json& obj, const std::string& path, double min, double max,
                         std::array<double, kActivityTypeCount>& out) {
    JsonReader r(obj, path);
    std::array<double, kActivityTypeCount> tmp{};
    for (size_t t = 0; t < kActivityTypeCount; ++t)
        r.number(name_of(ActivityType(t)).data(), tmp[t], false, min, max);  // literals: stay valid
    if (auto e = r.finish()) return e;
    out = tmp;
    return std::nullopt;
}

MaybeError read_channel_points(const json& obj, const std::string& path, ScoringRules& out) {
    if (!obj.is_object()) return not_an_object(path);
    for (const auto& item : obj.items()) {
        auto type = parse_activity_type(item.key());
        std::string field = join(path, item.key());
        if (!type) return Error{"unknown_field", field, field + " is not an activity type"};
        if (auto e = read_number_map(item.value(), field, -kMaxPoints, kMaxPoints,
                                     out.channel_points[size_t(*type)]))
            return e;
    }
    return std::nullopt;
}

MaybeError read_employee_ranges(const json& arr, const std::string& path,
                                std::vector<EmployeeRange>& out) {
    if (!arr.is_array()) return Error{"invalid_type", path, path + " must be an array"};
    std::vector<EmployeeRange> tmp;
    for (size_t i = 0; i < arr.size(); ++i) {
        std::string item = path + "[" + std::to_string(i) + "]";
        EmployeeRange e;
        JsonReader r(arr[i], item);
        r.int32("min", e.min, true, 0, 10000000);
        r.int32("max", e.max, true, 0, 10000000);
        r.number("multiplier", e.multiplier, true, 0, kMaxMultiplier);
        if (auto err = r.finish()) return err;
        if (e.max < e.min) return invalid(item + ".max", "must not be below min");
        if (!tmp.empty() && e.min <= tmp.back().max)
            return invalid(item + ".min", "must be above the previous range's max (" +
                                              std::to_string(tmp.back().max) +
                                              "): ranges are ascending and do not overlap");
        tmp.push_back(e);
    }
    out = std::move(tmp);
    return std::nullopt;
}

// An array of names, each parsed by `parse` into an index of `flags`; duplicates are refused.
template <size_t N, class Parse>
MaybeError read_name_set(const json& arr, const std::string& path, const char* what,
                         Parse parse, std::array<bool, N>& flags) {
    if (!arr.is_array()) return Error{"invalid_type", path, path + " must be an array"};
    std::array<bool, N> tmp{};
    for (size_t i = 0; i < arr.size(); ++i) {
        std::string item = path + "[" + std::to_string(i) + "]";
        if (!arr[i].is_string()) return Error{"invalid_type", item, item + " must be a string"};
        auto v = parse(arr[i].get<std::string>());
        if (!v) return invalid(item, std::string("is not ") + what);
        if (tmp[size_t(*v)]) return invalid(item, "is listed twice");
        tmp[size_t(*v)] = true;
    }
    flags = tmp;
    return std::nullopt;
}

std::optional<BantKey> parse_bant_key(std::string_view s) {
    for (size_t i = 0; i < bant_names.size(); ++i)
        if (bant_names[i] == s) return BantKey(i);
    return std::nullopt;
}

}  // namespace

std::string_view name_of(BantKey k) { return bant_names[size_t(k)]; }

ScoringRules default_scoring_rules() {
    using T = ActivityType;
    ScoringRules r;
    // The buyer's own moves score; our own touches (outbound, quote, note) do not: they are
    // work, not interest. Caps keep a flood of light signals from outweighing one strong one.
    set(r, T::web_form, 30, 60);
    set(r, T::inbound_call, 25, 50);
    set(r, T::inbound_email, 15, 30);
    set(r, T::visit, 20, 40);
    set(r, T::test_drive, 40);
    set(r, T::literature_request, 8, 24);
    set(r, T::seminar, 12, 24);
    set(r, T::quote_request, 35);
    set(r, T::service, 2, 6);
    set(r, T::complaint, -15);
    set(r, T::unsubscribe, -30);
    set(r, T::email_bounce, -10, 20);
    // A chat question is lighter than a filled-in form.
    r.channel_points[size_t(T::web_form)] = {{"chat", 20}};
    r.half_life_days = 30;
    r.authority = {0.8, 1.5, 1.2, 1.0};  // unknown, decision_maker, influencer, user
    r.segment_multipliers = {
        {"private", 1.0}, {"small_fleet", 1.1}, {"fleet", 1.3}, {"trade", 1.2}, {"public", 1.1}};
    r.employee_ranges = {{0, 9, 1.0}, {10, 249, 1.1}, {250, 10000000, 1.2}};
    r.do_not_contact_points = -20;
    r.creation_threshold = 25;
    r.explicit_request[size_t(T::web_form)] = true;
    r.explicit_request[size_t(T::test_drive)] = true;
    r.explicit_request[size_t(T::quote_request)] = true;
    r.hot = 60;
    r.warm = 30;
    // Money, authority and need make a quality lead (seed 003); timeline is nice to know.
    r.bant_required = {true, true, true, false};
    r.response_half_life_hours = 6;
    return r;
}

json to_json(const ScoringRules& r) {
    json points = json::object(), caps = json::object(), channels = json::object();
    for (size_t t = 0; t < kActivityTypeCount; ++t) {
        std::string name(name_of(ActivityType(t)));
        points[name] = r.points[t];
        if (r.caps[t] != 0) caps[name] = r.caps[t];
        if (!r.channel_points[t].empty()) {
            json ch = json::object();
            for (const auto& [c, p] : r.channel_points[t]) ch[c] = p;
            channels[name] = std::move(ch);
        }
    }
    json campaigns = json::object(), segments = json::object(), authority = json::object();
    for (const auto& [id, m] : r.campaign_multipliers) campaigns[id] = m;
    for (const auto& [s, m] : r.segment_multipliers) segments[s] = m;
    for (size_t i = 0; i < kContactRoleCount; ++i)
        authority[std::string(name_of(ContactRole(i)))] = r.authority[i];
    json employees = json::array();
    for (const EmployeeRange& e : r.employee_ranges)
        employees.push_back({{"min", e.min}, {"max", e.max}, {"multiplier", e.multiplier}});
    json explicit_requests = json::array(), required = json::array();
    for (size_t t = 0; t < kActivityTypeCount; ++t)
        if (r.explicit_request[t]) explicit_requests.push_back(name_of(ActivityType(t)));
    for (size_t b = 0; b < r.bant_required.size(); ++b)
        if (r.bant_required[b]) required.push_back(bant_names[b]);
    return {{"version", r.version},
            {"points", std::move(points)},
            {"channel_points", std::move(channels)},
            {"caps", std::move(caps)},
            {"campaign_multipliers", std::move(campaigns)},
            {"decay", {{"half_life_days", r.half_life_days}}},
            {"authority", std::move(authority)},
            {"fit", {{"segments", std::move(segments)}, {"employees", std::move(employees)}}},
            {"do_not_contact_points", r.do_not_contact_points},
            {"creation",
             {{"threshold", r.creation_threshold}, {"explicit_requests", explicit_requests}}},
            {"bands", {{"hot", r.hot}, {"warm", r.warm}}},
            {"qualification", {{"required", required}}},
            {"priority", {{"response_half_life_hours", r.response_half_life_hours}}}};
}

MaybeError from_json(const json& j, ScoringRules& out, const std::string& path) {
    ScoringRules r;
    r.authority.fill(1.0);  // a rule file without an authority section weighs everyone alike
    JsonReader top(j, path);
    std::int64_t version = 0;
    top.integer("version", version, true, 0, INT32_MAX);
    if (!top.failed() && version != 1)
        top.fail("unsupported_version", "version",
                 "is " + std::to_string(version) + "; this build reads version 1");
    MaybeError e;
    auto section = [&](const char* key, bool required, json::value_t type, const char* what,
                       auto&& read) {
        const json* v = top.nested(key, required, type, what);
        if (!v || e) return;
        e = read(*v, top.path_of(key));
    };
    const auto object = json::value_t::object;
    section("points", true, object, "an object", [&](const json& v, const std::string& p) {
        return read_per_type(v, p, -kMaxPoints, kMaxPoints, r.points);
    });
    section("channel_points", false, object, "an object",
            [&](const json& v, const std::string& p) { return read_channel_points(v, p, r); });
    section("caps", false, object, "an object", [&](const json& v, const std::string& p) {
        return read_per_type(v, p, 0, kMaxPoints * 100, r.caps);
    });
    section("campaign_multipliers", false, object, "an object",
            [&](const json& v, const std::string& p) {
                return read_number_map(v, p, 0, kMaxMultiplier, r.campaign_multipliers);
            });
    section("decay", true, object, "an object", [&](const json& v, const std::string& p) {
        JsonReader d(v, p);
        d.number("half_life_days", r.half_life_days, true, 0.01, 3650);
        return d.finish();
    });
    section("authority", false, object, "an object", [&](const json& v, const std::string& p) {
        JsonReader a(v, p);
        for (size_t i = 0; i < kContactRoleCount; ++i)
            a.number(name_of(ContactRole(i)).data(), r.authority[i], false, 0,
                     kMaxMultiplier);
        return a.finish();
    });
    section("fit", false, object, "an object", [&](const json& v, const std::string& p) {
        JsonReader f(v, p);
        MaybeError inner;
        if (const json* s = f.nested("segments", false, object, "an object"))
            inner = read_number_map(*s, f.path_of("segments"), 0, kMaxMultiplier,
                                    r.segment_multipliers);
        if (const json* a = f.nested("employees", false, json::value_t::array, "an array");
            a && !inner)
            inner = read_employee_ranges(*a, f.path_of("employees"), r.employee_ranges);
        if (inner) return inner;
        return f.finish();
    });
    if (!e) top.number("do_not_contact_points", r.do_not_contact_points, false, -kMaxPoints, 0);
    section("creation", true, object, "an object", [&](const json& v, const std::string& p) {
        JsonReader c(v, p);
        c.number("threshold", r.creation_threshold, true, 0.01, kMaxPoints * 100);
        if (const json* x = c.nested("explicit_requests", false, json::value_t::array, "an array"))
            if (auto err = read_name_set(*x, c.path_of("explicit_requests"), "an activity type",
                                         parse_activity_type, r.explicit_request))
                return MaybeError(err);
        return c.finish();
    });
    section("bands", true, object, "an object", [&](const json& v, const std::string& p) {
        JsonReader b(v, p);
        b.number("hot", r.hot, true, -kMaxPoints * 100, kMaxPoints * 100);
        b.number("warm", r.warm, true, -kMaxPoints * 100, kMaxPoints * 100);
        if (!b.failed() && r.hot <= r.warm)
            b.fail("invalid_field", "hot",
                   "must be above bands.warm (" + json(r.warm).dump() + ")");
        return b.finish();
    });
    section("qualification", false, object, "an object",
            [&](const json& v, const std::string& p) {
                JsonReader q(v, p);
                if (const json* x = q.nested("required", false, json::value_t::array, "an array"))
                    if (auto err = read_name_set(*x, q.path_of("required"),
                                                 "one of budget, authority, need, timeline",
                                                 parse_bant_key, r.bant_required))
                        return MaybeError(err);
                return q.finish();
            });
    section("priority", false, object, "an object", [&](const json& v, const std::string& p) {
        JsonReader q(v, p);
        q.number("response_half_life_hours", r.response_half_life_hours, true, 0.01, 24 * 365);
        return q.finish();
    });
    if (e) return e;
    if (auto err = top.finish()) return err;
    r.version = int(version);
    out = std::move(r);
    return std::nullopt;
}

}  // namespace fc
