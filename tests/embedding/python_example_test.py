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


class ScriptTest(unittest.TestCase):
    """The example run as a program: exit codes, the PDF, and how it reports errors."""

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def run_example(self, data_path, output="plan.pdf"):
        output_path = os.path.join(self.dir.name, output)
        run = subprocess.run([sys.executable, EXAMPLE, "--library", LIBRARY, "--templates", TEMPLATES,
                              "ke-hoach", data_path, output_path], capture_output=True, text=True)
        return run, output_path

    def write(self, name, text):
        path = os.path.join(self.dir.name, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

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
