// Rules: the scoring weights, SLA times and follow-up rules that central marketing owns
// (PRODUCT.md), edited as drafts. Core validates each draft (from_json names the offending path,
// shown under that field), core's lead engine previews the inbox order the draft would give
// without touching the store, and Apply sends one command per changed part: scoring_rules.put,
// sla_policy.put, follow_up_rules.put. Everyone else sees the rules read-only, with the reason.
#include <imgui.h>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include "dispatch.h"
#include "enum_names.h"
#include "follow_up_rules.h"
#include "format.h"
#include "item_registry.h"
#include "labels.h"
#include "lead_names.h"
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace fc::ui {
namespace {

constexpr const char* kForm = "rules";
constexpr size_t kPreviewRows = 12;
constexpr const char* kBandKeys[3] = {"hot", "warm", "cold"};
constexpr const char* kBandLabels[3] = {"Hot", "Warm", "Cold"};
constexpr ImU32 kBandColors[3] = {colors::hot, colors::warm, colors::cold};

// Central marketing owns the rules; managers and reps read them.
bool may_edit_rules(const AppState& app, std::string& why) {
    const User* u = app.store.users.find(app.user_id);
    if (u && (u->role == "central" || u->role == "system")) return true;
    why = "Read-only: central marketing owns the scoring, SLA and follow-up rules. You are "
          "signed in as " + (u ? u->name + " (" + u->role + ")" : std::string("nobody")) + ".";
    return false;
}

json follow_ups_in_force(const Store& s) {
    return s.follow_up_rules.is_null() ? default_follow_up_rules_json() : s.follow_up_rules;
}

void copy_titles(RulesEditorState& st) {
    const json& rules = st.follow_ups["rules"];
    st.titles.assign(rules.size(), {});
    for (size_t i = 0; i < rules.size(); ++i) {
        std::string t = rules[i].value("title", "");
        std::snprintf(st.titles[i].data(), st.titles[i].size(), "%s", t.c_str());
    }
}

void take_rules(RulesEditorState& st, const ScoringRules& scoring, const SlaPolicy& sla,
                json follow_ups) {
    st.scoring = scoring;
    st.sla = sla;
    st.follow_ups = std::move(follow_ups);
    copy_titles(st);
    st.loaded = true;
    st.preview_dirty = true;
}

void take_rules_in_force(AppState& app) {
    take_rules(app.rules, app.store.lead_book.rules, app.workflow.sla,
               follow_ups_in_force(app.store));
}

// Core's verdict on each draft; paths are relative to the part ("bands.hot", "rules[1].title").
struct Verdict {
    MaybeError scoring, sla, follow_ups;
    bool scoring_changed = false, sla_changed = false, follow_ups_changed = false;
    bool valid() const { return !scoring && !sla && !follow_ups; }
    bool changed() const { return scoring_changed || sla_changed || follow_ups_changed; }
};

Verdict check_drafts(const AppState& app) {
    const RulesEditorState& st = app.rules;
    Verdict v;
    json scoring = to_json(st.scoring), sla = to_json(st.sla);
    ScoringRules r;
    v.scoring = from_json(scoring, r);
    SlaPolicy p;
    v.sla = from_json(sla, p);
    FollowUpRules f;
    v.follow_ups = from_json(st.follow_ups, f);
    v.scoring_changed = scoring != to_json(app.store.lead_book.rules);
    v.sla_changed = sla != to_json(app.workflow.sla);
    v.follow_ups_changed = st.follow_ups != follow_ups_in_force(app.store);
    return v;
}

void show_error_for(const MaybeError& e, const std::string& path) {
    if (e && e->field == path) field_error_text(e->message.c_str());
}

// A number field named `label` for tests and screen readers, with core's error under it.
bool number_field(const char* label, double& value, const MaybeError& e, const std::string& path,
                  float width, const char* format = "%.2f") {
    ImGui::SetNextItemWidth(width);
    std::string id = "##" + path;
    bool changed = ImGui::InputDouble(id.c_str(), &value, 0, 0, format);
    label_last_item(label, "field");
    show_error_for(e, path);
    return changed;
}

bool int_field(const char* label, int& value, const MaybeError& e, const std::string& path,
               float width) {
    ImGui::SetNextItemWidth(width);
    std::string id = "##" + path;
    bool changed = ImGui::InputInt(id.c_str(), &value, 0, 0);
    label_last_item(label, "field");
    show_error_for(e, path);
    return changed;
}

void row_label(const char* text, const char* hint = nullptr) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text);
    if (hint && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", hint);
    ImGui::TableSetColumnIndex(1);
}

constexpr ImGuiTableFlags kFormTable = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                       ImGuiTableFlags_SizingStretchProp;

void draw_scoring_tab(RulesEditorState& st, const Verdict& v) {
    bool changed = false;
    ImGui::SeparatorText("Bands and thresholds");
    if (ImGui::BeginTable("score_bands", 2, kFormTable)) {
        ImGui::TableSetupColumn("Setting", ImGuiTableColumnFlags_WidthStretch, 3);
        ImGui::TableSetupColumn("Value", ImGuiTableColumnFlags_WidthStretch, 2);
        row_label("Hot from score");
        changed |= number_field("Hot from score", st.scoring.hot, v.scoring, "bands.hot", chars(10));
        row_label("Warm from score");
        changed |= number_field("Warm from score", st.scoring.warm, v.scoring, "bands.warm", chars(10));
        row_label("A lead opens at score", "Signals of one account about one product open a "
                                            "lead when their points reach this.");
        changed |= number_field("A lead opens at score", st.scoring.creation_threshold, v.scoring,
                                "creation.threshold", chars(10));
        row_label("Points halve every (days)");
        changed |= number_field("Points halve every (days)", st.scoring.half_life_days, v.scoring,
                                "decay.half_life_days", chars(10), "%.1f");
        ImGui::EndTable();
    }
    ImGui::SeparatorText("Points per activity");
    ImGui::TextDisabled("What one activity adds to its lead; negative for signals against buying. "
                        "\"Most per lead\" caps a type (0: no cap).");
    if (ImGui::BeginTable("points", 3, kFormTable)) {
        ImGui::TableSetupColumn("Activity", ImGuiTableColumnFlags_WidthStretch, 3);
        ImGui::TableSetupColumn("Points", ImGuiTableColumnFlags_WidthStretch, 2);
        ImGui::TableSetupColumn("Most per lead", ImGuiTableColumnFlags_WidthStretch, 2);
        ImGui::TableHeadersRow();
        for (size_t t = 0; t < kActivityTypeCount; ++t) {
            const char* name = label_of(ActivityType(t));
            std::string key(name_of(ActivityType(t)));
            row_label(name);
            std::string points_label = std::string(name) + " points";
            changed |= number_field(points_label.c_str(), st.scoring.points[t], v.scoring,
                                    "points." + key, chars(10), "%.1f");
            ImGui::TableSetColumnIndex(2);
            std::string cap_label = std::string(name) + " most per lead";
            changed |= number_field(cap_label.c_str(), st.scoring.caps[t], v.scoring,
                                    "caps." + key, chars(10), "%.1f");
        }
        ImGui::EndTable();
    }
    if (changed) st.preview_dirty = true;
}

void draw_sla_tab(RulesEditorState& st, const Verdict& v) {
    ImGui::TextDisabled("How soon a new lead must get its first answer, in the dealer's business "
                        "hours. Past it, the owner's manager is told; later the lead moves on.");
    static const char* const units[] = {"business minutes", "business hours", "business days"};
    static const char* const unit_keys[] = {"business_minutes", "business_hours", "business_days"};
    if (ImGui::BeginTable("sla", 3, kFormTable)) {
        ImGui::TableSetupColumn("Band", ImGuiTableColumnFlags_WidthStretch, 1);
        ImGui::TableSetupColumn("Answer within", ImGuiTableColumnFlags_WidthStretch, 3);
        ImGui::TableSetupColumn("Warn before (minutes)", ImGuiTableColumnFlags_WidthStretch, 2);
        ImGui::TableHeadersRow();
        for (int b = 0; b < 3; ++b) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::AlignTextToFramePadding();
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kBandColors[b]), "%s", kBandLabels[b]);
            ImGui::TableSetColumnIndex(1);
            SlaBudget& budget = st.sla.response[size_t(b)];
            std::string path = std::string(kBandKeys[b]) + "." + unit_keys[int(budget.unit)];
            std::string label = std::string(kBandLabels[b]) + " answer within";
            int_field(label.c_str(), budget.amount, v.sla, path, chars(8));
            ImGui::SameLine();
            ImGui::SetNextItemWidth(chars(16));
            int unit = int(budget.unit);
            std::string combo = std::string("##unit_") + kBandKeys[b];
            if (ImGui::Combo(combo.c_str(), &unit, units, 3)) budget.unit = BudgetUnit(unit);
            std::string unit_label = std::string(kBandLabels[b]) + " time unit";
            label_last_item(unit_label.c_str(), "field");
            ImGui::TableSetColumnIndex(2);
            int warn = int(st.sla.warn_before[size_t(b)] / 60);
            std::string warn_label = std::string(kBandLabels[b]) + " warn before minutes";
            if (int_field(warn_label.c_str(), warn, v.sla,
                          std::string(kBandKeys[b]) + ".warn_before_minutes", chars(8)))
                st.sla.warn_before[size_t(b)] = std::int64_t(warn) * 60;
        }
        ImGui::EndTable();
    }
    if (ImGui::BeginTable("sla_redirect", 2, kFormTable)) {
        ImGui::TableSetupColumn("Setting", ImGuiTableColumnFlags_WidthStretch, 3);
        ImGui::TableSetupColumn("Value", ImGuiTableColumnFlags_WidthStretch, 2);
        row_label("Redirect after (% of the time again)",
                  "After the manager is told, the lead goes to the next person once this share "
                  "of the answer time has passed again.");
        int_field("Redirect after percent", st.sla.redirect_after_percent, v.sla,
                  "redirect_after_percent", chars(8));
        ImGui::EndTable();
    }
}

