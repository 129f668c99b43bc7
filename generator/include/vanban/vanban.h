/* The vanban C ABI, in libvanban.so: for C, Python (ctypes), Node, C# and any language that
 * can call C. See docs/embedding.md; examples in docs/examples/.
 *
 *   vanban_engine* engine = vanban_engine_new(NULL, 0, NULL, 0, NULL);  // installed templates
 *   vanban_result* r = vanban_render(engine, "ke-hoach", json, json_len, "pdf", NULL, "plan.json");
 *   if (vanban_result_ok(r)) { size_t n; const unsigned char* pdf = vanban_result_bytes(r, &n); … }
 *   else fprintf(stderr, "%s", vanban_result_message(r));
 *   vanban_result_free(r);
 *   vanban_engine_free(engine);
 *
 * More options (the data's input encoding …) go through a vanban_render_options and
 * vanban_render_with; either call's result also lists the warnings about the data
 * (vanban_result_warning_count …), which a successful render may carry too.
 *
 * Threads: one engine may serve vanban_render and vanban_render_with from several threads at
 * once. A result belongs to the caller: read it from any thread, free it once. Free the
 * engine after every render on it has returned (results stay valid after the engine is
 * freed).
 *
 * Every string is UTF-8. Nothing here throws or aborts: failures are results carrying a
 * message, a location and the exit code of docs/errors.md.
 */
#ifndef VANBAN_H
#define VANBAN_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define VANBAN_API __attribute__((visibility("default")))
#else
#define VANBAN_API
#endif

typedef struct vanban_engine vanban_engine;
typedef struct vanban_result vanban_result;
typedef struct vanban_render_options vanban_render_options;

/* The library's version, e.g. "0.1.0". */
VANBAN_API const char* vanban_version(void);

/* Creates an engine.
 *   template_dirs: folders holding templates (NAME/main.vbt), _shared/ and _profiles/,
 *                  searched in order; NULL with 0: the installed templates
 *                  (share/vanban/templates).
 *   font_dirs:     extra font folders searched first; may be NULL with 0.
 *   fixed_creation_date: ISO 8601, written into every document for byte-identical output;
 *                  NULL: the time of rendering.
 * Returns NULL only when memory runs out. Templates and fonts are read when first used, so
 * a folder that does not exist shows up as an error of the first render. */
VANBAN_API vanban_engine* vanban_engine_new(const char* const* template_dirs, size_t template_dir_count,
                                            const char* const* font_dirs, size_t font_dir_count,
                                            const char* fixed_creation_date);
/* Frees the engine; NULL is allowed. */
VANBAN_API void vanban_engine_free(vanban_engine* engine);

/* Renders template_name ("ke-hoach") with the JSON data (data_len bytes, need not end in NUL).
 *   format:    "pdf", "docx" or "model" (the document model as JSON).
 *   profile:   "party", "state", or NULL (the data's "profile" field, else party).
 *   data_name: how messages name the data, e.g. its file name; NULL: "data.json".
 * Always returns a result (NULL only when memory runs out); free it with vanban_result_free. */
VANBAN_API vanban_result* vanban_render(const vanban_engine* engine, const char* template_name,
                                        const char* data_json, size_t data_len, const char* format,
                                        const char* profile, const char* data_name);

/* Options of a render beyond those of vanban_render, set one by one so that later versions
 * can add more without changing these functions. A new options object holds the defaults:
 * profile from the data, data name "data.json", input encoding UTF-8. Setters copy their
 * string. One options object may serve renders on several threads at once, as long as no
 * setter runs on it meanwhile. Returns NULL only when memory runs out. */
VANBAN_API vanban_render_options* vanban_render_options_new(void);
/* Frees the options; NULL is allowed. Results rendered with them do not depend on them. */
VANBAN_API void vanban_render_options_free(vanban_render_options* options);
/* "party", "state" …; NULL or "": the data's "profile" field, else party. (Every setter takes
 * "" as NULL, the default: unlike `vanban render --profile ""` and `?profile=`, which are
 * refused; docs/embedding.md.)
 * Returns 1, or 0 when options is NULL (or memory ran out: nothing changed). */
VANBAN_API int vanban_render_options_set_profile(vanban_render_options* options, const char* profile);
/* How messages and warnings name the data, e.g. its file name; NULL or "": "data.json".
 * Returns 1, or 0 when options is NULL (or memory ran out: nothing changed). */
