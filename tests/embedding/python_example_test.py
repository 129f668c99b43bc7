#!/usr/bin/env python3
"""The Python example (docs/examples/render_plan.py) against the build's libvanban.so:
as a script, the way its documentation runs it, and as the small binding it offers.

Run by CTest with VANBAN_LIBRARY (the built libvanban.so) and VANBAN_SOURCE_DIR set.
"""

import concurrent.futures
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import unittest

SOURCE_DIR = os.environ["VANBAN_SOURCE_DIR"]
LIBRARY = os.environ["VANBAN_LIBRARY"]
EXAMPLE = os.path.join(SOURCE_DIR, "docs", "examples", "render_plan.py")
TEMPLATES = os.path.join(SOURCE_DIR, "templates")
EXAMPLE_DATA = os.path.join(TEMPLATES, "ke-hoach", "example.json")

spec = importlib.util.spec_from_file_location("render_plan", EXAMPLE)
render_plan = importlib.util.module_from_spec(spec)
spec.loader.exec_module(render_plan)


def example_data():
    with open(EXAMPLE_DATA, encoding="utf-8") as f:
        return json.load(f)


def tcvn3_bytes(text):
    """text as TCVN3 (VN3) bytes, by glibc's converter (Python has no TCVN3 codec). The texts
    here have no upper-case toned letter, which VN3 lacks."""
    run = subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=text.encode("utf-8"),
                         capture_output=True, check=True)
    assert min(run.stdout) >= 0x20, "a VN1 byte: the text has a letter VN3 lacks"
    return run.stdout


def shown_as_latin1(text):
    """TCVN3 text as copying it out of an old .doc in a .Vn font gives it: "tiÕp tôc"."""
    return tcvn3_bytes(text).decode("latin-1")


LEGACY_SUMMARY = "tiếp tục đổi mới, tăng cường công tác kết nạp đảng viên"
TCVN3_HINT = "looks like TCVN3 text shown as Latin-1; use --input-encoding tcvn3"


def example_with_legacy_summary():
    """The example plan with its summary pasted from a TCVN3 document: it renders, with a
    warning on summary[0]."""
    data = example_data()
    assert data["summary"] == [LEGACY_SUMMARY]
    data["summary"] = [shown_as_latin1(LEGACY_SUMMARY)]
    return data


# A plan written only in letters that TCVN3 has.
TCVN3_PLAN = {
    "header": {"issuer": ["Chi bộ Trường THPT Trần Phú"], "number": "19-KH/CB", "place": "Đà Nẵng",
               "date": "2019-06-10"},
    "summary": [LEGACY_SUMMARY],
    "sections": [{"title": "Mục đích, yêu cầu",
                  "children": [{"text": "Công tác kết nạp đảng viên là nhiệm vụ quan trọng của Đảng."}]}],
    "recipients": ["Đảng ủy phường", "Lưu văn phòng"],
    "signature": {"authority": ["T/M cấp ủy chi bộ"], "position": ["Bí thư"], "name": "Nguyễn Thị Minh Hằng"},
}


class ScriptTest(unittest.TestCase):
    """The example run as a program: exit codes, the PDF, and how it reports errors."""

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def run_example(self, data_path, output="plan.pdf", options=()):
        output_path = os.path.join(self.dir.name, output)
        run = subprocess.run([sys.executable, EXAMPLE, "--library", LIBRARY, "--templates", TEMPLATES, *options,
                              "ke-hoach", data_path, output_path], capture_output=True, text=True)
        return run, output_path

    def write(self, name, content):
        """content: text (written as UTF-8) or bytes (as they are)."""
        path = os.path.join(self.dir.name, name)
        with open(path, "wb") as f:
            f.write(content if isinstance(content, bytes) else content.encode("utf-8"))
        return path

    def test_warnings_about_the_data_are_printed_and_the_pdf_written(self):
        pasted = self.write("pasted.json", json.dumps(example_with_legacy_summary(), ensure_ascii=False))
        run, pdf = self.run_example(pasted)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(run.stderr, f"warning: {pasted}: summary[0]: {TCVN3_HINT}\n")
        self.assertTrue(os.path.exists(pdf))

    def test_tcvn3_data_with_its_input_encoding(self):
        legacy = self.write("plan-tcvn3.json", tcvn3_bytes(json.dumps(TCVN3_PLAN, ensure_ascii=False)))
        run, pdf = self.run_example(legacy, options=["--input-encoding", "tcvn3"])
        self.assertEqual(run.returncode, 0, run.stderr)
        with open(pdf, "rb") as f:
            self.assertTrue(f.read().startswith(b"%PDF-"))
        # Without it the bytes are not UTF-8: a data error that says what to do.
        run, _ = self.run_example(legacy, output="again.pdf")
        self.assertEqual(run.returncode, 5)
        self.assertIn("--input-encoding tcvn3, vni or cp1258", run.stderr)

    def test_an_unknown_input_encoding_is_a_usage_error(self):
        run, pdf = self.run_example(EXAMPLE_DATA, options=["--input-encoding", "koi8-r"])
        self.assertEqual(run.returncode, 2)
        self.assertIn("why: unknown input encoding 'koi8-r' (use utf-8, tcvn3, vni or cp1258)", run.stderr)
        self.assertNotIn("where:", run.stderr)
        self.assertFalse(os.path.exists(pdf))

    def test_renders_the_example_plan_to_pdf(self):
        run, pdf = self.run_example(EXAMPLE_DATA)
        self.assertEqual(run.returncode, 0, run.stderr)
        with open(pdf, "rb") as f:
            content = f.read()
        self.assertTrue(content.startswith(b"%PDF-"))
        self.assertIn(b"%%EOF", content[-32:])
        self.assertIn(f"({len(content)} bytes)", run.stdout)

    def test_malformed_json_is_reported_at_its_line_and_column(self):
        bad = self.write("bad.json", '{\n  "header": ,\n}\n')
        run, pdf = self.run_example(bad)
        self.assertEqual(run.returncode, 5)
        self.assertIn(f"where: {bad}:2:13\n", run.stderr)
        self.assertIn("why: malformed JSON", run.stderr)
        self.assertIn("^", run.stderr)  # vanban's report with the caret under the column
        self.assertFalse(os.path.exists(pdf))

    def test_data_outside_the_schema_is_reported_with_its_field(self):
        data = example_data()
        data["header"]["date"] = "10/6/2019"
        run, pdf = self.run_example(self.write("wrong-date.json", json.dumps(data, ensure_ascii=False)))
        self.assertEqual(run.returncode, 6)
        self.assertIn("(field header.date)", run.stderr)
        self.assertFalse(os.path.exists(pdf))


