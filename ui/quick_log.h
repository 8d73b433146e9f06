// Quick log: keyboard-first logging of a call, visit, email or note with its outcome and the
// next step. Opens with the keyboard in the outcome field; Tab moves on, Enter saves, Escape
// cancels. Saving dispatches task.put (the next step, when given) then activity.log: the task
// first because activities cannot be taken back, so a refused task leaves nothing half-done.
#pragma once
#include "app.h"

namespace fc::ui {

const char* log_button_label(LogKind k);  // "Log call", "Log visit", "Log email", "Add note"

void open_quick_log(AppState& app, std::uint32_t account_row, LogKind kind,
                    const Lead* lead = nullptr);
void draw_quick_log(AppState& app);
// Validates and dispatches what the form holds; on success closes it.
MaybeError save_quick_log(AppState& app);

// Local 09:00 `days` days after `now`'s local day: when a booked next step is due.
Time due_at(Time now, int days, int utc_offset_minutes);

}  // namespace fc::ui
