# The installed package as another project meets it (cmake -P, run by CTest):
#   1. `cmake --install` of the build tree into a temporary prefix, and the layout it makes;
#   2. the public headers include nothing but the standard library and vanban/ (and
#      vanban/json.hpp, the convenience layer, nlohmann/json.hpp);
#   3. the installed CLI renders with its installed templates and fonts, from a folder
#      without ./templates;
#   4. a project with find_package(vanban) builds the C++ and C examples, api_check and
#      json_diagnostics (the C++ API used with a nlohmann/json built with JSON_DIAGNOSTICS=1,
#      which mangles its names unlike the library's), and they render the example plan with
#      the installed templates (no folder given);
#   5. the C++ example built with `pkg-config --cflags --libs vanban` does the same.
# Every PDF must start with %PDF-, every DOCX with a zip's signature.
#
# Variables: BUILD_DIR (the build tree), SOURCE_DIR (the repository), WORK_DIR (emptied
# first), C_COMPILER and CXX_COMPILER (the build's, for the consumer project).
cmake_minimum_required(VERSION 3.25)

foreach(variable BUILD_DIR SOURCE_DIR WORK_DIR C_COMPILER CXX_COMPILER)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "install_test.cmake needs -D${variable}=…")
  endif()
endforeach()

set(prefix ${WORK_DIR}/prefix)
set(example_data ${SOURCE_DIR}/templates/ke-hoach/example.json)

# run(NAME COMMAND… [WORKING_DIRECTORY dir] [EXPECT code]): stops the test with the command's
# output unless it exits with `code` (0 by default); leaves its output in ${NAME}_out/_err.
function(run name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "WORKING_DIRECTORY;EXPECT" "COMMAND")
  if(NOT DEFINED arg_EXPECT)
    set(arg_EXPECT 0)
  endif()
  if(NOT arg_WORKING_DIRECTORY)
    set(arg_WORKING_DIRECTORY ${WORK_DIR})
  endif()
  execute_process(COMMAND ${arg_COMMAND} WORKING_DIRECTORY ${arg_WORKING_DIRECTORY}
                  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code STREQUAL arg_EXPECT)
    string(JOIN " " shown ${arg_COMMAND})
    message(FATAL_ERROR "${name}: exit ${code}, expected ${arg_EXPECT}\n  ${shown}\n${out}\n${err}")
  endif()
  set(${name}_out "${out}" PARENT_SCOPE)
  set(${name}_err "${err}" PARENT_SCOPE)
  message(STATUS "ok: ${name}")
endfunction()

function(expect_pdf path)
  if(NOT EXISTS ${path})
    message(FATAL_ERROR "${path} was not written")
  endif()
  file(READ ${path} head LIMIT 5 HEX)
  if(NOT head STREQUAL "255044462d") # %PDF-
    message(FATAL_ERROR "${path} does not start with %PDF- (its first bytes: ${head})")
  endif()
endfunction()

function(expect_docx path)
  if(NOT EXISTS ${path})
    message(FATAL_ERROR "${path} was not written")
  endif()
  file(READ ${path} head LIMIT 4 HEX)
  if(NOT head STREQUAL "504b0304") # PK\3\4: a zip
    message(FATAL_ERROR "${path} is not a zip (its first bytes: ${head})")
  endif()
endfunction()

function(expect_contains name text part)
  string(FIND "${text}" "${part}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${name}: expected '${part}' in:\n${text}")
  endif()
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

# --- 1. install ------------------------------------------------------------------------------
# What the install needs, built if a test run came before a full build (no-op otherwise).
run(build COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} --target vanban_cli vanban_shared)
run(install COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})

set(expected_files
    bin/vanban
    lib/libvanban.so lib/libvanban.so.0
    include/vanban/engine.hpp include/vanban/error.hpp include/vanban/model.hpp include/vanban/vanban.h
    include/vanban/json.hpp
    share/vanban/templates/ke-hoach/main.vbt share/vanban/templates/ke-hoach/schema.json
    share/vanban/templates/bao-cao/main.vbt
    share/vanban/templates/_profiles/party.json share/vanban/templates/_profiles/state.json
    share/vanban/templates/_shared/header.vbt
    share/vanban/fonts/fonts.json
    lib/cmake/vanban/vanbanConfig.cmake lib/cmake/vanban/vanbanConfigVersion.cmake
    lib/cmake/vanban/vanbanTargets.cmake
    lib/pkgconfig/vanban.pc)
