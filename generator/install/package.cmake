# The Debian package: `cpack -G DEB` in the build folder makes vanban_VERSION_ARCH.deb with
# everything `cmake --install` installs (the program, libvanban.so, the headers, templates,
# fonts and their configuration, man pages, bash completion, the CMake and pkg-config files),
# under /usr. Its library dependencies are found by dpkg-shlibdeps (Debian package dpkg-dev).
# Tested by tests/package/deb_test.sh. Included from the top CMakeLists.txt, last.
set(CPACK_PACKAGE_NAME vanban)
set(CPACK_PACKAGE_VENDOR "vanban")
set(CPACK_PACKAGE_CONTACT "vanban developers <vanban@invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Vietnamese plans and reports from templates and JSON, as PDF and DOCX")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "vanban fills Vietnamese templates (kế hoạch, báo cáo) with JSON data and writes them
 in the official format of Party (Hướng dẫn 36-HD/VPTW) or State (Nghị định
 30/2020/NĐ-CP) documents, as PDF and DOCX, one at a time or in batches of thousands.
 It includes the command-line program, the shared library with its C ABI and C++ API,
 and the templates.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# vanban/json.hpp, the C++ API's convenience layer for nlohmann::json values, is compiled
# with the program's own nlohmann/json; the rest of the API needs nothing of it.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "nlohmann-json3-dev")
# vanban serve's page draws its preview with pdf.js from libjs-pdf (else the browser's viewer).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libjs-pdf")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
include(CPack)