class BindingTest(unittest.TestCase):
    """The Engine class: Python objects in, bytes or VanbanError out, from many threads."""

    @classmethod
    def setUpClass(cls):
        cls.lib = render_plan.load_library(LIBRARY)

    def engine(self, **options):
        engine = render_plan.Engine(self.lib, template_dirs=[TEMPLATES], **options)
        self.addCleanup(engine.close)
        return engine

    def test_version(self):
        self.assertRegex(self.lib.vanban_version().decode(), r"^\d+\.\d+\.\d+$")

    def test_a_dict_renders_to_pdf_docx_and_model(self):
        engine = self.engine()
        data = example_data()
        self.assertTrue(engine.render("ke-hoach", data).startswith(b"%PDF-"))
        self.assertTrue(engine.render("ke-hoach", data, fmt="docx").startswith(b"PK\x03\x04"))
        model = json.loads(engine.render("ke-hoach", data, fmt="model"))
        self.assertEqual(model["title"]["type_name"], "KẾ HOẠCH")
        state = json.loads(engine.render("ke-hoach", data, fmt="model", profile="state"))
        self.assertEqual(state["profile"]["name"], "state")

    def test_errors_carry_every_field(self):
        engine = self.engine()
        data = example_data()
        del data["header"]["number"]
        with self.assertRaises(render_plan.VanbanError) as caught:
            engine.render("ke-hoach", data, data_name="branch-17.json")
        error = caught.exception
        self.assertEqual(error.exit_code, 6)
        self.assertEqual(error.file, "branch-17.json")
        self.assertEqual(error.json_path, "header")
        self.assertIn("number", error.reason)
        self.assertTrue(error.report.startswith("branch-17.json: error: "))

        with self.assertRaises(render_plan.VanbanError) as missing:
            engine.render("no-such-template", data)
        self.assertEqual(missing.exception.exit_code, 7)

    def test_warnings_carry_their_fields_also_when_the_render_fails(self):
        engine = self.engine()
        data = example_with_legacy_summary()
        warnings = []
        self.assertTrue(engine.render("ke-hoach", data, data_name="pasted.json", warnings=warnings).startswith(b"%PDF-"))
        self.assertEqual([(w.file, w.json_path, w.message) for w in warnings],
                         [("pasted.json", "summary[0]", TCVN3_HINT)])
        self.assertEqual(str(warnings[0]), f"pasted.json: summary[0]: {TCVN3_HINT}")

        failed = []
        del data["header"]["number"]
        with self.assertRaises(render_plan.VanbanError) as caught:
            engine.render("ke-hoach", data, warnings=failed)
        self.assertEqual(caught.exception.exit_code, 6)
        self.assertEqual([(w.file, w.json_path) for w in failed], [("data.json", "summary[0]")])

        clean = []
        engine.render("ke-hoach", example_data(), warnings=clean)
        self.assertEqual(clean, [])

    def test_tcvn3_data_gives_the_model_of_its_utf8_text(self):
        engine = self.engine()
        text = json.dumps(TCVN3_PLAN, ensure_ascii=False)
        expected = engine.render("ke-hoach", text, fmt="model")
        self.assertEqual(json.loads(expected)["closing"]["signature"]["name"], "Nguyễn Thị Minh Hằng")
        for name in ("tcvn3", "TCVN3", "abc"):
            warnings = []
            model = engine.render("ke-hoach", tcvn3_bytes(text), fmt="model", input_encoding=name, warnings=warnings)
            self.assertEqual(model, expected, name)
            self.assertEqual(warnings, [])
        # The form shown as Latin-1 too, read with the same option.
        pasted = json.dumps(example_with_legacy_summary(), ensure_ascii=False)
        self.assertEqual(engine.render("ke-hoach", pasted, fmt="model", input_encoding="tcvn3"),
                         engine.render("ke-hoach", example_data(), fmt="model"))

    def test_an_unknown_input_encoding_raises_a_usage_error(self):
        engine = self.engine()
        with self.assertRaises(render_plan.VanbanError) as caught:
            engine.render("ke-hoach", example_data(), input_encoding="koi8-r")
        self.assertEqual(caught.exception.exit_code, 2)
        self.assertEqual(caught.exception.reason, "unknown input encoding 'koi8-r' (use utf-8, tcvn3, vni or cp1258)")
        self.assertEqual(caught.exception.file, "")

    def test_threads_share_one_engine(self):
        engine = self.engine(fixed_creation_date="2024-01-02T03:04:05Z")
        data = json.dumps(example_data(), ensure_ascii=False)
        expected = engine.render("ke-hoach", data)
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            results = list(pool.map(lambda _: engine.render("ke-hoach", data), range(12)))
        self.assertEqual(len(results), 12)
        self.assertTrue(all(r == expected for r in results))


if __name__ == "__main__":
    unittest.main(verbosity=2)