// "After a purchase (tyres)", "When a deal is lost"...
std::string trigger_text(const json& trigger) {
    std::string on = trigger.value("on", "");
    std::string what;
    if (on == "activity") {
        std::string type = trigger.value("activity_type", "");
        auto parsed = parse_activity_type(type);
        what = "After " + std::string(parsed ? label_of(*parsed) : "any activity");
        if (trigger.contains("product_category"))
            what += " (" + trigger.value("product_category", "") + ")";
        if (trigger.contains("amount_over"))
            what += " over " + format_money(trigger.value("amount_over", Money(0)));
    } else if (on == "lead_state") {
        what = "When a lead becomes " + trigger.value("to_state", "");
    } else if (on == "deal_won") {
        what = "When a deal is won";
    } else if (on == "deal_lost") {
        what = "When a deal is lost";
    } else if (on == "no_contact") {
        what = "After " + std::to_string(trigger.value("days", 0)) + " days without contact";
    }
    return what;
}

// One integer inside the rule document at `keys` (e.g. {"delay", "days"}); 0 when absent.
int doc_int(const json& rule, const char* a, const char* b = nullptr) {
    const json* v = rule.contains(a) ? &rule[a] : nullptr;
    if (v && b) v = v->contains(b) ? &(*v)[b] : nullptr;
    return v && v->is_number_integer() ? v->get<int>() : 0;
}

