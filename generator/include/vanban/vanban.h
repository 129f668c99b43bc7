/* The vanban C ABI: for Python (ctypes), Node, C# and any language that can call C.
 *
 *   const char* dirs[] = {"templates"};
 *   vanban_engine* engine = vanban_engine_new(dirs, 1, NULL, 0, NULL);
 *   vanban_result* r = vanban_render(engine, "ke-hoach", json, json_len, "pdf", NULL);
 *   if (vanban_result_ok(r)) { size_t n; const unsigned char* pdf = vanban_result_bytes(r, &n); … }
 *   else fprintf(stderr, "%s", vanban_result_message(r));
 *   vanban_result_free(r);
 *   vanban_engine_free(engine);
 *
 * One engine may be used from several threads at once. Every string is UTF-8. Nothing here
 * throws or aborts: failures are results with a message and an exit code.
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

/* "0.1.0" */
VANBAN_API const char* vanban_version(void);

/* Creates an engine. template_dirs: folders holding templates (NAME/main.vbt), _shared/ and
 * _profiles/; font_dirs: extra font folders (may be NULL with 0); fixed_creation_date: ISO 8601
 * for byte-identical output, or NULL. Returns NULL only when memory runs out. */
VANBAN_API vanban_engine* vanban_engine_new(const char* const* template_dirs, size_t template_dir_count,
                                            const char* const* font_dirs, size_t font_dir_count,
                                            const char* fixed_creation_date);
VANBAN_API void vanban_engine_free(vanban_engine* engine);

/* Renders template_name with the JSON data (data_len bytes). format: "pdf", "docx" or "model".
 * profile: "party", "state" or NULL (the data's "profile" field, else party).
 * Always returns a result (NULL only when memory runs out); free it with vanban_result_free. */
VANBAN_API vanban_result* vanban_render(const vanban_engine* engine, const char* template_name,
                                        const char* data_json, size_t data_len, const char* format,
                                        const char* profile);

/* 1 when the document was rendered, 0 otherwise. */
VANBAN_API int vanban_result_ok(const vanban_result* result);
/* The document's bytes (PDF, DOCX, or model JSON); NULL on failure. */
VANBAN_API const unsigned char* vanban_result_bytes(const vanban_result* result, size_t* length);
/* The full message (with location, source line and caret), "" on success. */
VANBAN_API const char* vanban_result_message(const vanban_result* result);
/* The exit code of the error's kind (docs/errors.md), 0 on success. */
VANBAN_API int vanban_result_exit_code(const vanban_result* result);
/* Where: template or data file, line and column (0 when unknown), and the JSON path ("" when none). */
VANBAN_API const char* vanban_result_file(const vanban_result* result);
VANBAN_API unsigned vanban_result_line(const vanban_result* result);
VANBAN_API unsigned vanban_result_column(const vanban_result* result);
VANBAN_API const char* vanban_result_json_path(const vanban_result* result);
VANBAN_API void vanban_result_free(vanban_result* result);

#ifdef __cplusplus
}
#endif

#endif /* VANBAN_H */
