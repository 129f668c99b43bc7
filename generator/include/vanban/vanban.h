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
 * Threads: one engine may serve vanban_render from several threads at once. A result belongs
 * to the caller: read it from any thread, free it once. Free the engine after every render
 * on it has returned (results stay valid after the engine is freed).
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
/* The exit code of the error's kind (docs/errors.md): 5 data, 6 validation, 7 resource… */
VANBAN_API int vanban_result_exit_code(const vanban_result* result);
/* Where: the template or data file, line and column (0 when unknown; columns count code
 * points), and the JSON path of the field ("plan.tasks[3].deadline", "" when none). */
VANBAN_API const char* vanban_result_file(const vanban_result* result);
VANBAN_API unsigned vanban_result_line(const vanban_result* result);
VANBAN_API unsigned vanban_result_column(const vanban_result* result);
VANBAN_API const char* vanban_result_json_path(const vanban_result* result);

/* Frees the result and its bytes; NULL is allowed. */
VANBAN_API void vanban_result_free(vanban_result* result);

#ifdef __cplusplus
}
#endif

#endif /* VANBAN_H */
