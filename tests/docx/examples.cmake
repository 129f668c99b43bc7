# The examples checked end to end (tests/docx/examples/): every data/*.json and
# templates/*/example.json rendered by the engine to PDF and DOCX, the DOCX printed by
# LibreOffice and compared with the PDF. A program of its own because it links the whole
# library; the DOCX unit tests (vanban_tests_docx) link the DOCX stage only.
# Included from tests/CMakeLists.txt; its tests are named "docx: …" like the unit tests.
file(GLOB vanban_docx_example_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/examples/*.cpp)
add_executable(vanban_tests_docx_examples ${vanban_docx_example_sources}
               ${CMAKE_CURRENT_LIST_DIR}/support.cpp ${CMAKE_CURRENT_LIST_DIR}/tools.cpp)
target_link_libraries(vanban_tests_docx_examples PRIVATE vanban_catch_main vanban)
target_include_directories(vanban_tests_docx_examples PRIVATE ${CMAKE_CURRENT_LIST_DIR} ${CMAKE_CURRENT_SOURCE_DIR}) # tests/: support/
target_compile_definitions(vanban_tests_docx_examples PRIVATE ${VANBAN_TEST_DEFS})
catch_discover_tests(vanban_tests_docx_examples TEST_PREFIX "docx: " WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})

# The first DOCX of a process made on several threads at once (see first_use/): a program of
# its own, because only a fresh process shows it; package_test.cpp runs it many times.
add_executable(vanban_docx_first_use ${CMAKE_CURRENT_LIST_DIR}/first_use/first_use_main.cpp)
target_link_libraries(vanban_docx_first_use PRIVATE vanban_docx)
add_dependencies(vanban_tests_docx vanban_docx_first_use)
target_compile_definitions(vanban_tests_docx PRIVATE VANBAN_DOCX_FIRST_USE_PATH="$<TARGET_FILE:vanban_docx_first_use>")
