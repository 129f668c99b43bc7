# What `cmake --install` puts where (docs/embedding.md, "Install layout"):
#   bin/vanban                          the command line
#   lib/libvanban.so.0 …                the shared library (C ABI and C++ API)
#   include/vanban/*.hpp, vanban.h      the public headers
#   share/vanban/templates/             templates, _shared/ parts, _profiles/
#   share/vanban/fonts/                 fonts.json and the reduced fonts the build made
#   share/vanban/web/                   the page of vanban serve (docs/serve.md)
#   lib/cmake/vanban/                   find_package(vanban): the target vanban::vanban
#   lib/pkgconfig/vanban.pc             pkg-config --cflags --libs vanban
# Included from generator/CMakeLists.txt, after the targets exist.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(VANBAN_INSTALL_DATADIR ${CMAKE_INSTALL_DATADIR}/vanban)
set(VANBAN_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/vanban)

# The installed program and library find their data relative to where they are (so that an
# installation can be moved, or made under a temporary prefix as in the tests), else at the
# folder chosen now. See src/engine/install_paths.cpp.
file(RELATIVE_PATH vanban_data_from_bin ${CMAKE_INSTALL_FULL_BINDIR} ${CMAKE_INSTALL_FULL_DATADIR}/vanban)
file(RELATIVE_PATH vanban_data_from_lib ${CMAKE_INSTALL_FULL_LIBDIR} ${CMAKE_INSTALL_FULL_DATADIR}/vanban)
set_source_files_properties(${VANBAN_SRC_ROOT}/engine/install_paths.cpp PROPERTIES COMPILE_DEFINITIONS
    "VANBAN_INSTALL_DATADIR=\"${CMAKE_INSTALL_FULL_DATADIR}/vanban\";VANBAN_DATADIR_FROM_BINDIR=\"${vanban_data_from_bin}\";VANBAN_DATADIR_FROM_LIBDIR=\"${vanban_data_from_lib}\"")

install(TARGETS vanban_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS vanban_shared EXPORT vanbanTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${VANBAN_PUBLIC_INCLUDE}/vanban DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.hpp" PATTERN "*.h")

install(DIRECTORY ${PROJECT_SOURCE_DIR}/templates/ DESTINATION ${VANBAN_INSTALL_DATADIR}/templates)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/generator/serve/web/ DESTINATION ${VANBAN_INSTALL_DATADIR}/web)
install(FILES ${PROJECT_SOURCE_DIR}/fonts/fonts.json DESTINATION ${VANBAN_INSTALL_DATADIR}/fonts)
if(VANBAN_REDUCED_FONTS_DIR)
  install(DIRECTORY ${VANBAN_REDUCED_FONTS_DIR}/ DESTINATION ${VANBAN_INSTALL_DATADIR}/fonts
          FILES_MATCHING PATTERN "*.ttf")
endif()

# find_package(vanban): vanban::vanban, and VANBAN_TEMPLATE_DIR.
install(EXPORT vanbanTargets NAMESPACE vanban:: DESTINATION ${VANBAN_INSTALL_CMAKEDIR})
set(VANBAN_TEMPLATE_DIR ${VANBAN_INSTALL_DATADIR}/templates)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/vanbanConfig.cmake.in
    ${CMAKE_CURRENT_BINARY_DIR}/vanbanConfig.cmake
    INSTALL_DESTINATION ${VANBAN_INSTALL_CMAKEDIR}
    PATH_VARS VANBAN_TEMPLATE_DIR)
# 0.x: a new minor version may change the interface.
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/vanbanConfigVersion.cmake
    VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/vanbanConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/vanbanConfigVersion.cmake
        DESTINATION ${VANBAN_INSTALL_CMAKEDIR})

# pkg-config: paths relative to the .pc file itself, so the package can be moved too.
file(RELATIVE_PATH vanban_prefix_from_pc ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" vanban_prefix_from_pc "${vanban_prefix_from_pc}")
file(RELATIVE_PATH vanban_libdir ${CMAKE_INSTALL_PREFIX} ${CMAKE_INSTALL_FULL_LIBDIR})
file(RELATIVE_PATH vanban_includedir ${CMAKE_INSTALL_PREFIX} ${CMAKE_INSTALL_FULL_INCLUDEDIR})
file(RELATIVE_PATH vanban_datadir ${CMAKE_INSTALL_PREFIX} ${CMAKE_INSTALL_FULL_DATADIR})
configure_file(${CMAKE_CURRENT_LIST_DIR}/vanban.pc.in ${CMAKE_CURRENT_BINARY_DIR}/vanban.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/vanban.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# Man pages (English in man1/, Vietnamese in vi/man1/) and the bash completion, made by the
# program from its own help and definitions (`vanban generate`, cli/help_export.cpp), so
# they always say what --help says.
set(VANBAN_GENERATED_DOCS ${CMAKE_CURRENT_BINARY_DIR}/generated-docs)
add_custom_command(
    OUTPUT ${VANBAN_GENERATED_DOCS}/man/man1/vanban.1 ${VANBAN_GENERATED_DOCS}/man/vi/man1/vanban.1
           ${VANBAN_GENERATED_DOCS}/completion/vanban
    COMMAND ${CMAKE_COMMAND} -E rm -rf ${VANBAN_GENERATED_DOCS}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${VANBAN_GENERATED_DOCS}/completion
    COMMAND vanban_cli --lang en generate man --into ${VANBAN_GENERATED_DOCS}/man
    COMMAND vanban_cli --lang vi generate man --into ${VANBAN_GENERATED_DOCS}/man
    COMMAND vanban_cli generate completion --into ${VANBAN_GENERATED_DOCS}/completion
    DEPENDS vanban_cli
    COMMENT "Making the man pages and the bash completion"
    VERBATIM)
add_custom_target(vanban_generated_docs ALL DEPENDS ${VANBAN_GENERATED_DOCS}/man/man1/vanban.1)
install(DIRECTORY ${VANBAN_GENERATED_DOCS}/man/ DESTINATION ${CMAKE_INSTALL_MANDIR})
install(FILES ${VANBAN_GENERATED_DOCS}/completion/vanban DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
