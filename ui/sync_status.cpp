#include "sync_status.h"
#include <imgui.h>
#include <cstdio>
#include "format.h"
#include "item_registry.h"
#include "theme.h"

namespace fc::ui {

const char* sync_state_word(const SyncState& s) {
    if (!s.online) return "Offline";  // first: a sync attempt while offline is only waiting
    if (s.in_progress || s.syncing) return "Syncing";
    if (!s.error.empty()) return "Sync error";
    return "Online";
}

std::string last_synced_text(const SyncState& s, Time now, int utc_offset_minutes) {
    if (s.last_synced == 0) return "Never synced";
    std::string when = format_local_clock(s.last_synced, utc_offset_minutes);
    if (now - s.last_synced < 60) return "Last synced " + when + " (just now)";
    return "Last synced " + when + " (" + format_age(s.last_synced, now) + " ago)";
}

std::string waiting_text(int waiting) {
    if (waiting <= 0) return "No changes waiting to sync";
    return std::to_string(waiting) + (waiting == 1 ? " change" : " changes") + " waiting to sync";
}

std::string refused_key(const RefusedCommand& r) {
    return r.client_id + "#" + std::to_string(r.seq);
}

namespace {

void colored_text(const std::string& text, ImU32 color) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    published_text(text.c_str());
    ImGui::PopStyleColor();
}

void gap() { ImGui::SameLine(0, ImGui::GetFontSize() * 1.5f); }

void draw_progress(const SyncState& s) {
    char overlay[128];
    std::snprintf(overlay, sizeof overlay, "%s: %lld records", s.progress_label.c_str(),
                  static_cast<long long>(s.progress_records));
    float fraction = s.progress_total > 0
                         ? float(double(s.progress_records) / double(s.progress_total))
                         : -1.0f * float(ImGui::GetTime());  // unknown total: an indeterminate bar
    ImGui::ProgressBar(fraction > 1 ? 1 : fraction, ImVec2(ImGui::GetFontSize() * 8, 0), "");
    ImGui::SameLine();
    published_text(overlay);
}

}  // namespace

void draw_sync_status(AppState& app) {
    SyncState& s = app.sync;
    // The refused change comes first: the state word, the count and the clock after it change
    // width while a sync runs, and a Dismiss drawn after them would move under the pointer.
    if (!s.refused.empty()) {
        const RefusedCommand& r = s.refused.front();
        colored_text("Not saved by the server: " + r.kind + ": " + r.error.message, colors::error);
        ImGui::SameLine();
        if (ImGui::SmallButton("Dismiss")) {
            s.dismissed_keys.push_back(refused_key(r));
            s.dismissed.push_back(r);
            s.refused.erase(s.refused.begin());
        }
        gap();
    }
    const char* word = sync_state_word(s);
    ImU32 word_color = !s.error.empty() ? colors::error : !s.online ? colors::pending : colors::ok;
    colored_text(std::string("Sync: ") + word, word_color);
    gap();
    if (s.in_progress) {
        draw_progress(s);
        gap();
    }
    colored_text(waiting_text(s.waiting), s.waiting ? colors::pending : colors::ok);
    gap();
    colored_text(last_synced_text(s, app.now, app.utc_offset_minutes), colors::muted);
    if (!s.error.empty()) {
        gap();
        std::string error = s.error;
        if (s.retry_at > app.now) error += " (retrying in " + std::to_string(s.retry_at - app.now) + " s)";
        colored_text(error, colors::error);
    }
    gap();
    if (ImGui::SmallButton("Sync now")) s.sync_requested = true;
}

}  // namespace fc::ui
