// The one app of this WASM instance (defined in main.cpp), for the other C API files.
#pragma once
#include "app.h"

namespace fc::web {
ui::AppState& app_state();
}