VANBAN_API int vanban_render_options_set_data_name(vanban_render_options* options, const char* data_name);
/* The encoding of the data text (docs/legacy-encodings.md): "utf-8" (also "utf8"), "tcvn3"
 * (also "abc", "tcvn"), "vni", "cp1258" (also "windows-1258"), in any case; NULL or "":
 * UTF-8. Legacy text is decoded before the JSON is parsed, whether it holds raw legacy
 * bytes or legacy bytes shown as Latin-1 and saved as UTF-8.
 * Returns 1 when the name is known; 0 when options is NULL, or when the name is unknown:
 * the name is kept, and every render with these options is then a usage error (exit code
 * 2) saying "unknown input encoding 'NAME' (use utf-8, tcvn3, vni or cp1258)", until a
 * known name, NULL or "" is set. */
VANBAN_API int vanban_render_options_set_input_encoding(vanban_render_options* options, const char* encoding);
/* The language of the messages of the results rendered with these options
 * (vanban_result_message, _reason, _hint, _warning_message): "vi" (also "vi_VN.UTF-8"…) or
 * "en"; NULL or "": English. Both languages stay available through vanban_result_message_in.
 * Returns 1 when the language is known; 0 when options is NULL or the name is unknown
 * (nothing changed). */
VANBAN_API int vanban_render_options_set_language(vanban_render_options* options, const char* language);
/* Only appendix `number` of the document (1 for the first), as a file of its own: every
 * format then holds that appendix alone, and the PDF the agency's unsigned signature field
 * "appendix-agency" at the top right of its first page (NĐ30; docs/electronic.md). 0: the
 * whole document (the default). A number the document does not have makes every render
 * with these options a usage error (exit code 2) that says how many appendices it has.
 * Returns 1, or 0 when options is NULL (nothing changed). */
VANBAN_API int vanban_render_options_set_appendix(vanban_render_options* options, size_t number);

/* As vanban_render, with the options above; options NULL: the defaults. Misuse (a NULL
 * engine, template name or format, NULL data with data_len > 0, an unknown format or input
 * encoding) is a result with exit code 2 (usage), as with vanban_render. Always returns a
 * result (NULL only when memory runs out); free it with vanban_result_free. */
VANBAN_API vanban_result* vanban_render_with(const vanban_engine* engine, const char* template_name,
                                             const char* data_json, size_t data_len, const char* format,
                                             const vanban_render_options* options);

/* 1 when the document was rendered, 0 otherwise. */
VANBAN_API int vanban_result_ok(const vanban_result* result);
/* The document's bytes (PDF, DOCX, or model JSON), valid until the result is freed; NULL on
 * failure. *length (when length is not NULL) receives their number, 0 on failure. */
VANBAN_API const unsigned char* vanban_result_bytes(const vanban_result* result, size_t* length);

/* On failure — every string is "" and every number 0 on success: */
/* The full report, as the command line prints it: "file:line:col: error: message", then the
 * source line and a caret when known. Several lines, without a final newline. */
VANBAN_API const char* vanban_result_message(const vanban_result* result);
/* The one-line reason alone, without location: "missing field body". */
VANBAN_API const char* vanban_result_reason(const vanban_result* result);
/* What to do about it, when there is something to say: "" otherwise. */
VANBAN_API const char* vanban_result_hint(const vanban_result* result);
/* The stable code of the error, for programs: "template.unknown-filter", "data.invalid-utf8"
 * … (docs/errors.md). It never changes when the wording does; "" on success. */
VANBAN_API const char* vanban_result_code(const vanban_result* result);
/* The full report and the reason in a language ("vi" or "en"; an unknown or NULL name: the
 * language of the options), whatever language the options chose. */
VANBAN_API const char* vanban_result_message_in(const vanban_result* result, const char* language);
VANBAN_API const char* vanban_result_reason_in(const vanban_result* result, const char* language);
/* The exit code of the error's kind (docs/errors.md): 5 data, 6 validation, 7 resource… */
VANBAN_API int vanban_result_exit_code(const vanban_result* result);
/* Where: the template or data file, line and column (0 when unknown; columns count code
 * points), and the JSON path of the field ("plan.tasks[3].deadline", "" when none). */
VANBAN_API const char* vanban_result_file(const vanban_result* result);
VANBAN_API unsigned vanban_result_line(const vanban_result* result);
VANBAN_API unsigned vanban_result_column(const vanban_result* result);
VANBAN_API const char* vanban_result_json_path(const vanban_result* result);

