#include "markup/line.hpp"

#include <algorithm>

namespace vanban::markup {

namespace {

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::uint32_t count_code_points(std::string_view text) {
    std::uint32_t count = 0;
    for (char c : text)
        if (!is_continuation_byte(c)) ++count;
    return count;
}

bool is_blank(std::string_view text) {
    return std::all_of(text.begin(), text.end(), is_space);
}

} // namespace

void Line::append(std::string_view piece, bool from_template, std::uint32_t source,
                  tmpl::Origin origin) {
    if (piece.empty()) return;
    segments.push_back(Segment{static_cast<std::uint32_t>(text.size()), from_template, source,
                               origin});
    text.append(piece);
}

void Line::truncate(std::size_t size) {
    text.resize(std::min(size, text.size()));
    while (!segments.empty() && segments.back().begin >= text.size()) segments.pop_back();
}

const Segment& Line::segment_at(std::size_t pos) const {
    auto after = std::upper_bound(segments.begin(), segments.end(), pos,
                                  [](std::size_t p, const Segment& s) { return p < s.begin; });
    return *(after - 1);
}

tmpl::Origin Line::origin_at(std::size_t pos) const {
    if (segments.empty()) return {};
    const bool past_end = pos >= text.size();
    const Segment& segment = segment_at(past_end ? text.size() - 1 : pos);
    if (!segment.from_template) return segment.origin;
    // A template segment never holds a line break, so its characters sit on one source line.
    tmpl::Origin origin = segment.origin;
    const std::size_t upto = past_end ? text.size() : pos;
    origin.column += count_code_points(std::string_view(text).substr(segment.begin, upto - segment.begin));
    return origin;
}

Range trim(const std::string& text, Range range) {
    while (range.begin < range.end && is_space(text[range.begin])) ++range.begin;
    while (range.end > range.begin && is_space(text[range.end - 1])) --range.end;
    return range;
}

LineReader::LineReader(const std::vector<tmpl::Fragment>& fragments) : fragments_(fragments) {}

bool LineReader::next(Line& line) {
    for (;;) {
        line.clear();
        if (!read_physical(line, false)) return false;
        tmpl::Origin backslash;
        while (take_continuation(line, backslash)) {
            // The two source lines read as one, joined by a single space.
            line.append(" ", true, 0, backslash);
            if (!read_physical(line, true)) break;
        }
        if (!is_blank(line.text)) return true;
    }
}

bool LineReader::read_physical(Line& line, bool skip_leading_space) {
    if (fragment_ >= fragments_.size()) return false;
    while (fragment_ < fragments_.size()) {
        const tmpl::Fragment& fragment = fragments_[fragment_];
        const auto source = static_cast<std::uint32_t>(fragment_);
        if (offset_ == 0) position_ = fragment.origin;
        std::string_view rest = std::string_view(fragment.text).substr(offset_);

        if (!fragment.from_template) {
            // A value is never cut: a line break inside it is a line break in the paragraph.
            if (skip_leading_space) {
                while (!rest.empty() && is_space(rest.front())) rest.remove_prefix(1);
                skip_leading_space = rest.empty();
            }
            line.append(rest, false, source, fragment.origin);
            ++fragment_;
            offset_ = 0;
            continue;
        }

        const std::size_t line_break = rest.find('\n');
        std::string_view part = rest.substr(0, line_break);
        tmpl::Origin origin = position_;
        if (skip_leading_space) {
            std::size_t skipped = 0;
            while (skipped < part.size() && is_space(part[skipped])) ++skipped;
            part.remove_prefix(skipped);
            origin.column += static_cast<std::uint32_t>(skipped); // white space is ASCII
            skip_leading_space = part.empty();
        }
        line.append(part, true, source, origin);

        if (line_break == std::string_view::npos) {
            ++fragment_;
            offset_ = 0;
            continue;
        }
        offset_ += line_break + 1;
        position_.line += 1;
        position_.column = 1;
        if (offset_ >= fragment.text.size()) {
            ++fragment_;
            offset_ = 0;
        }
        return true;
    }
    return true;
}

bool LineReader::take_continuation(Line& line, tmpl::Origin& backslash) {
    std::size_t end = line.text.size();
    while (end > 0 && is_space(line.text[end - 1]) && line.from_template(end - 1)) --end;
    if (end == 0 || !line.template_char(end - 1, '\\')) return false;
    // "\\" is an escaped backslash: only an odd run of them ends in a continuation mark.
    std::size_t first = end - 1;
    while (first > 0 && line.template_char(first - 1, '\\')) --first;
    if ((end - first) % 2 == 0) return false;

    backslash = line.origin_at(end - 1);
    std::size_t cut = end - 1;
    while (cut > 0 && is_space(line.text[cut - 1])) --cut;
    line.truncate(cut);
    return true;
}

} // namespace vanban::markup
