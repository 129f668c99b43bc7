#!/usr/bin/env python3
"""Renders a plan to PDF with libvanban.so, through ctypes (the C ABI of vanban/vanban.h).

    render_plan.py [--library PATH] [--templates DIR] [--input-encoding NAME]
                   TEMPLATE DATA.json OUTPUT.pdf

The library is --library, else $VANBAN_LIBRARY, else libvanban.so.0 from the system's
library path. Without --templates the installed templates are used. --input-encoding is the
data's encoding: utf-8 (the default), tcvn3, vni or cp1258 (docs/legacy-encodings.md).
Warnings about the data are printed as the command line prints them. On failure it prints
where and why, and exits with vanban's exit code (docs/errors.md).

The Engine, VanbanError and DataWarning classes below are a small binding that other
programs can copy:

    engine = Engine(load_library(), template_dirs=["templates"])
    pdf = engine.render("ke-hoach", {"header": {...}, ...})       # bytes
    docx = engine.render("ke-hoach", json_text, fmt="docx")
    warnings = []
    pdf = engine.render("ke-hoach", tcvn3_bytes, input_encoding="tcvn3", warnings=warnings)

One Engine may be used from several threads at once; ctypes releases the GIL during each
call, so renders on several threads run in parallel.
"""

import argparse
import ctypes
import json
import os
import sys


class VanbanError(Exception):
    """A failed render: why, where (file, line, column, JSON path), and the exit code."""

    def __init__(self, reason, report, file, line, column, json_path, exit_code):
        super().__init__(report)
        self.reason = reason          # "missing field body"
        self.report = report          # "file:line:col: error: …" with the source line and a caret
        self.file = file
        self.line = line              # 0 when unknown
        self.column = column
        self.json_path = json_path    # "plan.tasks[3].deadline", "" when none
        self.exit_code = exit_code    # 5 data, 6 validation, 7 missing template/profile/font…

    def where(self):
        place = self.file + (f":{self.line}:{self.column}" if self.line else "")
        return place + (f" (field {self.json_path})" if self.json_path else "")


class DataWarning:
    """Something about the data that did not stop the render, e.g. a field that looks like
    TCVN3 text shown as Latin-1."""

    def __init__(self, file, json_path, message):
        self.file = file              # the data's name, as given to render (else "data.json")
        self.json_path = json_path    # "summary[0]"; "" for the data as a whole
        self.message = message        # "looks like TCVN3 text shown as Latin-1; use --input-encoding tcvn3"

    def __str__(self):
        return f"{self.file}: {self.json_path + ': ' if self.json_path else ''}{self.message}"

    def __repr__(self):
        return f"DataWarning({self.file!r}, {self.json_path!r}, {self.message!r})"


def load_library(path=None):
    """Opens libvanban.so and declares the signatures of its C functions."""
    lib = ctypes.CDLL(path or os.environ.get("VANBAN_LIBRARY") or "libvanban.so.0")
    c_str, c_size, ptr = ctypes.c_char_p, ctypes.c_size_t, ctypes.c_void_p
    str_array = ctypes.POINTER(ctypes.c_char_p)
    signatures = {
        "vanban_version": (c_str, []),
        "vanban_engine_new": (ptr, [str_array, c_size, str_array, c_size, c_str]),
        "vanban_engine_free": (None, [ptr]),
        "vanban_render": (ptr, [ptr, c_str, c_str, c_size, c_str, c_str, c_str]),
        "vanban_result_ok": (ctypes.c_int, [ptr]),
        "vanban_result_bytes": (ctypes.POINTER(ctypes.c_ubyte), [ptr, ctypes.POINTER(c_size)]),
        "vanban_result_message": (c_str, [ptr]),
        "vanban_result_reason": (c_str, [ptr]),
        "vanban_result_exit_code": (ctypes.c_int, [ptr]),
        "vanban_result_file": (c_str, [ptr]),
        "vanban_result_line": (ctypes.c_uint, [ptr]),
        "vanban_result_column": (ctypes.c_uint, [ptr]),
        "vanban_result_json_path": (c_str, [ptr]),
        "vanban_result_free": (None, [ptr]),
        "vanban_render_options_new": (ptr, []),
        "vanban_render_options_free": (None, [ptr]),
        "vanban_render_options_set_profile": (ctypes.c_int, [ptr, c_str]),
        "vanban_render_options_set_data_name": (ctypes.c_int, [ptr, c_str]),
        "vanban_render_options_set_input_encoding": (ctypes.c_int, [ptr, c_str]),
        "vanban_render_with": (ptr, [ptr, c_str, c_str, c_size, c_str, ptr]),
        "vanban_result_warning_count": (c_size, [ptr]),
        "vanban_result_warning_message": (c_str, [ptr, c_size]),
        "vanban_result_warning_file": (c_str, [ptr, c_size]),
        "vanban_result_warning_json_path": (c_str, [ptr, c_size]),
    }
    for name, (restype, argtypes) in signatures.items():
        function = getattr(lib, name)
        function.restype, function.argtypes = restype, argtypes
    return lib


