#!/usr/bin/python3
"""Seed corpora for the fuzz targets, made from the repository's templates and data.

    collect_corpus.py SOURCE_DIR OUT_DIR

Writes OUT_DIR/TARGET/ for every target (tests/fuzz/*.cpp): seeds built from templates/
and data/, plus the hand-made tricky inputs of tests/fuzz/corpus/. Files are named by
their SHA-1, as libFuzzer names the inputs it adds, so running it again adds nothing twice.
The output is generated: it lives in the build folder and is never committed.
"""

import csv
import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path


def save(out: Path, target: str, data: bytes) -> None:
    folder = out / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def flatten(value, path, cells):
    """JSON -> CSV columns in the header syntax of the batch stage: a.b, a.list[0]."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key.replace("_", "").isalnum():
                flatten(item, f"{path}.{key}" if path else key, cells)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if not isinstance(item, (dict, list)):
                cells[f"{path}[{index}]"] = item
    elif path:
        cells[path] = "" if value is None else value


def as_csv(records) -> bytes:
    rows = []
    for record in records:
        cells = {}
        flatten(record, "", cells)
        rows.append(cells)
    header = sorted({name for row in rows for name in row})
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    return text.getvalue().encode()


def strings_of(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_of(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_of(item)


def iconv(text: str, encoding: str):
    """The text in a legacy encoding, by glibc's iconv; None when it cannot say it."""
    done = subprocess.run(["iconv", "-f", "UTF-8", "-t", encoding], input=text.encode(),
                          capture_output=True, check=False)
    return done.stdout if done.returncode == 0 else None


def shown_as_latin1(raw: bytes) -> bytes:
    """Legacy bytes as a program that reads them as Windows-1252 would save them in UTF-8."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in raw).encode()


def font_seeds(source: Path):
    """(font file, characters) for the truetype seeds: the first installed face of each
    style in fonts/fonts.json, each with a short and a longer repertoire."""
    spec = json.loads((source / "fonts" / "fonts.json").read_text(encoding="utf-8"))
    folders = [Path(folder) for folder in spec["system_dirs"]]
    for faces in spec["families"].values():
        for names in faces.values():
            found = next((folder / name for name in names for folder in folders if (folder / name).exists()), None)
            if found:
                yield found, "Aa "
                yield found, "Đảng bộ tỉnh, Kế hoạch: ệ ữ 123 (…)"


def subset(font: Path, characters: str) -> bytes:
    """The font cut to `characters` (and .notdef), without hinting or layout tables."""
    from fontTools import subset as fonttools_subset  # python3-fonttools, a build dependency
    options = fonttools_subset.Options()
    options.hinting = False
    options.layout_features = []
    options.notdef_outline = True
    loaded = fonttools_subset.load_font(str(font), options)
    subsetter = fonttools_subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(loaded)
    data = io.BytesIO()
    loaded.save(data)
    return data.getvalue()


def main() -> None:
    source, out = Path(sys.argv[1]), Path(sys.argv[2])
    templates = source / "templates"
    vbt_files = sorted(templates.rglob("*.vbt"))
    json_files = sorted(list(templates.rglob("*.json")) + list((source / "data").glob("*.json")))
    documents = {path: json.loads(path.read_text(encoding="utf-8")) for path in json_files}
    data_files = [path for path in json_files if "_profiles" not in path.parts and path.name != "schema.json"]

    for vbt in vbt_files:
        text = vbt.read_bytes()
        save(out, "template_parse", text)
        save(out, "markup", text)
        # Each main template with the data written for it (its example and data/*NAME*.json).
        name = vbt.parent.name
        for data in data_files:
            if vbt.name == "main.vbt" and (data.parent == vbt.parent or name in data.name):
                save(out, "template_eval", text + b"\0" + data.read_bytes())
        if name == "_shared":
            save(out, "template_eval", text + b"\0{}")

    for path in json_files:
        save(out, "data", path.read_bytes())
    records = [documents[path] for path in data_files]
    save(out, "records_jsonl", b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records))
    for record in records:
        save(out, "records_jsonl", json.dumps(record, ensure_ascii=False).encode() + b"\n")
        save(out, "records_csv", as_csv([record]))
    save(out, "records_csv", as_csv(records))

    # Legacy text: the data's strings in TCVN3 and Windows-1258, raw and shown as Latin-1.
    for record in records:
        text = "\n".join(strings_of(record))
        save(out, "legacy", text.encode())
        for encoding in ("TCVN5712-1", "CP1258"):
            raw = iconv(text, encoding)
            if raw is not None:
                save(out, "legacy", raw)
                save(out, "legacy", shown_as_latin1(raw))

    # Fonts: small subsets of the system fonts vanban uses (fonts/fonts.json), a few
    # characters each, composites among them (Vietnamese letters with marks): a whole font
    # is hundreds of kilobytes, and the reader's paths are all in a few.
    for font, characters in font_seeds(source):
        save(out, "truetype", subset(font, characters))

    hand_made = source / "tests" / "fuzz" / "corpus"
    for folder in sorted(p for p in hand_made.iterdir() if p.is_dir()):
        targets = ["template_parse", "markup"] if folder.name == "template" else [folder.name]
        for path in sorted(folder.iterdir()):
            for target in targets:
                save(out, target, path.read_bytes())


if __name__ == "__main__":
    main()
