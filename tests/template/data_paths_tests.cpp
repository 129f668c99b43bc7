// tmpl::data_paths: the data fields a template reads, for naming batch records.
#include <catch2/catch.hpp>

#include "template/ast.hpp"
#include "template/template.hpp"

using vanban::tmpl::data_paths;
using vanban::tmpl::parse_template;
using Paths = std::vector<std::string>;

namespace {

Paths paths_of(const std::string& source) { return data_paths(*parse_template("t.vbt", source)); }

} // namespace

TEST_CASE("data paths: plain walks into the data, in the order they first appear") {
    CHECK(paths_of("{{ branch.code }}-{{ header.number | lower }}-{{ branch.code }}") == Paths{"branch.code", "header.number"});
    CHECK(paths_of("{{ items[0].name }} {{ o[\"k\"] }} {{ x[\"a-b\"].c }}") ==
          Paths{"items[0].name", "o.k", R"(x["a-b"].c)"});
    CHECK(paths_of("{% if a %}{{ b }}{% elif c %}{% else %}{{ d ~ e | default(f) }}{% endif %}") ==
          Paths{"a", "b", "c", "d", "e", "f"});
}

TEST_CASE("data paths: names the template binds are not data") {
    CHECK(paths_of("{% for t in tasks %}{{ t.name }}{{ loop.index }}{% endfor %}{{ vanban.record }}") == Paths{"tasks"});
    CHECK(paths_of("{% for k, v in o %}{{ k }}{{ v.x }}{% endfor %}{{ k }}") == Paths{"o", "k"});
    CHECK(paths_of("{% set n = a.b %}{{ n.c }}") == Paths{"a.b"});
    CHECK(paths_of("{% macro m(p, q=dflt) %}{{ p }}{{ r }}{% endmacro %}{{ m(s) }}") == Paths{"dflt", "r", "s"});
}

TEST_CASE("data paths: an index that is not a constant reads both sides") {
    CHECK(paths_of("{{ rows[i].name }}") == Paths{"rows", "i"});
    CHECK(paths_of("{{ rows[-1] }}") == Paths{"rows"});
}
