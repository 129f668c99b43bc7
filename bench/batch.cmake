# Batch benchmark (issue 6): thousands of seed-000 branch plans as PDF and DOCX with every
# core; prints wall time, documents per second and peak memory. Included from
# bench/CMakeLists.txt.
add_executable(vanban_bench_batch ${CMAKE_CURRENT_LIST_DIR}/batch_bench.cpp)
target_compile_options(vanban_bench_batch PRIVATE -Wall -Wextra -Wpedantic)
target_link_libraries(vanban_bench_batch PRIVATE vanban_batch vanban_bench_support)
target_compile_definitions(vanban_bench_batch PRIVATE VANBAN_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