# The reduced fonts, when the build made them (fonts/reduce.cmake).
file(GLOB reduced_fonts RELATIVE ${BUILD_DIR}/fonts ${BUILD_DIR}/fonts/*.ttf)
foreach(font ${reduced_fonts})
  list(APPEND expected_files share/vanban/fonts/${font})
endforeach()
foreach(file ${expected_files})
  if(NOT EXISTS ${prefix}/${file})
    message(FATAL_ERROR "not installed: ${file}")
  endif()
endforeach()
message(STATUS "ok: layout (${reduced_fonts})")

# --- 2. the public headers stand alone --------------------------------------------------------
file(GLOB headers ${prefix}/include/vanban/*)
foreach(header ${headers})
  file(STRINGS ${header} includes REGEX "^[ \t]*#[ \t]*include")
  foreach(line ${includes})
    if(NOT line MATCHES "#[ \t]*include[ \t]*(<[a-z_0-9/.]+>|\"vanban/[a-z_]+\\.h(pp)?\")")
      message(FATAL_ERROR "${header} includes something not installed: ${line}")
    endif()
    # No nlohmann type crosses the library's boundary: only the header-only convenience
    # layer, compiled with the program's nlohmann, includes it.
    get_filename_component(header_name ${header} NAME)
    if(line MATCHES "<nlohmann/" AND NOT header_name STREQUAL "json.hpp")
      message(FATAL_ERROR "${header} includes nlohmann/json: only vanban/json.hpp may: ${line}")
    endif()
  endforeach()
endforeach()
message(STATUS "ok: public headers")

# --- 3. the installed CLI ---------------------------------------------------------------------
file(MAKE_DIRECTORY ${WORK_DIR}/elsewhere)
run(installed_cli
    COMMAND ${CMAKE_COMMAND} -E env --unset=VANBAN_TEMPLATES
            ${prefix}/bin/vanban render ke-hoach ${example_data} -o ${WORK_DIR}/cli.pdf
    WORKING_DIRECTORY ${WORK_DIR}/elsewhere)
expect_pdf(${WORK_DIR}/cli.pdf)

# --- 4. find_package(vanban) ------------------------------------------------------------------
run(consumer_configure
    COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/embedding/consumer -B ${WORK_DIR}/consumer
            -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_BUILD_TYPE=Release
            -DCMAKE_C_COMPILER=${C_COMPILER} -DCMAKE_CXX_COMPILER=${CXX_COMPILER})
run(consumer_build COMMAND ${CMAKE_COMMAND} --build ${WORK_DIR}/consumer -j 2)

set(consumer ${WORK_DIR}/consumer)
run(cpp_example COMMAND ${consumer}/render_plan ke-hoach ${example_data} ${WORK_DIR}/cpp.pdf)
expect_pdf(${WORK_DIR}/cpp.pdf)
run(c_example COMMAND ${consumer}/render_plan_c ke-hoach ${example_data} ${WORK_DIR}/c.pdf)
expect_pdf(${WORK_DIR}/c.pdf)
run(api_check COMMAND ${consumer}/api_check ${WORK_DIR})
expect_pdf(${WORK_DIR}/api_check.pdf)
run(json_diagnostics COMMAND ${consumer}/json_diagnostics ${WORK_DIR})
expect_pdf(${WORK_DIR}/json-diagnostics-text.pdf)
expect_docx(${WORK_DIR}/json-diagnostics-json.docx)

# The C example reports a failure with its location and vanban's exit code.
file(WRITE ${WORK_DIR}/bad.json "{\n  \"header\": ,\n}\n")
run(c_example_error COMMAND ${consumer}/render_plan_c ke-hoach ${WORK_DIR}/bad.json ${WORK_DIR}/bad.pdf EXPECT 5)
expect_contains(c_example_error "${c_example_error_err}" "where: ${WORK_DIR}/bad.json:2:13")
expect_contains(c_example_error "${c_example_error_err}" "why: malformed JSON")
if(EXISTS ${WORK_DIR}/bad.pdf)
  message(FATAL_ERROR "the C example wrote a PDF for bad data")
endif()
# … and an input encoding through the installed library's vanban_render_with: "utf-8" renders,
# an unknown name is a usage error.
run(c_example_utf8 COMMAND ${consumer}/render_plan_c --input-encoding utf-8 ke-hoach ${example_data} ${WORK_DIR}/c-utf8.pdf)
expect_pdf(${WORK_DIR}/c-utf8.pdf)
run(c_example_encoding COMMAND ${consumer}/render_plan_c --input-encoding koi8-r ke-hoach ${example_data}
                               ${WORK_DIR}/koi8.pdf EXPECT 2)
expect_contains(c_example_encoding "${c_example_encoding_err}" "unknown input encoding 'koi8-r'")

# --- 5. pkg-config ------------------------------------------------------------------------------
find_program(PKG_CONFIG pkg-config REQUIRED)
set(ENV{PKG_CONFIG_PATH} ${prefix}/lib/pkgconfig)
run(pkg_config COMMAND ${PKG_CONFIG} --cflags --libs vanban)
string(STRIP "${pkg_config_out}" flags)
separate_arguments(flags UNIX_COMMAND "${flags}")
run(pkg_config_libdir COMMAND ${PKG_CONFIG} --variable=libdir vanban)
string(STRIP "${pkg_config_libdir_out}" libdir)
run(pkg_config_build
    COMMAND ${CXX_COMPILER} -std=c++20 -O1 ${SOURCE_DIR}/docs/examples/render_plan.cpp ${flags}
            -Wl,-rpath,${libdir} -o ${WORK_DIR}/render_plan_pkgconfig)
run(pkg_config_example COMMAND ${WORK_DIR}/render_plan_pkgconfig ke-hoach ${example_data} ${WORK_DIR}/pkg.pdf)
expect_pdf(${WORK_DIR}/pkg.pdf)
run(pkg_config_templatedir COMMAND ${PKG_CONFIG} --variable=templatedir vanban)
string(STRIP "${pkg_config_templatedir_out}" templatedir)
if(NOT EXISTS ${templatedir}/ke-hoach/main.vbt)
  message(FATAL_ERROR "pkg-config's templatedir (${templatedir}) has no ke-hoach template")
endif()

message(STATUS "the installed package works")
