# The sync backend: one binary over core, cpp-httplib and SQLite.
find_package(Threads REQUIRED)
file(GLOB SERVER_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/server/*.cpp)
add_executable(forecourt_server ${SERVER_SOURCES})
target_link_libraries(forecourt_server PRIVATE fc_core sqlite3 Threads::Threads z)
target_compile_definitions(forecourt_server PRIVATE CPPHTTPLIB_ZLIB_SUPPORT)
target_compile_options(forecourt_server PRIVATE ${WARNINGS})
