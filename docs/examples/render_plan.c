/* Renders a plan to PDF through the C ABI of libvanban.so (vanban/vanban.h).
 *
 *   render_plan_c [--input-encoding NAME] TEMPLATE DATA.json OUTPUT.pdf [TEMPLATE_DIR]
 *
 * Without TEMPLATE_DIR the installed templates are used. NAME is the data's encoding:
 * utf-8 (the default), tcvn3, vni or cp1258 (docs/legacy-encodings.md). Warnings about the
 * data are printed as the command line prints them ("warning: DATA.json: summary[0]: looks
 * like TCVN3 text …"). On failure it prints where and why, and exits with vanban's exit
 * code (docs/errors.md). Build it with
 *   cc render_plan.c $(pkg-config --cflags --libs vanban)
 * or with find_package(vanban) and the target vanban::vanban. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vanban/vanban.h>

/* The whole file in a malloc'ed buffer, or NULL. */
static char* read_file(const char* path, size_t* length) {
    FILE* file = fopen(path, "rb");
    char* text = NULL;
    long size;
    if (!file) return NULL;
    if (fseek(file, 0, SEEK_END) == 0 && (size = ftell(file)) >= 0 && fseek(file, 0, SEEK_SET) == 0) {
        text = malloc((size_t)size + 1);
        if (text && fread(text, 1, (size_t)size, file) != (size_t)size) {
            free(text);
            text = NULL;
        }
        *length = (size_t)size;
    }
    fclose(file);
    return text;
}

/* What a program would show its user: the location and the field (when the failure has
 * one: a wrong argument has not), then vanban's own report. */
static void report(const vanban_result* result) {
    if (*vanban_result_file(result)) {
        fprintf(stderr, "where: %s", vanban_result_file(result));
        if (vanban_result_line(result) > 0)
            fprintf(stderr, ":%u:%u", vanban_result_line(result), vanban_result_column(result));
        if (*vanban_result_json_path(result)) fprintf(stderr, " (field %s)", vanban_result_json_path(result));
        fputc('\n', stderr);
    }
    fprintf(stderr, "why: %s\n%s\n", vanban_result_reason(result), vanban_result_message(result));
}

/* Warnings did not stop the render, but the user should see them: a field that looks like
 * TCVN3 text shown as Latin-1 prints as mojibake. Shown as the command line shows them. */
static void print_warnings(const vanban_result* result) {
    size_t i;
    for (i = 0; i < vanban_result_warning_count(result); ++i) {
        const char* field = vanban_result_warning_json_path(result, i);
        fprintf(stderr, "warning: %s: %s%s%s\n", vanban_result_warning_file(result, i), field, *field ? ": " : "",
                vanban_result_warning_message(result, i));
    }
}

static int write_file(const char* path, const unsigned char* bytes, size_t length) {
    FILE* file = fopen(path, "wb");
    int ok = file && fwrite(bytes, 1, length, file) == length;
    if (file && fclose(file) != 0) ok = 0;
    return ok;
}

int main(int argc, char** argv) {
    const char* template_dirs[1];
    const char* encoding = NULL; /* NULL: UTF-8 */
    size_t data_length = 0;
    char* data;
    vanban_engine* engine;
    vanban_render_options* options;
    vanban_result* result;
    int code;

    if (argc > 2 && strcmp(argv[1], "--input-encoding") == 0) {
        encoding = argv[2];
        argv += 2; /* the rest as if the option had not been there */
        argc -= 2;
    }
    if (argc < 4 || argc > 5) {
        fprintf(stderr, "usage: render_plan_c [--input-encoding NAME] TEMPLATE DATA.json OUTPUT.pdf [TEMPLATE_DIR]\n");
        return 2;
    }
    data = read_file(argv[2], &data_length);
    if (!data) {
        fprintf(stderr, "cannot read %s\n", argv[2]);
        return 5;
    }
    template_dirs[0] = argc == 5 ? argv[4] : NULL;
    /* Once per program: the engine keeps parsed templates and loaded fonts. */
    engine = vanban_engine_new(argc == 5 ? template_dirs : NULL, argc == 5 ? 1 : 0, NULL, 0, NULL);
    /* The options may serve every render of the program too. */
    options = vanban_render_options_new();
    if (!engine || !options) {
        vanban_render_options_free(options);
        vanban_engine_free(engine);
        free(data);
        fprintf(stderr, "out of memory\n");
        return 9;
    }
    vanban_render_options_set_data_name(options, argv[2]);
    /* An unknown name returns 0 here and makes the render below a usage error (exit code 2)
     * that says which names there are: it is reported with every other failure. */
    vanban_render_options_set_input_encoding(options, encoding);

    result = vanban_render_with(engine, argv[1], data, data_length, "pdf", options);
    print_warnings(result); /* also when the render failed: they may say why */
    code = vanban_result_exit_code(result);
    if (vanban_result_ok(result)) {
        size_t length = 0;
        const unsigned char* pdf = vanban_result_bytes(result, &length);
        if (write_file(argv[3], pdf, length)) {
            printf("wrote %s (%zu bytes)\n", argv[3], length);
        } else {
            fprintf(stderr, "cannot write %s\n", argv[3]);
            code = 8;
        }
    } else {
        report(result);
    }

    vanban_result_free(result);
    vanban_render_options_free(options);
    vanban_engine_free(engine);
    free(data);
    return code;
}
