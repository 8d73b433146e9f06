# The sync backend: a library of everything (so C++ tests can drive it without HTTP) and the
# binary. Debian builds cpp-httplib as a shared library with OpenSSL, zlib and Brotli support;
# its pkg-config flags keep our view of its classes the same as the library's (and turn on gzip).
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(PQ REQUIRED IMPORTED_TARGET libpq)
pkg_check_modules(PUGIXML REQUIRED IMPORTED_TARGET pugixml)
file(GLOB SERVER_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/server/*.cpp)
list(REMOVE_ITEM SERVER_SOURCES ${CMAKE_SOURCE_DIR}/server/main.cpp)
add_library(fc_server STATIC ${SERVER_SOURCES})
target_include_directories(fc_server PUBLIC ${CMAKE_SOURCE_DIR}/server)
target_link_libraries(fc_server PUBLIC fc_core PkgConfig::HTTPLIB PkgConfig::SODIUM PkgConfig::PQ
  PkgConfig::PUGIXML sqlite3 z Threads::Threads)
target_compile_options(fc_server PRIVATE ${WARNINGS})
add_executable(forecourt_server ${CMAKE_SOURCE_DIR}/server/main.cpp)
target_link_libraries(forecourt_server PRIVATE fc_server)
target_compile_options(forecourt_server PRIVATE ${WARNINGS})

# C++ tests of the server below HTTP (the scheduler hook, input checks); ctest runs them.
file(GLOB SERVER_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/server_unit/*.cpp)
add_executable(fc_server_tests ${SERVER_TEST_SOURCES})
target_link_libraries(fc_server_tests PRIVATE fc_server)
target_compile_options(fc_server_tests PRIVATE ${WARNINGS})
add_test(NAME server_unit COMMAND fc_server_tests)

# The initial-sync benchmark client (scripts/bench_server.sh).
add_executable(fc_server_bench_sync ${CMAKE_SOURCE_DIR}/tests/server_bench/initial_sync.cpp)
target_link_libraries(fc_server_bench_sync PRIVATE PkgConfig::HTTPLIB)
target_include_directories(fc_server_bench_sync SYSTEM PRIVATE ${HEADER_ONLY_DIR})
target_compile_options(fc_server_bench_sync PRIVATE ${WARNINGS})
