#include "import/text_reader.hpp"

#include <cctype>

#include "import/failure.hpp"
#include "markup/inline.hpp"
#include "text/utf8.hpp"
#include "vanban/error.hpp"

namespace vanban::import {

namespace {

// UTF-16 with a byte-order mark (Notepad's "Unicode") -> UTF-8; nullopt for other text.
std::optional<std::string> from_utf16(std::string_view bytes) {
    if (bytes.size() < 2) return std::nullopt;
    const auto b0 = static_cast<unsigned char>(bytes[0]), b1 = static_cast<unsigned char>(bytes[1]);
    const bool little = b0 == 0xFF && b1 == 0xFE, big = b0 == 0xFE && b1 == 0xFF;
    if (!little && !big) return std::nullopt;
    std::string out;
    auto unit = [&](std::size_t i) -> char32_t {
        const auto a = static_cast<unsigned char>(bytes[i]), b = static_cast<unsigned char>(bytes[i + 1]);
        return little ? char32_t(a | (b << 8)) : char32_t((a << 8) | b);
    };
    for (std::size_t i = 2; i + 1 < bytes.size(); i += 2) {
        char32_t cp = unit(i);
        if (cp >= 0xD800 && cp < 0xDC00 && i + 3 < bytes.size()) {
            const char32_t low = unit(i + 2);
            if (low >= 0xDC00 && low < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                i += 2;
            }
        }
        text::append_utf8(out, cp);
    }
    return out;
}

// "\-", "\.", "\(" … as converters write them: the character itself. "\*", "\_" and "\\"
// stay for the emphasis reader, which takes them as the characters.
std::string drop_needless_escapes(std::string_view line) {
    std::string out;
    out.reserve(line.size());
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == '\\' && i + 1 < line.size()) {
            const char next = line[i + 1];
            if (next == '*' || next == '_' || next == '\\') {
                out += c;
                out += next;
                ++i;
                continue;
            }
            if (std::ispunct(static_cast<unsigned char>(next))) continue;
        }
        out += c;
    }
    return out;
}

// <sup>1</sup> -> ¹ (the digits and signs Unicode has as superscripts); other tags stay.
std::string superscripts(std::string line) {
    static const char* const digits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    for (std::size_t open = line.find("<sup>"); open != std::string::npos; open = line.find("<sup>", open + 1)) {
        const std::size_t close = line.find("</sup>", open);
        if (close == std::string::npos) break;
        const std::string inner = line.substr(open + 5, close - open - 5);
        std::string raised;
        bool all = !inner.empty();
        for (char c : inner) {
            if (c >= '0' && c <= '9') raised += digits[c - '0'];
            else all = false;
        }
        if (!all) continue;
        line.replace(open, close + 6 - open, raised);
    }
    return line;
}

int leading_columns(std::string_view line, std::size_t& end) {
    int columns = 0;
    end = 0;
    while (end < line.size() && (line[end] == ' ' || line[end] == '\t')) {
        columns = line[end] == '\t' ? (columns / 8 + 1) * 8 : columns + 1;
        ++end;
    }
    return columns;
}

Paragraph read_line(std::string_view raw, int number) {
    Paragraph para;
    para.number = number;
    std::size_t start = 0;
    para.leading_columns = leading_columns(raw, start);
    std::string_view body = raw.substr(start);
    while (!body.empty() && (body.back() == ' ' || body.back() == '\t')) body.remove_suffix(1);
    // "## KẾ HOẠCH": Markdown's heading marks give an outline level.
    std::size_t hashes = 0;
    while (hashes < body.size() && body[hashes] == '#') ++hashes;
    if (hashes >= 1 && hashes <= 6 && hashes < body.size() && body[hashes] == ' ') {
        para.outline_level = static_cast<int>(hashes);
        body.remove_prefix(hashes + 1);
    }
    const std::string cleaned = superscripts(drop_needless_escapes(body));
    for (const model::Run& run : markup::parse_inline({markup::Piece{cleaned, false}})) {
        Span span;
        span.text = run.text;
        span.bold = run.bold;
        span.italic = run.italic;
        span.underline = run.underline;
        para.spans.push_back(std::move(span));
    }
    return para;
}

