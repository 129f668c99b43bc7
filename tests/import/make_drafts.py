#!/usr/bin/env python3
"""Writes Word drafts the way people make them, for tests/import/handmade_tests.cpp.

python-docx (Debian's python3-docx) builds each file from nothing, so the repository holds
no binary of unknown origin. Usage: make_drafts.py OUTPUT_FOLDER

  typed.docx     Arial 13 pt everywhere, numbers typed by hand, indents made of spaces, a
                 header table with borders, bold/italic/underline inside paragraphs, a table
                 of figures, a table that is not one, the closing in a borderless table.
  automatic.docx Word's automatic numbering (numbering.xml): I. / 1. / a) / - levels with
                 no number in the text, a bulleted list, line breaks inside paragraphs.
  tabs.docx      the header as lines with tabs between the columns, a State plan, the
                 signature as indented paragraphs, recipients with sub-items.
  grouped.docx   a report whose tables a person merged by hand: two header rows ("Kết nạp
                 đảng viên" over two columns, TT and the names merged down), group rows
                 "I", "II" in bold, a ratio typed as "(%)" figures, a total row; a grouped
                 table whose percentages are not vanban's arithmetic; a group whose
                 subtotal does not add up.
"""
import sys

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

W = nsdecls("w")


def arial_13(document):
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(13)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Arial")


def para(document_or_cell, text="", bold=False, italic=False, align=None, runs=None):
    p = document_or_cell.add_paragraph()
    if align is not None:
        p.alignment = align
    for piece, style in runs or [(text, "b" if bold else "i" if italic else "")]:
        run = p.add_run(piece)
        run.bold = "b" in style or None
        run.italic = "i" in style or None
        run.underline = "u" in style or None
    return p


def cell_lines(cell, lines, bold=False, align=WD_ALIGN_PARAGRAPH.CENTER, italic=False):
    cell.paragraphs[0].text = ""
    first = True
    for line in lines:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        p.alignment = align
        run = p.add_run(line)
        run.bold = bold or None
        run.italic = italic or None