/* Warnings about the data, from vanban_render and vanban_render_with alike: things worth
 * telling that did not stop the render, e.g. a field that looks like TCVN3 text shown as
 * Latin-1. A result may carry them whether it is ok or not; a misuse result has none.
 * At most 20 name a field; one more, with json_path "", says how many fields were not
 * listed. The command line prints each as "warning: FILE: JSON_PATH: MESSAGE".
 * For a NULL result the count is 0; for a NULL result or an index >= the count every
 * string is "". Strings are valid until the result is freed. */
VANBAN_API size_t vanban_result_warning_count(const vanban_result* result);
/* What: "looks like TCVN3 text shown as Latin-1; use --input-encoding tcvn3". */
VANBAN_API const char* vanban_result_warning_message(const vanban_result* result, size_t index);
/* The data the warning is about: the data name of the render ("data.json" when none was
 * given). Warnings carry no line or column: they are found in the parsed data. */
VANBAN_API const char* vanban_result_warning_file(const vanban_result* result, size_t index);
/* The field: "header.issuer[0]"; "" for the data as a whole. */
VANBAN_API const char* vanban_result_warning_json_path(const vanban_result* result, size_t index);

/* Word drafts in (docs/import.md): a DOCX or UTF-8 text draft (its bytes) -> the JSON data of
 * a template, which renders, validates and batches like any data.
 *   template_name: "ke-hoach", "bao-cao", or NULL: chosen by the document's type.
 *   profile:       "party", "state", or NULL: told from the header.
 *   source_name:   how messages name the input; NULL: "document".
 * On success vanban_result_bytes is the data (UTF-8 JSON) and vanban_result_template names its
 * template; what the import could not place or had to fill in are findings (warnings, below);
 * vanban_result_words_in / _words_kept tell how many of the draft's words the rendered
 * document keeps. Failures: exit code 5 (not readable: not a DOCX, damaged, password-protected,
 * no text), 9 (a limit: zip bomb, huge document), 2 (misuse). */
VANBAN_API vanban_result* vanban_import(const vanban_engine* engine, const unsigned char* bytes, size_t length,
                                        const char* template_name, const char* profile, const char* source_name);
/* Checks a DOCX or text draft, or JSON data (docs/check.md): format and content findings.
 *   profile: as above; as_of: "YYYY-MM-DD", the day the names the 2025 reform ended are
 *   judged on (NULL: the document's own date, else today).
 * vanban_result_ok is 1 when the check ran (no bytes); vanban_result_exit_code is then 0, or
 * 11 when a finding is an error (something to fix before the document is issued). */
VANBAN_API vanban_result* vanban_check(const vanban_engine* engine, const unsigned char* bytes, size_t length,
                                       const char* profile, const char* as_of, const char* source_name);
/* The template the imported data is for ("ke-hoach", "bao-cao"); "" for other results. */
VANBAN_API const char* vanban_result_template(const vanban_result* result);
/* The draft's words, and how many of them the document rendered from the import keeps. */
VANBAN_API size_t vanban_result_words_in(const vanban_result* result);
VANBAN_API size_t vanban_result_words_kept(const vanban_result* result);
/* Findings of vanban_check and vanban_import, errors first, each in the document's order. For
 * a NULL result or an index >= the count: severity 0, strings "", paragraph 0. */
VANBAN_API size_t vanban_result_finding_count(const vanban_result* result);
/* 2 error (must be fixed), 1 warning. */
VANBAN_API int vanban_result_finding_severity(const vanban_result* result, size_t index);
/* The stable code: "check.number-colon-party", "import.closing-line". */
VANBAN_API const char* vanban_result_finding_code(const vanban_result* result, size_t index);
/* The whole line as the command line prints it, in "vi" or "en" (NULL or another name: English):
 * "plan.docx: paragraph 12 “Số: 19-KH/CB”: error: … [check.number-colon-party]". */
VANBAN_API const char* vanban_result_finding_text(const vanban_result* result, size_t index, const char* language);
/* The paragraph of a DOCX (or line of a text draft) it is about, 0 when none; the data's field. */
VANBAN_API unsigned vanban_result_finding_paragraph(const vanban_result* result, size_t index);
VANBAN_API const char* vanban_result_finding_json_path(const vanban_result* result, size_t index);

/* Frees the result and its bytes; NULL is allowed. */
VANBAN_API void vanban_result_free(vanban_result* result);

#ifdef __cplusplus
}
#endif

#endif /* VANBAN_H */
