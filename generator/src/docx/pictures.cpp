#include "docx/pictures.hpp"

#include <cmath>

#include "docx/parts.hpp"
#include "docx/xml.hpp"

namespace vanban::docx {

namespace {

constexpr const char* ns_wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
constexpr const char* ns_a = "http://schemas.openxmlformats.org/drawingml/2006/main";
constexpr const char* ns_pic = "http://schemas.openxmlformats.org/drawingml/2006/picture";

long long emu(double points) { return std::llround(points * 12700.0); } // 914400 per inch

void add_offset(xml::Node anchor, const char* axis, const char* relative_from, double points) {
    xml::Node position = anchor.append_child(axis);
    position.append_attribute("relativeFrom") = relative_from;
    position.append_child("wp:posOffset").text() = std::to_string(emu(points)).c_str();
}

void add_graphic(xml::Node anchor, const Picture& picture, const model::PlacedBox& box, unsigned id) {
    xml::Node graphic = anchor.append_child("a:graphic");
    graphic.append_attribute("xmlns:a") = ns_a;
    xml::Node data = graphic.append_child("a:graphicData");
    data.append_attribute("uri") = ns_pic;
    xml::Node pic = data.append_child("pic:pic");
    pic.append_attribute("xmlns:pic") = ns_pic;
    xml::Node names = pic.append_child("pic:nvPicPr");
    xml::Node c_nv_pr = names.append_child("pic:cNvPr");
    c_nv_pr.append_attribute("id") = id;
    c_nv_pr.append_attribute("name") = picture.target.c_str();
    names.append_child("pic:cNvPicPr");
    xml::Node fill = pic.append_child("pic:blipFill");
    fill.append_child("a:blip").append_attribute("r:embed") = picture.rel_id.c_str();
    fill.append_child("a:stretch").append_child("a:fillRect");
    xml::Node shape = pic.append_child("pic:spPr");
    xml::Node transform = shape.append_child("a:xfrm");
    xml::Node offset = transform.append_child("a:off");
    offset.append_attribute("x") = 0;
    offset.append_attribute("y") = 0;
    xml::Node extent = transform.append_child("a:ext");
    extent.append_attribute("cx") = emu(box.width);
    extent.append_attribute("cy") = emu(box.height);
    xml::Node geometry = shape.append_child("a:prstGeom");
    geometry.append_attribute("prst") = "rect";
    geometry.append_child("a:avLst");
}

} // namespace

std::vector<Picture> signature_pictures(const model::Document& doc) {
    std::vector<Picture> pictures;
    if (!doc.profile.signing.images || !doc.closing.signature) return pictures;
    const model::Signature& s = *doc.closing.signature;
    if (s.image) pictures.push_back({&*s.image, rel_id::signature_image, "media/signature.png"});
    if (s.seal) pictures.push_back({&*s.seal, rel_id::seal_image, "media/seal.png"});
    return pictures;
}

void anchor_picture(xml::Node anchor_paragraph, const Picture& picture, const model::PlacedBox& box, double top_pt,
                    unsigned id) {
    xml::Node anchor = xml::add(anchor_paragraph, "w:r").append_child("w:drawing").append_child("wp:anchor");
    anchor.append_attribute("xmlns:wp") = ns_wp;
    for (const char* distance : {"distT", "distB", "distL", "distR"}) anchor.append_attribute(distance) = 0;
    anchor.append_attribute("simplePos") = 0;
    anchor.append_attribute("relativeHeight") = 251658240u + id; // later pictures in front
    anchor.append_attribute("behindDoc") = 0;
    anchor.append_attribute("locked") = 0;
    anchor.append_attribute("layoutInCell") = 1;
    anchor.append_attribute("allowOverlap") = 1;
    xml::Node simple = anchor.append_child("wp:simplePos");
    simple.append_attribute("x") = 0;
    simple.append_attribute("y") = 0;
    add_offset(anchor, "wp:positionH", "column", box.x);
    add_offset(anchor, "wp:positionV", "paragraph", top_pt + box.top);
    xml::Node extent = anchor.append_child("wp:extent");
    extent.append_attribute("cx") = emu(box.width);
    extent.append_attribute("cy") = emu(box.height);
    xml::Node effect = anchor.append_child("wp:effectExtent");
    for (const char* side : {"l", "t", "r", "b"}) effect.append_attribute(side) = 0;
    anchor.append_child("wp:wrapNone");
    xml::Node doc_pr = anchor.append_child("wp:docPr");
    doc_pr.append_attribute("id") = id;
    doc_pr.append_attribute("name") = picture.target.c_str();
    anchor.append_child("wp:cNvGraphicFramePr");
    add_graphic(anchor, picture, box, id);
}

} // namespace vanban::docx
