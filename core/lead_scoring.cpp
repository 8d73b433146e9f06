#include "lead_scoring.h"
#include <algorithm>
#include <cmath>

namespace fc {

static_assert(kActivityTypeCount <= 32, "per-type bitmasks are 32 bits");

CompiledRules compile_rules(const ScoringRules& r, const LeadBook& book, const Store& store) {
    CompiledRules c;
    c.channels = book.channels.size();
    c.points.assign(kActivityTypeCount * c.channels, 0);
    for (size_t t = 0; t < kActivityTypeCount; ++t) {
        for (size_t ch = 0; ch < c.channels; ++ch) c.points[t * c.channels + ch] = r.points[t];
        for (const auto& [name, pts] : r.channel_points[t]) {
            auto it = std::find(book.channels.begin(), book.channels.end(), name);
            if (it != book.channels.end())
                c.points[t * c.channels + size_t(it - book.channels.begin())] = pts;
        }
        c.cap[t] = r.caps[t] > 0 ? r.caps[t] : std::numeric_limits<double>::infinity();
        c.explicit_request[t] = r.explicit_request[t];
    }
    c.campaign.assign(store.campaigns.size() + 1, 1.0);
    for (const auto& [id, m] : r.campaign_multipliers) {
        std::uint32_t row = store.campaigns.row_of(id);
        if (row != kNoRow) c.campaign[row + 1] = m;
    }
    c.authority = r.authority;
    c.segment.assign(book.segments.size(), 1.0);
    for (const auto& [name, m] : r.segment_multipliers) {
        auto it = std::find(book.segments.begin(), book.segments.end(), name);
        if (it != book.segments.end()) c.segment[size_t(it - book.segments.begin())] = m;
    }
    c.employees = r.employee_ranges;
    c.do_not_contact_points = r.do_not_contact_points;
    c.per_second = 1.0 / (r.half_life_days * 86400.0);
    c.threshold = r.creation_threshold;
    return c;
}

double decay_factor(const CompiledRules& c, Time age_seconds) {
    // Activities stamped after the scoring clock (clock skew, a clock not yet advanced) count
    // in full rather than more than in full.
    if (age_seconds <= 0) return 1.0;
    return std::exp2(-double(age_seconds) * c.per_second);
}

double account_fit(const CompiledRules& c, const LeadBook& book, std::uint32_t account) {
    double fit = c.segment[book.account_segment[account]];
    std::int32_t employees = book.account_employees[account];
    for (const EmployeeRange& e : c.employees)
        if (employees >= e.min && employees <= e.max) return fit * e.multiplier;
    return fit;
}

double score_window(const CompiledRules& c, const LeadBook& book, const Bucket& b, size_t begin,
                    size_t end, Time now, ScoreScratch& scratch,
                    std::vector<Contribution>* explain) {
    const double fit = account_fit(c, book, b.account);
    // Per-type totals only for the types present (a bitmask): a window holds a handful of
    // types, and this runs for every open lead of the book.
    std::array<double, kActivityTypeCount> total;
    std::uint32_t present = 0;
    if (scratch.raw.size() < end - begin) scratch.raw.resize(end - begin);
    double* raw = scratch.raw.data() - begin;
    scratch.dnc_contacts.clear();
    for (size_t i = begin; i < end; ++i) {
        const Signal& s = b.signals[i];
        const size_t t = size_t(s.type);
        double base = c.points[t * c.channels + s.channel];
        double r = 0;
        if (base != 0) {  // most of our own touches score nothing: skip their exp2
            std::uint8_t role = s.contact == kNoRow ? 0 : book.contact_role[s.contact];
            r = base * c.campaign[s.campaign] * c.authority[role] * fit *
                decay_factor(c, now - s.at);
        }
        raw[i] = r;
        if (!(present >> t & 1)) {
            present |= 1u << t;
            total[t] = 0;
        }
        total[t] += r;
        if (s.contact != kNoRow && book.contact_dnc[s.contact] &&
            std::find(scratch.dnc_contacts.begin(), scratch.dnc_contacts.end(), s.contact) ==
                scratch.dnc_contacts.end())
            scratch.dnc_contacts.push_back(s.contact);
    }
    std::array<double, kActivityTypeCount> scale;
    for (std::uint32_t m = present; m; m &= m - 1) {
        size_t t = size_t(__builtin_ctz(m));
        scale[t] = std::abs(total[t]) > c.cap[t] ? c.cap[t] / std::abs(total[t]) : 1.0;
    }

    double score = 0;
    for (size_t i = begin; i < end; ++i) {
        const Signal& s = b.signals[i];
        double points = raw[i] * scale[size_t(s.type)];
        score += points;
        if (!explain) continue;
        Contribution k;
        k.activity_row = s.row;
        k.base = c.points[size_t(s.type) * c.channels + s.channel];
        k.decay = decay_factor(c, now - s.at);
        k.campaign = c.campaign[s.campaign];
        k.authority = c.authority[s.contact == kNoRow ? 0 : book.contact_role[s.contact]];
        k.fit = fit;
        k.capped = scale[size_t(s.type)] != 1.0;
        k.cap_scale = scale[size_t(s.type)];
        k.points = points;
        explain->push_back(k);
    }
    for (std::uint32_t contact : scratch.dnc_contacts) {
        score += c.do_not_contact_points;
        if (!explain) continue;
        Contribution k;
        k.do_not_contact = true;
        for (size_t i = begin; i < end && k.activity_row == kNoRow; ++i)
            if (b.signals[i].contact == contact) k.activity_row = b.signals[i].row;
        k.base = c.do_not_contact_points;
        k.points = c.do_not_contact_points;
        explain->push_back(k);
    }
    return score;
}

Time first_crossing(const CompiledRules& c, const LeadBook& book, const Bucket& b, size_t begin,
                    size_t end, Time before) {
    const double fit = account_fit(c, book, b.account);
    auto positive_points = [&](const Signal& s) {
        double base = c.points[size_t(s.type) * c.channels + s.channel];
        if (base <= 0) return 0.0;
        std::uint8_t role = s.contact == kNoRow ? 0 : book.contact_role[s.contact];
        return base * c.campaign[s.campaign] * c.authority[role] * fit;
    };
    if (before == kNever) {
        // Without decay the sum can only be larger: most quiet buckets stop here.
        // An explicit request ends the search: the replay below finds it or an earlier crossing.
        std::array<double, kActivityTypeCount> total;
        std::uint32_t present = 0;
        bool explicit_request = false;
        for (size_t i = begin; i < end && !explicit_request; ++i) {
            const size_t t = size_t(b.signals[i].type);
            explicit_request = c.explicit_request[t];
            double p = positive_points(b.signals[i]);
            if (p <= 0) continue;
            if (!(present >> t & 1)) {
                present |= 1u << t;
                total[t] = 0;
            }
            total[t] += p;
        }
        double bound = 0;
        for (std::uint32_t m = present; m; m &= m - 1) {
            size_t t = size_t(__builtin_ctz(m));
            bound += std::min(total[t], c.cap[t]);
        }
        if (!explicit_request && bound < c.threshold) return kNever;
    }

    // The replay keeps each type's total in units of its value at `ref` (the first positive
    // signal), so moving the clock costs one exp2 per signal instead of rescaling every type:
    // the decayed total at time t is total * w with w = 2^(-(t - ref) / half-life).
    std::array<double, kActivityTypeCount> total{};
    std::array<std::uint8_t, kActivityTypeCount> active{};
    size_t n_active = 0;
    Time ref = kNever;
    for (size_t i = begin; i < end; ++i) {
        const Signal& s = b.signals[i];
        if (s.at >= before) return kNever;
        if (c.explicit_request[size_t(s.type)]) return s.at;
        double p = positive_points(s);
        if (p <= 0) continue;
        if (ref == kNever) ref = s.at;
        double w = std::exp2(-double(s.at - ref) * c.per_second);
        if (w < 0x1p-500) {  // rebase before 1/w overflows (years of signals, short half-life)
            for (size_t k = 0; k < n_active; ++k) total[active[k]] *= w;
            ref = s.at;
            w = 1;
        }
        size_t t = size_t(s.type);
        if (total[t] == 0) active[n_active++] = std::uint8_t(t);
        total[t] += p / w;
        double sum = 0;
        for (size_t k = 0; k < n_active; ++k)
            sum += std::min(total[active[k]] * w, c.cap[active[k]]);
        if (sum >= c.threshold) return s.at;
    }
    return kNever;
}

LeadBand band_of(const ScoringRules& r, double score) {
    return score >= r.hot ? LeadBand::hot : score >= r.warm ? LeadBand::warm : LeadBand::cold;
}

std::string_view name_of(LeadBand b) {
    return b == LeadBand::hot ? "hot" : b == LeadBand::warm ? "warm" : "cold";
}

double freshness(const ScoringRules& r, const Lead& l, Time now) {
    Time answered = l.first_response_at != 0 ? l.first_response_at : now;
    double wait = double(std::max<Time>(0, answered - l.created_at));
    return std::exp2(-wait / (r.response_half_life_hours * 3600.0));
}

double priority(const ScoringRules& r, const Lead& l, Time now) {
    return l.score * freshness(r, l, now);
}

}  // namespace fc
