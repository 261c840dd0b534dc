"""Web pages whose tables reach the text flattened: a metadata table one cell
a line, a list table one cell a line, and list rows with cells separated by
single spaces (fixtures written for other provinces and years)."""

from graph.ingest import normalise
from graph.nlp.tables import flat_tables
from graph.segment import split_documents

FLAT_META_PAGE = """福建省科学技术厅
Fujian Provincial Department of Science and Technology
首页 | 科技动态 | 政务公开
您当前的位置：首页 > 政务公开 > 通知公告
信息索引号
FJ00105/2022-00451
发布机构
福建省科学技术厅
生成日期
2022-09-14
文号
闽科基〔2022〕31号
主题分类
科技
福建省科学技术厅关于认定2022年度福建省重点实验室的通知
各设区市科技局，各有关单位：
经评审，认定福建省深海微生物重点实验室等2家实验室为2022年度福建省重点实验室。
序号
实验室名称
依托单位
所在地
1
福建省深海微生物重点实验室
厦门大学
厦门市
2
福建省茶树育种重点实验室
福建农林大学
福州市
福建省科学技术厅
2022年9月14日
【打印本页】【关闭窗口】
"""


def test_flat_metadata_table_gives_number_title_and_issuer():
    doc = split_documents(normalise(FLAT_META_PAGE, "fj.txt"))[0]
    assert doc.number == "闽科基〔2022〕31号"
    assert doc.title == "福建省科学技术厅关于认定2022年度福建省重点实验室的通知"
    # the signature right above the date, not the table's last cells
    assert doc.issuers == ["福建省科学技术厅"]
    assert str(doc.date) == "2022-09-14"


def test_flat_list_table_keeps_one_cell_a_line():
    doc = split_documents(normalise(FLAT_META_PAGE, "fj.txt"))[0]
    lines = doc.text.splitlines()
    for cell in ("序号", "实验室名称", "福建省深海微生物重点实验室", "厦门大学", "厦门市", "2"):
        assert cell in lines
    table = flat_tables(doc.text)[0]
    assert [[c.text for c in row] for row in table.rows] == [
        ["福建省深海微生物重点实验室", "厦门大学", "厦门市"],
        ["福建省茶树育种重点实验室", "福建农林大学", "福州市"],
    ]


TITLE_FIELD_PAGE = """江苏省工业和信息化厅
首页 > 政务公开 > 文件发布
标题：江苏省科学技术厅 江苏省工业和信息化厅关于公布2021年度省级工程技术研究中心名单的通知
索引号：014000319/2021-00877　　发布机构：江苏省工业和信息化厅　　发文日期：2021-10-11
文号：苏科技〔2021〕203号　　　有效性：有效
江苏省科学技术厅 江苏省工业和信息化厅关于公布2021年度省级工程技术研究中心名单的通知
来源：江苏省工业和信息化厅 发布时间：2021-10-13
各设区市科技局、工业和信息化局：
经评审，现将2021年度省级工程技术研究中心名单予以公布。
江苏省科学技术厅　　江苏省工业和信息化厅
2021年10月11日
"""


def test_title_is_read_from_the_page_not_the_issuer_field():
    doc = split_documents(normalise(TITLE_FIELD_PAGE, "js.txt"))[0]
    assert doc.title.replace(" ", "") == "江苏省科学技术厅江苏省工业和信息化厅关于公布2021年度省级工程技术研究中心名单的通知"
    assert doc.number == "苏科技〔2021〕203号"
    assert doc.issuers == ["江苏省科学技术厅", "江苏省工业和信息化厅"]


ROWS_PAGE = """经评审，现认定福建闽达省级海洋装备企业研究院等2家企业研究院为2021年度省级企业研究院，名单如下。
序号 企业研究院名称 依托企业 所在市
1 福建闽达省级海洋装备企业研究院 福建闽达船舶重工有限公司 福州市
2 福建安溪省级茶叶深加工企业研究院 泉州安溪茶业股份有限公司 泉州市
各依托企业要加大研发投入，加快关键核心技术攻关和成果转化，各设区市要在项目、人才和资金等方面给予支持。
"""


def test_space_separated_rows_keep_their_cells_apart():
    text = normalise(ROWS_PAGE).text
    lines = text.splitlines()
    assert "序号 企业研究院名称 依托企业 所在市" in lines
    assert "1 福建闽达省级海洋装备企业研究院 福建闽达船舶重工有限公司 福州市" in lines
    table = flat_tables(text)[0]
    assert [c.text for c in table.rows[1]] == ["福建安溪省级茶叶深加工企业研究院", "泉州安溪茶业股份有限公司", "泉州市"]
    # an ordinary sentence keeps dropping layout spaces
    assert normalise("根据 有关规定，现将 名单公布如下。").text == "根据有关规定,现将名单公布如下。\n"
