# The translation catalogues: generator/po/LANG.po (GNU gettext) compiled by msgfmt, which
# also checks them, into LANG.mo, then into the library as an array (embed.cmake).
# Included by generator/CMakeLists.txt; sets VANBAN_CATALOGUE_SOURCES.
find_program(VANBAN_MSGFMT msgfmt REQUIRED) # Debian package gettext
set(VANBAN_PO_DIR ${CMAKE_CURRENT_LIST_DIR})
set(VANBAN_CATALOGUE_SOURCES "")
foreach(language vi)
  set(mo ${CMAKE_CURRENT_BINARY_DIR}/po/${language}.mo)
  set(cpp ${CMAKE_CURRENT_BINARY_DIR}/po/catalogue_${language}.cpp)
  add_custom_command(OUTPUT ${mo}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/po
    COMMAND ${VANBAN_MSGFMT} --check -o ${mo} ${VANBAN_PO_DIR}/${language}.po
    DEPENDS ${VANBAN_PO_DIR}/${language}.po
    COMMENT "Compiling the ${language} translation catalogue"
    VERBATIM)
  add_custom_command(OUTPUT ${cpp}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${mo} -DOUTPUT=${cpp} -DSYMBOL=${language}_mo -P ${VANBAN_PO_DIR}/embed.cmake
    DEPENDS ${mo} ${VANBAN_PO_DIR}/embed.cmake
    VERBATIM)
  list(APPEND VANBAN_CATALOGUE_SOURCES ${cpp})
endforeach()
