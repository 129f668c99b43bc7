#include "layout/fit_lines.hpp"

#include <algorithm>
#include <limits>

#include "layout/linebreak.hpp"
#include "layout/paragraph.hpp"
#include "model/furniture.hpp"
#include "vanban/message.hpp"

namespace vanban::layout {
namespace {

// A word of a line: the runs it is made of (pieces of the line's runs), and its width.
struct Word {
    model::Inline runs;
    double width = 0;
};

std::vector<Word> words_of(const model::Inline& line, const model::TextStyle& style, const FontFamily& family) {
    std::vector<Word> words;
    bool open = false;
    for (const model::Run& run : line) {
        const TrueTypeFace& face = family.face(face_of(run.bold || style.bold, run.italic || style.italic));
        std::size_t pos = 0;
        while (pos <= run.text.size()) {
            const std::size_t space = std::min(run.text.find(' ', pos), run.text.size());
            if (space > pos) {
                if (!open) words.emplace_back();
                model::Run piece = run;
                piece.text = run.text.substr(pos, space - pos);
                words.back().width += text_width(face, piece.text) * style.size_pt;
                words.back().runs.push_back(std::move(piece));
                open = true;
            }
            if (space < run.text.size()) open = false;
            pos = space + 1;
        }
    }
    return words;
}

// The first word of each line of the balanced break of `widths` into lines of at most
// `width` (words joined by `space`): the fewest lines, and of those the one whose longest
// line is shortest.
std::vector<std::size_t> balanced_breaks(const std::vector<double>& widths, double space, double width) {
    const std::size_t n = widths.size();
    std::vector<double> prefix(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) prefix[i + 1] = prefix[i] + widths[i];
    auto line = [&](std::size_t from, std::size_t to) { // words [from, to)
        return prefix[to] - prefix[from] + space * static_cast<double>(to - from - 1);
    };
    auto fits = [&](std::size_t from, std::size_t to) { return to == from + 1 || line(from, to) <= width - line_room_pt; };

    // The fewest lines: first fit.
    std::size_t lines = 0;
    for (std::size_t from = 0; from < n; ++lines) {
        std::size_t to = from + 1;
        while (to < n && fits(from, to + 1)) ++to;
        from = to;
    }
    // longest[k][j]: the least longest line of words [0, j) in k lines; start[k][j] where the
    // last of those lines starts.
    constexpr double none = std::numeric_limits<double>::infinity();
    std::vector<std::vector<double>> longest(lines + 1, std::vector<double>(n + 1, none));
    std::vector<std::vector<std::size_t>> start(lines + 1, std::vector<std::size_t>(n + 1, 0));
    longest[0][0] = 0;
    for (std::size_t k = 1; k <= lines; ++k)
        for (std::size_t j = 1; j <= n; ++j)
            for (std::size_t i = k - 1; i < j; ++i) {
                if (longest[k - 1][i] == none || !fits(i, j)) continue;
                const double worst = std::max(longest[k - 1][i], line(i, j));
                if (worst < longest[k][j]) {
                    longest[k][j] = worst;
                    start[k][j] = i;
                }
            }
    std::vector<std::size_t> firsts(lines);
    for (std::size_t k = lines, j = n; k > 0; --k) {
        firsts[k - 1] = start[k][j];
        j = start[k][j];
    }
    return firsts;
}

// Appends a run, joining it to the last one when they look the same.
void append_merged(model::Inline& runs, const model::Run& run) {
    if (!runs.empty() && runs.back().bold == run.bold && runs.back().italic == run.italic &&
        runs.back().underline == run.underline) {
        runs.back().text += run.text;
        return;
    }
    runs.push_back(run);
}

// `line` as lines no wider than `width`: itself when it fits, else its balanced break.
std::vector<model::Inline> fit(const model::Inline& line, const model::TextStyle& style, const FontFamily& family,
                               double width) {
    if (model::plain_text(line).find('\n') != std::string::npos) return {line}; // broken by its author
    const std::vector<Word> words = words_of(line, style, family);
    if (words.size() < 2) return {line};
    std::vector<double> widths;
    for (const Word& word : words) widths.push_back(word.width);
    const double space = family.face(face_of(style.bold, style.italic)).advance(U' ') * style.size_pt;
    const std::vector<std::size_t> firsts = balanced_breaks(widths, space, width);
    if (firsts.size() < 2) return {line};
    std::vector<model::Inline> lines;
    for (std::size_t k = 0; k < firsts.size(); ++k) {
        const std::size_t end = k + 1 < firsts.size() ? firsts[k + 1] : words.size();
        model::Inline out;
        for (std::size_t w = firsts[k]; w < end; ++w) {
            if (w > firsts[k]) out.back().text += ' '; // the space after a word has its style
            for (const model::Run& piece : words[w].runs) append_merged(out, piece);
        }
        lines.push_back(std::move(out));
    }
    return lines;
}

model::Inline plain(const std::string& text) { return model::Inline{model::Run{text}}; }

// A line the data gave, broken when it is wider than its column; `what` names the element
// in the warning.
void fit_text_lines(std::vector<std::string>& lines, const model::TextStyle& style, const FontFamily& family,
                    double width, const Message& what, std::vector<Message>& warnings) {
    std::vector<std::string> fitted;
    for (const std::string& line : lines) {
        const std::vector<model::Inline> parts = fit(plain(line), style, family, width);
        if (parts.size() > 1) {
            std::string shown;
            for (const model::Inline& part : parts) shown += (shown.empty() ? "" : " / ") + model::plain_text(part);
            warnings.push_back(msg("layout.line-broken",
                                   "{element} \"{line}\" is wider than its column and was broken as \"{lines}\"; "
                                   "give its lines in the data to choose where it breaks",
                                   {{"element", what}, {"line", line}, {"lines", shown}}));
        }
        for (const model::Inline& part : parts) fitted.push_back(model::plain_text(part));
    }
    lines = std::move(fitted);
}

} // namespace

std::vector<std::string> balanced_lines(const std::string& text, const model::TextStyle& style,
                                        const FontFamily& family, double width) {
    std::vector<std::string> lines;
    for (const model::Inline& line : fit(plain(text), style, family, width)) lines.push_back(model::plain_text(line));
    return lines;
}

std::vector<Message> fit_furniture_lines(model::Document& doc, const FontFamily& family) {
    const model::Profile& profile = doc.profile;
    std::vector<Message> warnings;
    if (doc.header) {
        const double left = model::twips_to_pt(model::header_columns(profile).left);
        fit_text_lines(doc.header->superior, profile.header.superior_style, family, left, msg("layout.element-superior", "the superior body's line"), warnings);
        fit_text_lines(doc.header->issuer, profile.header.issuer_style, family, left, msg("layout.element-issuer", "the issuer's line"), warnings);
    }
    if (doc.closing.signature) {
        const double right = model::twips_to_pt(model::closing_columns(profile).right);
        model::Signature& signature = *doc.closing.signature;
        fit_text_lines(signature.authority, profile.signature_authority, family, right, msg("layout.element-authority", "the signer's authority line"),
                       warnings);
        fit_text_lines(signature.position, profile.signature_position, family, right, msg("layout.element-position", "the signer's position line"),
                       warnings);
    }
    const double body = model::twips_to_pt(model::text_block_width_twips(profile.page));
    for (model::Appendix& appendix : doc.appendices) {
        fit_text_lines(appendix.title, profile.appendix_title, family, body, msg("layout.element-appendix-title", "the appendix title line"),
                       warnings);
        std::vector<model::Inline> subtitle;
        for (const model::Inline& line : appendix.subtitle)
            for (model::Inline& part : fit(line, profile.appendix_subtitle, family, body)) subtitle.push_back(std::move(part));
        appendix.subtitle = std::move(subtitle);
    }
    return warnings;
}

} // namespace vanban::layout