void draw_follow_ups_tab(RulesEditorState& st, const Verdict& v) {
    ImGui::TextDisabled("Tasks the rules create after purchases, services and lost deals. "
                        "Placeholders in titles: {account} {contact} {category} {amount} {date} "
                        "{occurrence}.");
    json& rules = st.follow_ups["rules"];
    if (rules.empty()) {
        empty_state("No follow-up rules.", "Restore the defaults to start from the standard "
                                           "satisfaction, service and lost-deal calls.");
        return;
    }
    for (size_t i = 0; i < rules.size(); ++i) {
        json& rule = rules[i];
        std::string at = "rules[" + std::to_string(i) + "]";
        std::string id = rule.value("id", "");
        ImGui::PushID(int(i));
        ImGui::SeparatorText(id.c_str());
        ImGui::TextDisabled("%s", trigger_text(rule.value("trigger", json::object())).c_str());
        ImGui::SetNextItemWidth(-FLT_MIN);
        if (ImGui::InputText("##title", st.titles[i].data(), st.titles[i].size()))
            rule["title"] = std::string(st.titles[i].data());
        label_last_item((id + " title").c_str(), "field");
        show_error_for(v.follow_ups, at + ".title");
        if (ImGui::BeginTable("timing", 4, kFormTable)) {
            for (const char* h : {"Delay (days)", "Delay (months)", "Repeat every (months)",
                                  "Skip when late (days)"})
                ImGui::TableSetupColumn(h, ImGuiTableColumnFlags_WidthStretch, 1);
            ImGui::TableHeadersRow();
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            int days = doc_int(rule, "delay", "days"), months = doc_int(rule, "delay", "months");
            if (int_field((id + " delay days").c_str(), days, v.follow_ups, at + ".delay.days",
                          chars(8)))
                rule["delay"]["days"] = days;
            ImGui::TableSetColumnIndex(1);
            if (int_field((id + " delay months").c_str(), months, v.follow_ups,
                          at + ".delay.months", chars(8)))
                rule["delay"]["months"] = months;
            ImGui::TableSetColumnIndex(2);
            int every = doc_int(rule, "recurrence", "every_months");
            if (int_field((id + " repeat every months").c_str(), every, v.follow_ups,
                          at + ".recurrence.every_months", chars(8))) {
                // 0 means "once": no recurrence at all (core reads 1..120 when it is there).
                if (every == 0) rule.erase("recurrence");
                else rule["recurrence"]["every_months"] = every;
            }
            if (every == 0) ImGui::TextDisabled("once");
            ImGui::TableSetColumnIndex(3);
            int late = rule.contains("max_late_days") ? doc_int(rule, "max_late_days") : 30;
            if (int_field((id + " skip when late days").c_str(), late, v.follow_ups,
                          at + ".max_late_days", chars(8)))
                rule["max_late_days"] = late;
            ImGui::EndTable();
        }
        ImGui::PopID();
    }
}

