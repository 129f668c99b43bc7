// libharu's documents take their memory from a per-thread arena (pdf/haru_memory.hpp): a
// document keeps its memory while another one of the same thread comes and goes, and a
// document larger than many of the arena's chunks saves whole.
#include <catch2/catch.hpp>

#include <string>

#include <hpdf.h>

#include "pdf/haru_memory.hpp"

namespace {

void ignore_errors(HPDF_STATUS, HPDF_STATUS, void*) {}

// Adds `count` pages numbered from `first` + 1, each with a bookmark of its own (dictionaries, names, strings: many
// small blocks, well over the arena's 64 KB chunk for a few hundred pages).
void add_pages(HPDF_Doc pdf, int first, int count) {
    for (int i = first; i < first + count; ++i) {
        const HPDF_Page page = HPDF_AddPage(pdf);
        REQUIRE(page != nullptr);
        const HPDF_Outline outline = HPDF_CreateOutline(pdf, nullptr, ("Trang " + std::to_string(i + 1)).c_str(), nullptr);
        REQUIRE(outline != nullptr);
        REQUIRE(HPDF_Outline_SetDestination(outline, HPDF_Page_CreateDestination(page)) == HPDF_OK);
    }
}

std::string saved(HPDF_Doc pdf) {
    REQUIRE(HPDF_SaveToStream(pdf) == HPDF_OK);
    std::string bytes(HPDF_GetStreamSize(pdf), '\0');
    HPDF_UINT32 size = static_cast<HPDF_UINT32>(bytes.size());
    REQUIRE(HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size) == HPDF_OK);
    bytes.resize(size);
    return bytes;
}

} // namespace

TEST_CASE("a libharu document keeps its memory while another one of its thread comes and goes",
          "[pdf][haru_memory]") {
    vanban::pdf::HaruDocument first = vanban::pdf::new_haru_document(ignore_errors, nullptr);
    REQUIRE(first);
    add_pages(first.get(), 0, 300);
    {
        vanban::pdf::HaruDocument second = vanban::pdf::new_haru_document(ignore_errors, nullptr);
        REQUIRE(second);
        add_pages(second.get(), 0, 300);
        CHECK(saved(second.get()).find("/Count 300") != std::string::npos);
    } // the second is freed: the first's blocks must stay as they are
    add_pages(first.get(), 300, 300);
    const std::string pdf = saved(first.get());
    CHECK(pdf.rfind("%PDF-", 0) == 0);
    CHECK(pdf.find("/Count 600") != std::string::npos);
    CHECK(pdf.find("(Trang 1)") != std::string::npos);
    CHECK(pdf.find("(Trang 600)") != std::string::npos);
}

TEST_CASE("libharu documents made one after another on a thread reuse its arena", "[pdf][haru_memory]") {
    for (int round = 0; round < 3; ++round) {
        vanban::pdf::HaruDocument pdf = vanban::pdf::new_haru_document(ignore_errors, nullptr);
        REQUIRE(pdf);
        add_pages(pdf.get(), 0, 200);
        CHECK(saved(pdf.get()).find("/Count 200") != std::string::npos);
    }
}
