# Importing a 20-page DOCX again and again on one core, against the floor (unzip + parse) and
# against rendering the same document (docs/import.md). Included from bench/CMakeLists.txt.
add_executable(vanban_bench_import ${CMAKE_CURRENT_LIST_DIR}/import_bench.cpp)
target_compile_options(vanban_bench_import PRIVATE -Wall -Wextra -Wpedantic)
target_link_libraries(vanban_bench_import PRIVATE vanban vanban_bench_support pugixml::pugixml PkgConfig::LIBZIP)
target_compile_definitions(vanban_bench_import PRIVATE VANBAN_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
