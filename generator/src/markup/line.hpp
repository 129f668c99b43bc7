// Logical lines of evaluated template output, with the provenance of every byte.
//
// The markup layer reads the evaluated text line by line, but it must still know, for each
// character, whether the template author wrote it (only such characters make structure) and
// where in the template it came from (for error positions). A Line is therefore one string
// plus a short list of segments, each saying "from this byte on, the text came from here".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "template/output.hpp"

namespace vanban::markup {

struct Segment {
    std::uint32_t begin = 0;    // first byte of the segment in Line::text
    bool from_template = true;
    std::uint32_t source = 0;   // index of the fragment it came from (tells data values apart)
    tmpl::Origin origin;        // template text: position of the segment's first character;
                                // data: position of the {{ … }} tag that printed it
};

struct Line {
    std::string text;
    std::vector<Segment> segments; // ordered by begin; the first one starts at 0

    void clear() {
        text.clear();
        segments.clear();
    }
    void append(std::string_view piece, bool from_template, std::uint32_t source,
                tmpl::Origin origin);
    // Drops every byte from `size` on.
    void truncate(std::size_t size);

    // The segment holding byte `pos` (pos < text.size()).
    const Segment& segment_at(std::size_t pos) const;
    bool from_template(std::size_t pos) const { return segment_at(pos).from_template; }
    // True when byte `pos` exists, equals `c` and was written by the template author.
    bool template_char(std::size_t pos, char c) const {
        return pos < text.size() && text[pos] == c && from_template(pos);
    }
    // Template position of byte `pos`: exact for template text (columns count code points),
    // the tag's position for data. pos == text.size() gives the position just past the end.
    tmpl::Origin origin_at(std::size_t pos) const;
};

// ASCII white space; a "\n" can only be here when it came from data.
inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// A half-open byte range [begin, end) of a Line.
struct Range {
    std::size_t begin = 0;
    std::size_t end = 0;
    bool empty() const { return begin >= end; }
};

// The range without white space at either end.
Range trim(const std::string& text, Range range);

// Cuts the fragments into logical lines: a line ends at a line break in template text (a
// line break inside a data value is content), a line whose template text ends with an
// unescaped "\" continues on the next one, and lines holding only white space are skipped.
// The fragments must outlive the reader.
class LineReader {
public:
    explicit LineReader(const std::vector<tmpl::Fragment>& fragments);

    // Fills `line` (reusing its storage) with the next non-blank logical line.
    bool next(Line& line);

private:
    // Appends one physical line (up to and without its template line break); false when the
    // input is exhausted before anything could be read.
    bool read_physical(Line& line, bool skip_leading_space);
    // When the line ends with a continuation backslash, removes it and returns true.
    static bool take_continuation(Line& line, tmpl::Origin& backslash);

    const std::vector<tmpl::Fragment>& fragments_;
    std::size_t fragment_ = 0;   // current fragment
    std::size_t offset_ = 0;     // byte offset inside it
    tmpl::Origin position_;      // template position of that byte (template fragments)
};

} // namespace vanban::markup
