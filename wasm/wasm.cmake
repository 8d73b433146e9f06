# WASM targets (emcmake). emcc needs NODE_PATH=/usr/share/nodejs on this machine (see
# ../shared/TOOLCHAIN.md); scripts/build.sh exports it.

# The core benchmarks under Node: same sources as the native bench, for side-by-side ratios.
file(GLOB CORE_BENCH_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/bench/*.cpp)
add_executable(fc_core_bench ${CORE_BENCH_SOURCES})
target_link_libraries(fc_core_bench PRIVATE fc_core fc_ui)
target_link_options(fc_core_bench PRIVATE -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB
  -sENVIRONMENT=node -sEXIT_RUNTIME=1)

# The browser app: an ES module factory (MODULARIZE + EXPORT_ES6: no globals), a narrow C API,
# WebGL2.
add_executable(forecourt_app
  ${CMAKE_SOURCE_DIR}/wasm/main.cpp ${CMAKE_SOURCE_DIR}/wasm/platform.cpp
  ${CMAKE_SOURCE_DIR}/wasm/key_map.cpp ${CMAKE_SOURCE_DIR}/wasm/sync_api.cpp ${CMAKE_SOURCE_DIR}/wasm/file_io.cpp
  ${CMAKE_SOURCE_DIR}/wasm/gl_renderer.cpp)
target_link_libraries(forecourt_app PRIVATE fc_ui)
set(FC_APP_EXPORTS "_fc_start,_fc_resize,_fc_set_font,_fc_load_snapshot,_fc_load_preview,_fc_add_snapshot,_fc_set_status,\
_fc_last_error,_fc_items_json,_fc_frame_count,_fc_input_unpainted,_fc_take_news,_fc_paste,_fc_text,_fc_click,_fc_navigate,_fc_set_theme,\
_fc_set_locale,_fc_set_time_zone,_fc_stop,_fc_file_picked,_malloc,_free,\
_fc_sync_configure,_fc_sync_begin_load,_fc_sync_apply_page,_fc_sync_draw_changes,_fc_sync_draw_progress,_fc_sync_finish_load,_fc_sync_replay,\
_fc_sync_forget,_fc_sync_set_status,_fc_sync_take,_fc_sync_error,_fc_sync_preview,\
_fc_sync_show_preview")
target_link_options(forecourt_app PRIVATE
  -sMODULARIZE=1 -sEXPORT_ES6=1 -sEXPORT_NAME=ForecourtModule -sENVIRONMENT=web
  -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
  -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB -sINITIAL_MEMORY=64MB
  -sEXPORTED_FUNCTIONS=${FC_APP_EXPORTS}
  -sEXPORTED_RUNTIME_METHODS=UTF8ToString,stringToUTF8,lengthBytesUTF8
  -sFILESYSTEM=0)

# The CPU renderer's fills and blends vectorise with WebAssembly SIMD (every current browser).
set_source_files_properties(${CMAKE_SOURCE_DIR}/ui/cpu_renderer.cpp PROPERTIES COMPILE_OPTIONS -msimd128)
