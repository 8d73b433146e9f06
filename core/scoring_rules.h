// Lead scoring rules as data: what marketing and sales managers agree a signal is worth. They
// travel as versioned JSON ("version": 1), are validated field by field (the error names the
// offending path, e.g. "points.test_drive" or "bands.hot"), and default_scoring_rules() gives a
// sensible starting point. The engine compiles them into flat tables (lead_scoring.h).
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>
#include "error.h"
#include "json_reader.h"
#include "records.h"

namespace fc {

constexpr size_t kActivityTypeCount = size_t(ActivityType::count_);
constexpr size_t kContactRoleCount = size_t(ContactRole::count_);

// The BANT items, in the order they are stored and named on the wire.
enum class BantKey : std::uint8_t { budget, authority, need, timeline, count_ };

struct EmployeeRange {
    std::int32_t min = 0;   // inclusive
    std::int32_t max = 0;   // inclusive
    double multiplier = 1;
};

struct ScoringRules {
    int version = 1;
    // Points per activity type; negative for signals against buying (complaint, unsubscribe...).
    std::array<double, kActivityTypeCount> points{};
    // Overrides of `points` for a type arriving through a channel: (channel, points).
    std::array<std::vector<std::pair<std::string, double>>, kActivityTypeCount> channel_points;
    // Most (in absolute value) a type may add to one lead after decay; 0 means no cap. Ten
    // brochure downloads are not a test drive.
    std::array<double, kActivityTypeCount> caps{};
    std::vector<std::pair<Id, double>> campaign_multipliers;  // (campaign id, multiplier)
    double half_life_days = 30;                               // recency decay of activity points
    std::array<double, kContactRoleCount> authority{};        // by the contact's role
    std::vector<std::pair<std::string, double>> segment_multipliers;  // account fit by segment
    std::vector<EmployeeRange> employee_ranges;                       // account fit by size
    double do_not_contact_points = 0;  // once per do-not-contact contact active on the lead
    double creation_threshold = 25;    // a lead opens when the aggregate reaches this
    std::array<bool, kActivityTypeCount> explicit_request{};  // opens a lead at once
    double hot = 60;                   // score >= hot: hot band
    double warm = 30;                  // score >= warm: warm band; below: cold
    std::array<bool, size_t(BantKey::count_)> bant_required{};  // to mark a lead qualified
    double response_half_life_hours = 6;  // freshness of an unanswered lead halves this often
};

ScoringRules default_scoring_rules();

std::string_view name_of(BantKey k);

json to_json(const ScoringRules& r);
// Reads and validates a whole rule set; `out` is written only when it is entirely valid.
MaybeError from_json(const json& j, ScoringRules& out, const std::string& path = "");

}  // namespace fc
