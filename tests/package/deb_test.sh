#!/usr/bin/env bash
# The Debian package as a user gets it (generator/install/package.cmake):
#   1. cpack -G DEB makes it from the build;
#   2. its control data declares the libraries it needs, and it holds the program, the
#      library, the headers, the templates, the fonts, the man pages and the completion;
#   3. unpacked with dpkg-deb into a folder, its program renders the example plan (the
#      installation finds its templates and fonts relative to itself);
#   4. with VANBAN_TEST_INSTALL_DEB=1 (set by .ci/run) and root: installed for real with
#      `apt-get install ./vanban_*.deb`, /usr/bin/vanban renders the example, the man page
#      opens, then the package is removed again.
#   deb_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
source=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }

cpack -G DEB -B "$work/package" --config "$build/CPackConfig.cmake" > "$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls "$work"/package/vanban_*.deb)
echo "made $(basename "$deb") ($(stat -c %s "$deb") bytes)"

depends=$(dpkg-deb -f "$deb" Depends)
for library in libhpdf libpugixml libzip libutf8proc libdeflate libsimdjson libnettle libcpp-httplib libarchive libstdc++6; do
  [[ $depends == *"$library"* ]] || fail "Depends does not name $library: $depends"
done
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for path in ./usr/bin/vanban ./usr/lib/libvanban.so.0 ./usr/include/vanban/engine.hpp ./usr/include/vanban/vanban.h \
            ./usr/share/vanban/templates/ke-hoach/main.vbt ./usr/share/vanban/templates/_profiles/state.json \
            ./usr/share/vanban/fonts/fonts.json ./usr/share/vanban/fonts/Tinos-Regular.ttf \
            ./usr/share/vanban/web/index.html ./usr/share/vanban/web/app.js \
            ./usr/lib/cmake/vanban/vanbanConfig.cmake ./usr/lib/pkgconfig/vanban.pc \
            ./usr/share/man/man1/vanban.1 ./usr/share/man/man1/vanban-render.1 ./usr/share/man/vi/man1/vanban-batch.1 \
            ./usr/share/man/man1/vanban-batch-merge-manifests.1 \
            ./usr/share/bash-completion/completions/vanban; do
  grep -qxF "$path" <<<"$contents" || fail "the package lacks $path"
done

render_example() { # PROGRAM OUTPUT_DIR
  (cd "$2" && "$1" render ke-hoach "$source/templates/ke-hoach/example.json" -o plan.pdf -o plan.docx)
  [[ $(head -c 5 "$2/plan.pdf") == "%PDF-" ]] || fail "$1 made no PDF"
  unzip -tq "$2/plan.docx" > /dev/null || fail "$1 made no DOCX"
  [[ $(pdftotext "$2/plan.pdf" -) == *"KẾ HOẠCH"* ]] || fail "the PDF of $1 lacks its title"
}

dpkg-deb -x "$deb" "$work/root"
mkdir "$work/out"
render_example "$work/root/usr/bin/vanban" "$work/out"
echo "unpacked: the program renders the example"

if [[ ${VANBAN_TEST_INSTALL_DEB:-0} == 1 && $(id -u) == 0 ]]; then
  if [[ $(dpkg-query -W -f='${Status}' vanban 2>/dev/null) == *" installed" ]]; then fail "a vanban package is already installed: not touching it"; fi
  trap 'apt-get purge -y -qq vanban > /dev/null 2>&1 || true; rm -rf "$work"' EXIT
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" > "$work/apt.log" 2>&1 ||
    { cat "$work/apt.log"; fail "apt-get install"; }
  mkdir "$work/installed"
  render_example /usr/bin/vanban "$work/installed"
  echo "installed with apt-get: /usr/bin/vanban renders the example"
fi
