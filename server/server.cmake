# The sync backend: one binary over core, cpp-httplib and SQLite. Debian builds cpp-httplib as a
# shared library with OpenSSL, zlib and Brotli support; its pkg-config flags keep our view of
# its classes the same as the library's.
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
file(GLOB SERVER_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/server/*.cpp)
add_executable(forecourt_server ${SERVER_SOURCES})
target_link_libraries(forecourt_server PRIVATE fc_core PkgConfig::HTTPLIB sqlite3 z Threads::Threads)
target_compile_options(forecourt_server PRIVATE ${WARNINGS})
