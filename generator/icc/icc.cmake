# The sRGB ICC profile of the PDF/A output intent (docs/pdf.md, "PDF/A-2b"), read at build
# time from Debian's icc-profiles-free (/usr/share/color/icc/sRGB.icc: "sRGB", ICC 2.3,
# display class, 6,922 bytes, "no copyright, use freely") and compiled into the library as
# an array, so that no file is needed at run time and none is kept in git.
# Included by generator/CMakeLists.txt; sets VANBAN_ICC_SOURCES.
find_file(VANBAN_SRGB_PROFILE sRGB.icc PATHS /usr/share/color/icc NO_DEFAULT_PATH)
if(NOT VANBAN_SRGB_PROFILE)
  message(FATAL_ERROR "vanban: /usr/share/color/icc/sRGB.icc not found: install the Debian package "
                      "icc-profiles-free (scripts/install-deps)")
endif()
set(VANBAN_ICC_SOURCES ${CMAKE_CURRENT_BINARY_DIR}/icc/srgb_profile.cpp)
add_custom_command(OUTPUT ${VANBAN_ICC_SOURCES}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/icc
  COMMAND ${CMAKE_COMMAND} -DINPUT=${VANBAN_SRGB_PROFILE} -DOUTPUT=${VANBAN_ICC_SOURCES} -DSYMBOL=srgb_icc
          -DNAMESPACE=vanban::pdf -P ${CMAKE_CURRENT_LIST_DIR}/../po/embed.cmake
  DEPENDS ${VANBAN_SRGB_PROFILE} ${CMAKE_CURRENT_LIST_DIR}/../po/embed.cmake
  COMMENT "Embedding the sRGB ICC profile"
  VERBATIM)