bool has_emphasis(const Paragraph& p) {
    if (p.style_bold || p.style_italic || p.style_underline) return true;
    for (const Span& span : p.spans)
        if (span.bold || span.italic || span.underline) return true;
    return false;
}

// The span that holds most of the paragraph's text: its font stands for the paragraph's.
const Span* main_span(const Paragraph& p) {
    const Span* main = nullptr;
    for (const Span& span : p.spans)
        if (!main || span.text.size() > main->text.size()) main = &span;
    return main;
}

void reread_paragraph(Paragraph& p) {
    Paragraph line = read_line(p.text(), p.number);
    if (const Span* look = main_span(p))
        for (Span& span : line.spans) {
            span.font = look->font;
            span.size_pt = look->size_pt;
        }
    p.spans = std::move(line.spans);
    p.leading_columns = line.leading_columns;
    if (p.outline_level == 0) p.outline_level = line.outline_level;
}

} // namespace

void reread_as_text(Draft& draft) {
    // vanban's own DOCX says what each paragraph is by its style.
    if (draft.kind != SourceKind::docx || draft.producer == "vanban") return;
    const std::vector<const Paragraph*> paragraphs = all_paragraphs(draft);
    for (const Paragraph* p : paragraphs)
        if (has_emphasis(*p)) return;
    for (Block& block : draft.blocks) {
        if (Paragraph* p = std::get_if<Paragraph>(&block)) {
            reread_paragraph(*p);
            continue;
        }
        for (Row& row : std::get<Table>(block).rows)
            for (Cell& cell : row.cells)
                for (Paragraph& p : cell.paragraphs) reread_paragraph(p);
    }
    draft.read_as_text = true;
}

Draft read_text(std::string_view bytes, const ReadLimits& limits, const std::string& source_name) {
    if (bytes.size() > limits.max_input_bytes)
        fail(ErrorKind::limit, source_name,
             msg("import.too-large", "the file has {size} bytes, past the import's limit of {limit} MB",
                 {{"size", bytes.size()}, {"limit", limits.max_input_bytes >> 20}}));
    std::string converted;
    if (std::optional<std::string> utf16 = from_utf16(bytes)) converted = std::move(*utf16);
    else converted.assign(text::strip_bom(bytes));
    if (const auto bad = text::find_invalid_utf8(converted))
        fail(ErrorKind::data, source_name,
             msg("import.not-utf8", "not a DOCX, and not UTF-8 text"),
             msg("import.hint-convert", "for TCVN3 or VNI text, convert it first: vanban convert --from tcvn3"),
             static_cast<std::int64_t>(*bad));
    const std::string text = text::to_nfc(converted);

    Draft draft;
    draft.kind = SourceKind::text;
    std::size_t start = 0;
    int number = 0;
    while (start <= text.size()) {
        std::size_t end = text.find_first_of("\r\n", start);
        if (end == std::string::npos) end = text.size();
        if (static_cast<std::size_t>(++number) > limits.max_paragraphs)
            fail(ErrorKind::limit, source_name,
                 msg("import.too-many-lines", "the text has more than {limit} lines, past the import's limit",
                     {{"limit", limits.max_paragraphs}}));
        draft.blocks.emplace_back(read_line(std::string_view(text).substr(start, end - start), number));
        if (end == text.size()) break;
        start = end + (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n' ? 2 : 1);
    }
    // A final line break does not start a line.
    if (!draft.blocks.empty() && std::get<Paragraph>(draft.blocks.back()).spans.empty() && !text.empty() &&
        (text.back() == '\n' || text.back() == '\r')) {
        draft.blocks.pop_back();
        --number;
    }
    draft.paragraph_count = number;
    return draft;
}

} // namespace vanban::import
