# Reduced copies of the fonts, made at build time into ${CMAKE_BINARY_DIR}/fonts (never into
# git): only the characters of fonts/repertoire.txt, no hinting, no OpenType layout tables.
# They have the same advance widths as the originals, so layout is unchanged; a PDF that
# embeds them is smaller and faster to write (see fonts/README.md).
#
# Needs Debian's python3-fonttools (pyftsubset). Without it, or without the source fonts,
# nothing is made and the full system fonts are used.
#
# Defines the target vanban_reduced_fonts and the variable VANBAN_REDUCED_FONTS_DIR (empty
# when nothing can be made). Include it once.
include_guard(GLOBAL)

set(VANBAN_REDUCED_FONTS_DIR "")
find_program(VANBAN_FONTTOOLS_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(VANBAN_FONTTOOLS_PYTHON)
  execute_process(COMMAND ${VANBAN_FONTTOOLS_PYTHON} -c "import fontTools.subset"
                  RESULT_VARIABLE vanban_fonttools_missing OUTPUT_QUIET ERROR_QUIET)
endif()
if(NOT VANBAN_FONTTOOLS_PYTHON OR vanban_fonttools_missing)
  message(STATUS "vanban: python3-fonttools not found; PDFs embed the full system fonts")
  return()
endif()

set(vanban_font_search /usr/share/fonts/truetype/croscore /usr/share/fonts/truetype/liberation2)
set(vanban_reduced_dir ${CMAKE_BINARY_DIR}/fonts)
set(vanban_reduced_outputs "")
foreach(face Regular Bold Italic BoldItalic)
  # The first family of fonts/fonts.json that is installed: Tinos, else Liberation Serif.
  unset(vanban_source)
  find_file(vanban_source NAMES Tinos-${face}.ttf LiberationSerif-${face}.ttf
            PATHS ${vanban_font_search} NO_DEFAULT_PATH NO_CACHE)
  if(NOT vanban_source)
    message(STATUS "vanban: no Tinos or Liberation Serif ${face}; fonts are not reduced")
    return()
  endif()
  get_filename_component(name ${vanban_source} NAME)
  set(output ${vanban_reduced_dir}/${name})
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${vanban_reduced_dir}
    COMMAND ${VANBAN_FONTTOOLS_PYTHON} -m fontTools.subset ${vanban_source}
            --unicodes-file=${PROJECT_SOURCE_DIR}/fonts/repertoire.txt
            --no-hinting --layout-features= --output-file=${output}
    DEPENDS ${vanban_source} ${PROJECT_SOURCE_DIR}/fonts/repertoire.txt
    COMMENT "Reducing ${name}"
    VERBATIM)
  list(APPEND vanban_reduced_outputs ${output})
endforeach()
add_custom_target(vanban_reduced_fonts ALL DEPENDS ${vanban_reduced_outputs})
set(VANBAN_REDUCED_FONTS_DIR ${vanban_reduced_dir})
