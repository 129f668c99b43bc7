# Writes the bytes of a file as a C++ array (cmake -P): the compiled translation catalogue
# becomes part of the library, so that translations need no file and no locale at run time
# (and the PDF/A colour profile, generator/icc/icc.cmake).
#   cmake -DINPUT=vi.mo -DOUTPUT=catalogue_vi.cpp -DSYMBOL=vi_mo [-DNAMESPACE=vanban::pdf] -P embed.cmake
if(NOT NAMESPACE)
  set(NAMESPACE vanban::messages)
endif()
file(READ "${INPUT}" bytes HEX)
string(LENGTH "${bytes}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," array "${bytes}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" array "${array}")
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${SYMBOL} by generator/po/embed.cmake: do not edit.\n"
  "#include <cstddef>\n"
  "namespace ${NAMESPACE} {\n"
  "extern const unsigned char ${SYMBOL}[];\n"
  "extern const std::size_t ${SYMBOL}_size;\n"
  "const unsigned char ${SYMBOL}[] = {\n${array}0};\n"
  "const std::size_t ${SYMBOL}_size = ${size};\n"
  "}\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
