# Native unit tests (doctest). One binary over every tests/unit/*.cpp; ctest runs it.
enable_testing()
file(GLOB UNIT_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/unit/*.cpp)
add_executable(fc_unit_tests ${UNIT_TEST_SOURCES})
target_link_libraries(fc_unit_tests PRIVATE fc_core fc_ui)
target_compile_options(fc_unit_tests PRIVATE ${WARNINGS})
target_compile_definitions(fc_unit_tests PRIVATE
  FC_SHARED_DATA_DIR="${CMAKE_SOURCE_DIR}/../shared/data"
  FC_FONT_PATH="/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")
add_test(NAME unit COMMAND fc_unit_tests)

# Core benchmarks, native build (the WASM build of the same sources is in wasm/wasm.cmake).
file(GLOB CORE_BENCH_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/bench/*.cpp)
add_executable(fc_core_bench ${CORE_BENCH_SOURCES})
target_link_libraries(fc_core_bench PRIVATE fc_core fc_ui)