// A small triangle pointing up (moved up the inbox) or down, in the colour of the move.
void move_arrow(bool up, ImU32 color) {
    float h = ImGui::GetTextLineHeight();
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float w = h * 0.6f, top = p.y + h * 0.2f, bottom = p.y + h * 0.8f;
    if (up) dl->AddTriangleFilled(ImVec2(p.x + w / 2, top), ImVec2(p.x + w, bottom), ImVec2(p.x, bottom), color);
    else dl->AddTriangleFilled(ImVec2(p.x, top), ImVec2(p.x + w, top), ImVec2(p.x + w / 2, bottom), color);
    ImGui::Dummy(ImVec2(w, h));
    ImGui::SameLine(0, h * 0.25f);
}

void draw_preview(AppState& app, const Verdict& v) {
    RulesEditorState& st = app.rules;
    ImGui::SeparatorText("Inbox order preview");
    if (v.scoring) {
        ImGui::TextDisabled("Fix the scoring field marked in red to see the new order.");
        return;
    }
    if (st.preview_dirty) {
        st.preview = preview_inbox_order(app.store, st.scoring, kPreviewRows);
        st.preview_dirty = false;
    }
    const InboxPreview& p = st.preview;
    if (p.top.empty()) {
        empty_state("No open leads to preview.",
                    "When leads arrive, this shows how a rule change would reorder them.");
        return;
    }
    ImGui::PushTextWrapPos(0);
    if (!v.scoring_changed)
        ImGui::TextDisabled("Open leads, highest score first, as the inbox lists them. Change a "
                            "weight to see who moves.");
    else {
        char line[160];
        std::snprintf(line, sizeof line, "%zu open leads would change place%s", p.moved,
                      p.new_leads ? "," : ".");
        std::string text = line;
        if (p.new_leads)
            text += " and " + std::to_string(p.new_leads) + " new lead" +
                    (p.new_leads == 1 ? "" : "s") + " would open.";
        published_text(text.c_str());
    }
    ImGui::PopTextWrapPos();
    for (int b = 0; b < 3; ++b) {
        if (b) ImGui::SameLine(0, chars(2));
        char text[64];
        std::snprintf(text, sizeof text, "%s %zu", kBandLabels[b], p.bands_after[size_t(b)]);
        if (p.bands_after[size_t(b)] != p.bands_before[size_t(b)])
            std::snprintf(text, sizeof text, "%s %zu -> %zu", kBandLabels[b],
                          p.bands_before[size_t(b)], p.bands_after[size_t(b)]);
        badge(text, kBandColors[b]);
    }
    ImGui::Spacing();
    constexpr ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                      ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("preview", 4, flags)) return;
    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, chars(3));
    ImGui::TableSetupColumn("Lead", ImGuiTableColumnFlags_WidthStretch, 4);
    ImGui::TableSetupColumn("Score", ImGuiTableColumnFlags_WidthStretch, 2);
    ImGui::TableSetupColumn("Moves", ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableHeadersRow();
    const Store& s = app.store;
    for (size_t i = 0; i < p.top.size(); ++i) {
        const PreviewRow& r = p.top[i];
        const Lead& lead = s.leads.rows[r.lead];
        std::string name = account_name(s, lead.account_id) + " · " +
                           category_name(s, lead.product_category);
        char score[64], moves[32];
        double delta = r.score_after - r.score_before;
        if (std::abs(delta) < 0.05) std::snprintf(score, sizeof score, "%.1f", r.score_after);
        else std::snprintf(score, sizeof score, "%.1f -> %.1f (%+.1f)", r.score_before,
                           r.score_after, delta);
        int move = r.rank_before - r.rank_after;  // positive: up the list
        if (move == 0) std::snprintf(moves, sizeof moves, "=");
        else std::snprintf(moves, sizeof moves, "%s %d", move > 0 ? "up" : "down", std::abs(move));
        std::vector<std::string> cells = {std::to_string(r.rank_after), name, score, moves};
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        std::string id = "##preview" + std::to_string(i);
        ImGui::Selectable(id.c_str(), false, ImGuiSelectableFlags_SpanAllColumns);
        label_last_item(name.c_str(), "row");  // an unnamed item is not published to the page
        describe_last_item_as_row(cells);
        ImGui::SameLine(0, 0);
        ImGui::TextUnformatted(cells[0].c_str());
        ImGui::TableSetColumnIndex(1);
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(name.c_str());
        ImGui::PopTextWrapPos();
        ImGui::TableSetColumnIndex(2);
        ImGui::PushStyleColor(ImGuiCol_Text, score_color(s, r.score_after));
        ImGui::TextUnformatted(score);
        ImGui::PopStyleColor();
        ImGui::TableSetColumnIndex(3);
        if (move == 0) {
            ImGui::TextDisabled("=");
        } else {
            ImU32 c = move > 0 ? colors::ok : colors::error;
            move_arrow(move > 0, c);
            ImGui::PushStyleColor(ImGuiCol_Text, c);
            ImGui::Text("%d", std::abs(move));
            ImGui::PopStyleColor();
        }
    }
    ImGui::EndTable();
}