def _strings(values):
    encoded = [os.fsencode(v) for v in values]
    return (ctypes.c_char_p * len(encoded))(*encoded) if encoded else None, len(encoded)


class Engine:
    """One vanban engine: templates parsed once, fonts loaded once, renders from any thread."""

    def __init__(self, lib, template_dirs=(), font_dirs=(), fixed_creation_date=None):
        self._lib = lib
        dirs, dir_count = _strings(template_dirs)
        fonts, font_count = _strings(font_dirs)
        date = fixed_creation_date.encode() if fixed_creation_date else None
        self._engine = lib.vanban_engine_new(dirs, dir_count, fonts, font_count, date)
        if not self._engine:
            raise MemoryError("vanban_engine_new")

    def close(self):
        if self._engine:
            self._lib.vanban_engine_free(self._engine)
            self._engine = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()

    def render(self, template, data, fmt="pdf", profile=None, data_name=None, input_encoding=None,
               warnings=None):
        """The document's bytes. data: JSON text (str or bytes) or a JSON-able object.

        input_encoding: "utf-8" (None: the same), "tcvn3", "vni" or "cp1258"; an unknown name
        raises VanbanError with exit code 2. warnings: a list that receives a DataWarning for
        each warning about the data, also when the render fails (VanbanError)."""
        if not isinstance(data, (str, bytes)):
            data = json.dumps(data, ensure_ascii=False)
        if isinstance(data, str):
            data = data.encode("utf-8")
        lib = self._lib
        encode = lambda text: text.encode("utf-8") if text else None
        options = lib.vanban_render_options_new()
        if not options:
            raise MemoryError("vanban_render_options_new")
        try:
            lib.vanban_render_options_set_profile(options, encode(profile))
            lib.vanban_render_options_set_data_name(options, encode(data_name))
            # An unknown name returns 0 and makes the render a usage error, raised below.
            lib.vanban_render_options_set_input_encoding(options, encode(input_encoding))
            result = lib.vanban_render_with(self._engine, template.encode(), data, len(data), fmt.encode(), options)
        finally:
            lib.vanban_render_options_free(options)
        if not result:
            raise MemoryError("vanban_render_with")
        try:
            text = lambda get, *index: get(result, *index).decode("utf-8")
            if warnings is not None:
                for i in range(lib.vanban_result_warning_count(result)):
                    warnings.append(DataWarning(text(lib.vanban_result_warning_file, i),
                                                text(lib.vanban_result_warning_json_path, i),
                                                text(lib.vanban_result_warning_message, i)))
            if lib.vanban_result_ok(result):
                length = ctypes.c_size_t()
                pointer = lib.vanban_result_bytes(result, ctypes.byref(length))
                return ctypes.string_at(pointer, length.value)  # a copy: the result is freed below
            raise VanbanError(text(lib.vanban_result_reason), text(lib.vanban_result_message),
                              text(lib.vanban_result_file), lib.vanban_result_line(result),
                              lib.vanban_result_column(result), text(lib.vanban_result_json_path),
                              lib.vanban_result_exit_code(result))
        finally:
            lib.vanban_result_free(result)


def print_warnings(warnings):
    """As the command line prints them: "warning: plan.json: summary[0]: looks like …"."""
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Render a vanban template to PDF via libvanban.so")
    parser.add_argument("--library", help="path of libvanban.so (default: $VANBAN_LIBRARY, else the system's)")
    parser.add_argument("--templates", action="append", default=[], help="template folder (repeatable)")
    parser.add_argument("--input-encoding", help="the data's encoding: utf-8 (default), tcvn3, vni or cp1258")
    parser.add_argument("template")
    parser.add_argument("data")
    parser.add_argument("output")
    args = parser.parse_args(argv)

    with open(args.data, "rb") as f:
        data = f.read()
    with Engine(load_library(args.library), template_dirs=args.templates) as engine:
        warnings = []
        try:
            pdf = engine.render(args.template, data, "pdf", data_name=args.data,
                                input_encoding=args.input_encoding, warnings=warnings)
        except VanbanError as error:
            print_warnings(warnings)  # they may say why it failed
            where = f"where: {error.where()}\n" if error.file else ""  # a wrong argument has no place
            print(f"{where}why: {error.reason}\n{error.report}", file=sys.stderr)
            return error.exit_code
        print_warnings(warnings)
    with open(args.output, "wb") as f:
        f.write(pdf)
    print(f"wrote {args.output} ({len(pdf)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
