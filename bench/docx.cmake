# The seed-000 plan as DOCX, rendered again and again by one engine on one core: prints the
# median time per document and the file size (modes: the whole engine, or the writer alone).
# Included from bench/CMakeLists.txt.
add_executable(vanban_bench_docx ${CMAKE_CURRENT_LIST_DIR}/docx_bench.cpp)
target_compile_options(vanban_bench_docx PRIVATE -Wall -Wextra -Wpedantic)
target_link_libraries(vanban_bench_docx PRIVATE vanban vanban_bench_support)
target_compile_definitions(vanban_bench_docx PRIVATE VANBAN_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