def borders(table, on):
    value = "single" if on else "nil"
    xml = f'<w:tblBorders {W}>' + "".join(
        f'<w:{side} w:val="{value}" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders>"
    table._tbl.tblPr.append(parse_xml(xml))


def typed(path):
    d = Document()
    arial_13(d)
    header = d.add_table(rows=2, cols=2)
    borders(header, True)
    cell_lines(header.cell(0, 0), ["ĐẢNG BỘ TỈNH HÀ TĨNH"])
    header.cell(0, 0).add_paragraph("HUYỆN ỦY CẨM XUYÊN").runs[0].bold = True
    header.cell(0, 0).paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    header.cell(0, 0).add_paragraph("*").alignment = WD_ALIGN_PARAGRAPH.CENTER
    cell_lines(header.cell(0, 1), ["ĐẢNG CỘNG SẢN VIỆT NAM"], bold=True)
    cell_lines(header.cell(1, 0), ["Số 25-KH/HU"])
    cell_lines(header.cell(1, 1), ["Cẩm Xuyên, ngày 05 tháng 02 năm 2024"], italic=True)
    para(d)
    para(d, "KẾ HOẠCH", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(d, "tổ chức các hoạt động kỷ niệm 94 năm Ngày thành lập Đảng", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(d, "-----", align=WD_ALIGN_PARAGRAPH.CENTER)
    para(d, "     Thực hiện Hướng dẫn số 12-HD/BTGTU, ngày 10/01/2024 của Ban Tuyên giáo Tỉnh ủy, Ban Thường vụ Huyện ủy xây dựng kế hoạch như sau:")
    para(d, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    para(d, "     1. Tuyên truyền sâu rộng về truyền thống vẻ vang của Đảng.")
    para(d, "     2. Các hoạt động tổ chức trang trọng, thiết thực, tiết kiệm.")
    para(d, "II. NỘI DUNG", bold=True)
    para(d, "     1. Tuyên truyền", bold=True)
    para(d, runs=[("     Tuyên truyền trên hệ thống truyền thanh ", ""), ("từ ngày 20/01/2024", "b"),
                  (" đến ngày 05/02/2024; ", ""), ("chú ý", "i"), (" các chủ đề ", ""), ("trọng tâm", "u"), (".", "")])
    para(d, "          - Treo cờ, băng rôn tại trụ sở các cơ quan.")
    para(d, "          - Tổ chức hội nghị báo cáo viên (hoàn thành trước ngày 25/01/2024).")
    para(d, "               + Cấp huyện;")
    para(d, "               + Cấp xã.")
    para(d, "     2. Kết quả phát triển đảng viên", bold=True)
    figures = d.add_table(rows=4, cols=4)
    borders(figures, True)
    rows = [["TT", "Đơn vị", "Chỉ tiêu", "Đã kết nạp"], ["1", "Đảng bộ xã Cẩm Hà", "10", "12"],
            ["2", "Đảng bộ xã Cẩm Bình", "8", "7"], ["Tổng cộng", "", "18", "19"]]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            figures.cell(r, c).text = value
    figures.cell(3, 0).merge(figures.cell(3, 1)).text = "Tổng cộng"
    para(d, "     3. Lịch công tác", bold=True)
    schedule = d.add_table(rows=2, cols=3)
    borders(schedule, True)
    for c, value in enumerate(["Ngày", "Nội dung", "Địa điểm"]):
        schedule.cell(0, c).text = value
    for c, value in enumerate(["03/02/2024", "Mít tinh kỷ niệm", "Hội trường huyện"]):
        schedule.cell(1, c).text = value
    para(d, "III. TỔ CHỨC THỰC HIỆN", bold=True)
    para(d, "     1. Ban Tuyên giáo Huyện ủy chủ trì, phối hợp với Văn phòng Huyện ủy hướng dẫn tổ chức các hoạt động.")
    para(d, "     2. Các chi bộ, đảng bộ cơ sở căn cứ Kế hoạch này triển khai thực hiện.")
    closing = d.add_table(rows=1, cols=2)
    borders(closing, False)
    cell_lines(closing.cell(0, 0), ["Nơi nhận:", "- Ban Tuyên giáo Tỉnh ủy,", "- Các chi bộ, đảng bộ cơ sở,",
                                    "- Lưu Văn phòng Huyện ủy."], align=WD_ALIGN_PARAGRAPH.LEFT)
    closing.cell(0, 0).paragraphs[0].runs[0].underline = True
    cell_lines(closing.cell(0, 1), ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "", "", "Nguyễn Văn An"], bold=True)
    d.save(path)


NUMBERING_XML = f"""
<w:abstractNum {W} w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
</w:abstractNum>"""
BULLETS_XML = f"""
<w:abstractNum {W} w:abstractNumId="91">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/>
    <w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr></w:lvl>
</w:abstractNum>"""


def numbered(d, text, level, num_id=90, bold=False):
    p = para(d, text, bold=bold)
    p._p.get_or_add_pPr().insert(0, parse_xml(
        f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return p


def automatic(path):
    d = Document()
    arial_13(d)
    numbering = d.part.numbering_part.element
    # abstractNum elements come before num elements (the schema's order).
    numbering.insert(0, parse_xml(NUMBERING_XML))
    numbering.insert(1, parse_xml(BULLETS_XML))
    numbering.append(parse_xml(f'<w:num {W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {W} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))
    para(d, "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH\tĐẢNG CỘNG SẢN VIỆT NAM")
    para(d, "ĐẢNG ỦY SỞ NỘI VỤ")
    para(d, "*")
    para(d, "Số 07-BC/ĐU\tHà Tĩnh, ngày 20 tháng 12 năm 2023")
    para(d, "BÁO CÁO", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    title = para(d, "tổng kết công tác xây dựng Đảng năm 2023", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    title.add_run().add_break()
    title.add_run("và phương hướng, nhiệm vụ năm 2024").bold = True
    para(d, "Thực hiện Quy chế làm việc, Đảng ủy báo cáo như sau:")
    numbered(d, "KẾT QUẢ THỰC HIỆN", 0, bold=True)
    numbered(d, "Công tác chính trị, tư tưởng", 1, bold=True)
    numbered(d, "Tổ chức học tập nghị quyết cho 100% đảng viên.", 2)
    numbered(d, "Đăng ký làm theo tấm gương đạo đức Hồ Chí Minh.", 2)
    numbered(d, "Tổ chức 12 buổi sinh hoạt chuyên đề;", 3)
    numbered(d, "Biểu dương 5 điển hình.", 3)
    numbered(d, "Công tác tổ chức", 1, bold=True)
    p = para(d, "Kết nạp 6 đảng viên mới; chuyển chính thức 4 đảng viên.")
    numbered(d, "HẠN CHẾ, KHUYẾT ĐIỂM", 0, bold=True)
    numbered(d, "Sinh hoạt chi bộ có nơi còn hình thức.", 0, num_id=91)
    numbered(d, "Tiến độ một số việc còn chậm.", 0, num_id=91)
    numbered(d, "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024", 0, bold=True)
    para(d, "Tiếp tục nâng cao chất lượng sinh hoạt chi bộ.")
    para(d, "Nơi nhận:\tT/M ĐẢNG ỦY")
    para(d, "- Đảng ủy Khối,\tBÍ THƯ")
    para(d, "- Lưu VP.")
    para(d, "\tTrần Thị Bình")
    d.save(path)


def tabs(path):
    d = Document()
    arial_13(d)
    for line in ["ỦY BAN NHÂN DÂN\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "XÃ CẨM HÀ\t\tĐộc lập - Tự do - Hạnh phúc",
                 "Số: 05/KH-UBND\t\tCẩm Hà, ngày 03 tháng 01 năm 2026"]:
        para(d, line)
    para(d, "KẾ HOẠCH", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(d, "Phòng, chống thiên tai năm 2026", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(d, "Căn cứ Luật Phòng, chống thiên tai ngày 19 tháng 6 năm 2013;", italic=True)
    para(d, "Ủy ban nhân dân xã ban hành kế hoạch như sau:")
    para(d, "I. MỤC ĐÍCH", bold=True)
    para(d, "Chủ động phòng ngừa, ứng phó kịp thời.")
    para(d, "II. NHIỆM VỤ", bold=True)
    para(d, "1. Công an xã chủ trì, phối hợp với Ban Chỉ huy quân sự xã bảo đảm an ninh (Quý II năm 2026).")
    para(d, "2. Các thôn rà soát hộ dân vùng trũng.")
    para(d, "Nơi nhận:\t\tTM. ỦY BAN NHÂN DÂN")
    para(d, "- UBND huyện;\t\tCHỦ TỊCH")
    para(d, "- Các ban, ngành:")
    para(d, "+ Công an xã;")
    para(d, "+ Ban Chỉ huy quân sự xã;")
    para(d, "- Lưu: VT.")
    para(d, "\t\tLê Văn Cường")
    d.save(path)


def merged_table(d, header_top, header_below, body):
    """A table with two header rows: a cell of header_top is merged down when header_below
    has None under it, and across over the next cells while header_top has None there.
    With header_below all None, one header row."""
    two = any(label is not None for label in header_below)
    table = d.add_table(rows=(2 if two else 1) + len(body), cols=len(header_top))
    borders(table, True)
    for c, label in enumerate(header_top):
        if label is None:
            continue
        cell = table.cell(0, c)
        if not two:
            pass
        elif header_below[c] is None:
            cell = cell.merge(table.cell(1, c))
        else:
            end = c
            while end + 1 < len(header_top) and header_top[end + 1] is None:
                end += 1
            cell = cell.merge(table.cell(0, end))
        cell_lines(cell, [label], bold=True)
    for c, label in enumerate(header_below):
        if label is not None:
            cell_lines(table.cell(1, c), [label], bold=True)
    for r, values in enumerate(body, start=2 if two else 1):
        group = not values[0].isdigit() and values[0] != "Tổng cộng"
        for c, value in enumerate(values):
            align = WD_ALIGN_PARAGRAPH.LEFT if c == 1 else WD_ALIGN_PARAGRAPH.CENTER if c == 0 else WD_ALIGN_PARAGRAPH.RIGHT
            cell_lines(table.cell(r, c), [value], bold=group or values[0] == "Tổng cộng", align=align)
        if group and all(v == "" for v in values[2:]):
            table.cell(r, 1).merge(table.cell(r, len(values) - 1))
    return table


def grouped(path):
    d = Document()
    arial_13(d)
    para(d, "ĐẢNG BỘ HUYỆN CẨM XUYÊN	ĐẢNG CỘNG SẢN VIỆT NAM")
    para(d, "ĐẢNG ỦY XÃ CẨM HÀ")
    para(d, "*")
    para(d, "Số 15-BC/ĐU	Cẩm Hà, ngày 28 tháng 6 năm 2024")
    para(d, "BÁO CÁO", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(d, "sơ kết công tác xây dựng Đảng 6 tháng đầu năm 2024", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(d, "I. KẾT QUẢ THỰC HIỆN", bold=True)
    para(d, "1. Công tác phát triển đảng viên", bold=True)
    para(d, "Kết quả kết nạp đảng viên của các chi bộ như sau:")
    merged_table(d, ["TT", "Chi bộ", "Kết nạp đảng viên", None, "Tỷ lệ (%)"],
                 [None, None, "Chỉ tiêu", "Đã kết nạp", None],
                 [["I", "Các chi bộ thôn", "", "", ""],
                  ["1", "Chi bộ thôn Đông", "2", "1", "50,0"],
                  ["2", "Chi bộ thôn Đoài", "3", "3", "100,0"],
                  ["II", "Các chi bộ cơ quan", "", "", ""],
                  ["1", "Chi bộ Trường Tiểu học", "4", "3", "75,0"],
                  ["Tổng cộng", "", "9", "7", "77,8"]])
    para(d, "2. Công tác kiểm tra", bold=True)
    para(d, "Kết quả kiểm tra theo từng khối như sau:")
    merged_table(d, ["TT", "Khối", "Kiểm tra", None],
                 [None, None, "Tổ chức", "Tỷ lệ"],
                 [["I", "Khối thôn", "", ""],
                  ["1", "Thôn Đông", "2", "40%"],
                  ["2", "Thôn Đoài", "3", "70%"]])
    para(d, "3. Công tác dân vận", bold=True)
    merged_table(d, ["TT", "Thôn", "Số hộ", "Số khẩu"],
                 [None, None, None, None],
                 [["I", "Khối thôn", "25", "90"],
                  ["1", "Thôn Đông", "12", "40"],
                  ["2", "Thôn Đoài", "12", "45"]])
    para(d, "II. PHƯƠNG HƯỚNG, NHIỆM VỤ", bold=True)
    para(d, "Tiếp tục tạo nguồn, bồi dưỡng quần chúng ưu tú.")
    para(d, "Nơi nhận:	T/M ĐẢNG ỦY")
    para(d, "- Huyện ủy,	BÍ THƯ")
    para(d, "- Lưu VP.")
    para(d, "	Phan Văn Hải")
    d.save(path)


if __name__ == "__main__":
    out = sys.argv[1]
    typed(f"{out}/typed.docx")
    automatic(f"{out}/automatic.docx")
    tabs(f"{out}/tabs.docx")
    grouped(f"{out}/grouped.docx")
