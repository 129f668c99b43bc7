#include "support.hpp"

#include <fstream>

#include <zip.h>

#include <catch2/catch.hpp>

#include "docx/docx.hpp"

namespace vanban::docx_test {

using vanban::testing::shell_quote;

std::vector<Entry> unzip(const std::string& bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    REQUIRE(source != nullptr);
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (!archive) {
        zip_source_free(source);
        FAIL("libzip cannot open the DOCX: " << zip_error_strerror(&error));
    }
    std::vector<Entry> entries;
    zip_int64_t count = zip_get_num_entries(archive, 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t stat;
        REQUIRE(zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat) == 0);
        Entry entry{stat.name, std::string(static_cast<std::size_t>(stat.size), '\0'),
                    static_cast<long long>(stat.mtime), stat.crc, stat.comp_method, stat.comp_size};
        zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
        REQUIRE(file != nullptr);
        zip_int64_t read = zip_fread(file, entry.data.data(), entry.data.size());
        zip_fclose(file);
        REQUIRE(read == static_cast<zip_int64_t>(stat.size));
        entries.push_back(std::move(entry));
    }
    zip_close(archive);
    return entries;
}

const Entry* find_entry(const std::vector<Entry>& entries, const std::string& name) {
    for (const Entry& e : entries)
        if (e.name == name) return &e;
    return nullptr;
}

void parse_part(pugi::xml_document& document, const std::string& xml, const std::string& name) {
    pugi::xml_parse_result result = document.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata);
    INFO(name << ": " << result.description() << " at offset " << result.offset);
    REQUIRE(result);
}

void render_part(pugi::xml_document& document, const model::Document& doc, const std::string& part) {
    std::vector<Entry> entries = unzip(docx::render_docx(doc, {"2019-03-25T08:00:00Z"}));
    const Entry* entry = find_entry(entries, part);
    INFO(part);
    REQUIRE(entry != nullptr);
    parse_part(document, entry->data, part);
}

namespace {
void collect_text(pugi::xml_node node, std::string& out) {
    for (pugi::xml_node child : node.children()) {
        std::string_view name = child.name();
        if (name == "w:t") out += child.text().get();
        else if (name == "w:br") out += '\n';
        else if (name == "w:tab") out += '\t';
        else collect_text(child, out);
    }
}
} // namespace

std::string text_of(pugi::xml_node node) {
    std::string out;
    collect_text(node, out);
    return out;
}

void write_file(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    REQUIRE(out.good());
}

CommandResult run_command(const std::string& command, int timeout_seconds) {
    return vanban::testing::read_command("timeout --kill-after=10 " + std::to_string(timeout_seconds) + " sh -c " +
                                         shell_quote(command) + " 2>&1");
}

bool have_program(const std::string& program) {
    if (program.find('/') != std::string::npos) return std::filesystem::exists(program);
    return run_command("command -v " + shell_quote(program), 10).exit_code == 0;
}

} // namespace vanban::docx_test
