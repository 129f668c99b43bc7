#!/usr/bin/env bash
# The signing round of an electronic document (docs/electronic.md), with real tools: vanban
# renders a Party plan and a State plan with the signature images; podofosign (Debian
# libpodofo-utils) fills the signer's field with a certificate made here by openssl, then
# the agency's; pdfsig (poppler-utils) finds both signatures valid, each covering the whole
# document as it was when signed and the last one the whole file; qpdf --check stays clean.
# Then the State plan's appendix, issued as a file of its own (--appendix 1): the agency signs
# its field "appendix-agency" at the top right of the first page.
#   tests/edoc/sign_test.sh VANBAN_PROGRAM SOURCE_DIR
set -euo pipefail
vanban=$1
source_dir=$2
for tool in podofosign pdfsig qpdf openssl python3; do
  command -v "$tool" > /dev/null || { echo "missing $tool: run scripts/install-deps --test"; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

"$source_dir/scripts/signature-images" .
# A signer's certificate and an agency's, self-signed, valid for a day.
for who in signer agency; do
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -keyout "$who.key" -out "$who.pem" \
    -subj "/CN=vanban test $who/O=vanban tests" 2> /dev/null
done

fail() { echo "FAIL: $*"; exit 1; }

for profile in party state; do
  python3 - "$source_dir/templates/ke-hoach/example.json" "$profile" > "plan-$profile.json" <<'EOF'
import json, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
data["profile"] = sys.argv[2]
if sys.argv[2] == "state":
    data["header"]["number"] = "19/KH-UBND"
    data["header"]["issuer"] = ["ỦY BAN NHÂN DÂN", "PHƯỜNG THẠCH THANG"]
    data["signature"]["authority"] = ["TM. ỦY BAN NHÂN DÂN"]
    data["signature"]["position"] = ["CHỦ TỊCH"]
data["signature"]["image"] = "signature.png"
data["signature"]["seal"] = "seal.png"
print(json.dumps(data, ensure_ascii=False))
EOF
  VANBAN_TEMPLATES="$source_dir/templates" "$vanban" render ke-hoach "plan-$profile.json" -q \
    -o "plan-$profile.pdf" --fixed-date 2026-03-05T09:30:00+07:00
  fields=$(VANBAN_TEMPLATES="$source_dir/templates" "$vanban" render ke-hoach "plan-$profile.json" -f fields)
  for name in signer agency; do
    grep -q "\"name\": \"$name\"" <<< "$fields" || fail "$profile: no field $name in --format fields"
  done

  podofosign -in "plan-$profile.pdf" -out "signed1-$profile.pdf" -cert signer.pem -pkey signer.key \
    -field-name signer -field-use-existing -reason "Ký duyệt" > podofosign1.log 2>&1 \
    || { cat podofosign1.log; fail "$profile: podofosign could not sign the signer's field"; }
  first=$(pdfsig "signed1-$profile.pdf" 2>&1 || true)
  grep -q "Signature Validation: Signature is Valid." <<< "$first" || { echo "$first"; fail "$profile: signer's signature not valid"; }
  grep -q "Total document signed" <<< "$first" || { echo "$first"; fail "$profile: signer's signature does not cover the document"; }

  podofosign -in "signed1-$profile.pdf" -out "signed2-$profile.pdf" -cert agency.pem -pkey agency.key \
    -field-name agency -field-use-existing -reason "Văn thư ký số" > podofosign2.log 2>&1 \
    || { cat podofosign2.log; fail "$profile: podofosign could not sign the agency's field"; }
  # The signer's signature covers every byte of the file it signed but its own value.
  range_end=$(sed -n 's/.*Signed Ranges: \[0 - [0-9]*\], \[[0-9]* - \([0-9]*\)\].*/\1/p' <<< "$first")
  [[ $range_end == $(stat -c %s "signed1-$profile.pdf") ]] || { echo "$first"; fail "$profile: signed ranges end at $range_end"; }
  both=$(pdfsig "signed2-$profile.pdf" 2>&1 || true)
  [[ $(grep -c "Signature Validation: Signature is Valid." <<< "$both") == 2 ]] \
    || { echo "$both"; fail "$profile: not two valid signatures"; }
  grep -q "Signer Certificate Common Name: vanban test signer" <<< "$both" || fail "$profile: no signer's signature"
  grep -q "Signer Certificate Common Name: vanban test agency" <<< "$both" || fail "$profile: no agency's signature"
  # The agency's signature, the last one, covers the whole file; the signer's covers the
  # document as it was signed (the revision the agency's signature then added to).
  [[ $(sed -n '/Signature #2/,$p' <<< "$both" | grep -c "Total document signed") == 1 ]] \
    || { echo "$both"; fail "$profile: the agency's signature does not cover the whole file"; }
  qpdf --check "signed2-$profile.pdf" > qpdf.log 2>&1 || { cat qpdf.log; fail "$profile: qpdf --check"; }
  echo "$profile: signer and agency signatures valid"
done

# The appendix as a file of its own: one field, the agency's, which the agency signs.
VANBAN_TEMPLATES="$source_dir/templates" "$vanban" render ke-hoach plan-state.json --appendix 1 -q \
  -o appendix.pdf --fixed-date 2026-03-05T09:30:00+07:00
fields=$(VANBAN_TEMPLATES="$source_dir/templates" "$vanban" render ke-hoach plan-state.json --appendix 1 -f fields)
grep -q '"name": "appendix-agency"' <<< "$fields" || fail "appendix: no field appendix-agency in --format fields"
[[ $(grep -c '"name"' <<< "$fields") == 1 ]] || { echo "$fields"; fail "appendix: not one field"; }
podofosign -in appendix.pdf -out appendix-signed.pdf -cert agency.pem -pkey agency.key \
  -field-name appendix-agency -field-use-existing -reason "Văn thư ký số" > podofosign3.log 2>&1 \
  || { cat podofosign3.log; fail "appendix: podofosign could not sign the field appendix-agency"; }
signed=$(pdfsig appendix-signed.pdf 2>&1 || true)
grep -q "Signature Validation: Signature is Valid." <<< "$signed" || { echo "$signed"; fail "appendix: signature not valid"; }
grep -q "Signer Certificate Common Name: vanban test agency" <<< "$signed" || fail "appendix: not the agency's signature"
grep -q "Total document signed" <<< "$signed" || { echo "$signed"; fail "appendix: the signature does not cover the file"; }
qpdf --check appendix-signed.pdf > qpdf.log 2>&1 || { cat qpdf.log; fail "appendix: qpdf --check"; }
echo "appendix: the agency's signature valid"
