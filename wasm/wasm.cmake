# WASM targets (emcmake). emcc needs NODE_PATH=/usr/share/nodejs on this machine (see
# ../shared/TOOLCHAIN.md); scripts/build.sh exports it.

# The core benchmarks under Node: same sources as the native bench, for side-by-side ratios.
file(GLOB CORE_BENCH_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/bench/*.cpp)
add_executable(fc_core_bench ${CORE_BENCH_SOURCES})
target_link_libraries(fc_core_bench PRIVATE fc_core)
target_link_options(fc_core_bench PRIVATE -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB
  -sENVIRONMENT=node -sEXIT_RUNTIME=1)