// Sends one command per changed part; stops at the first refusal (shown by the form).
void apply_drafts(AppState& app, const Verdict& v) {
    RulesEditorState& st = app.rules;
    std::string parts;
    auto send = [&](const char* kind, json payload, const char* what) {
        if (dispatch(app, make_command(kind, std::move(payload)), kForm)) return false;
        parts += (parts.empty() ? "" : ", ") + std::string(what);
        return true;
    };
    if (v.scoring_changed && !send("scoring_rules.put", to_json(st.scoring), "scoring")) return;
    if (v.sla_changed && !send("sla_policy.put", to_json(st.sla), "SLA times")) return;
    if (v.follow_ups_changed && !send("follow_up_rules.put", st.follow_ups, "follow-up rules"))
        return;
    take_rules_in_force(app);
    st.applied_message = "Applied: " + parts + ". Every lead uses them from now on.";
}

void draw_actions(AppState& app, const Verdict& v, bool may_edit) {
    RulesEditorState& st = app.rules;
    ImGui::BeginDisabled(!may_edit || !v.valid() || !v.changed());
    if (ImGui::Button("Apply rules")) apply_drafts(app, v);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!v.changed());
    if (ImGui::Button("Discard changes")) {
        take_rules_in_force(app);
        clear_form_error(app, kForm);
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!may_edit);
    if (ImGui::Button("Restore defaults")) {
        take_rules(st, default_scoring_rules(), SlaPolicy{}, default_follow_up_rules_json());
        st.applied_message.clear();
    }
    ImGui::EndDisabled();
    ImGui::SameLine(0, chars(2));
    ImGui::AlignTextToFramePadding();
    if (!v.valid()) {
        ImGui::PushStyleColor(ImGuiCol_Text, colors::error);
        published_text("Fix the fields marked in red to apply.");
        ImGui::PopStyleColor();
    } else if (v.changed()) {
        ImGui::PushStyleColor(ImGuiCol_Text, colors::pending);
        published_text("Changes not applied yet.");
        ImGui::PopStyleColor();
    } else if (!st.applied_message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, colors::ok);
        published_text(st.applied_message.c_str());
        ImGui::PopStyleColor();
    }
    if (const Error* e = form_error(app, kForm)) field_error_text(e->message.c_str());
}

}  // namespace

void draw_rules_screen(AppState& app) {
    screen_title("Rules", "How leads are scored, how fast they must be answered, and which "
                          "follow-ups are booked. Changes apply to every lead at once.");
    if (!app.rules.loaded) take_rules_in_force(app);
    std::string why;
    bool may_edit = may_edit_rules(app, why);
    if (!may_edit) badge(why.c_str(), colors::muted);
    Verdict v = check_drafts(app);
    draw_actions(app, v, may_edit);
    ImGui::Spacing();

    float gap = ImGui::GetStyle().ItemSpacing.x * 2;
    float editor_w = (ImGui::GetContentRegionAvail().x - gap) * 0.56f;
    if (ImGui::BeginChild("rules_editor", ImVec2(editor_w, 0))) {
        if (ImGui::BeginTabBar("rule_kinds")) {
            auto tab = [&](const char* label, RulesTab t, bool has_error, bool changed) {
                std::string text = std::string(label) + (has_error ? " (!)" : changed ? " *" : "");
                text += std::string("###") + label;
                if (has_error) ImGui::PushStyleColor(ImGuiCol_Text, colors::error);
                bool open = ImGui::BeginTabItem(text.c_str());
                label_last_item(label);  // found by its name whatever its marker
                if (has_error) ImGui::PopStyleColor();
                if (open) app.rules.tab = t;
                return open;
            };
            if (tab("Scoring", RulesTab::scoring, bool(v.scoring), v.scoring_changed)) {
                ImGui::BeginDisabled(!may_edit);
                draw_scoring_tab(app.rules, v);
                ImGui::EndDisabled();
                ImGui::EndTabItem();
            }
            if (tab("SLA times", RulesTab::sla, bool(v.sla), v.sla_changed)) {
                ImGui::BeginDisabled(!may_edit);
                draw_sla_tab(app.rules, v);
                ImGui::EndDisabled();
                ImGui::EndTabItem();
            }
            if (tab("Follow-ups", RulesTab::follow_ups, bool(v.follow_ups), v.follow_ups_changed)) {
                ImGui::BeginDisabled(!may_edit);
                draw_follow_ups_tab(app.rules, v);
                ImGui::EndDisabled();
                ImGui::EndTabItem();
            }
            ImGui::EndTabBar();
        }
    }
    ImGui::EndChild();
    ImGui::SameLine(0, gap);
    if (ImGui::BeginChild("rules_preview", ImVec2(0, 0))) draw_preview(app, v);
    ImGui::EndChild();
}

}  // namespace fc::ui
