using DocumentFormat.OpenXml.Wordprocessing;
using LandMap.Core.Extraction;
using LandMap.Core.Extraction.Input;
using LandMap.Core.Tests.Extraction.Input;
using UglyToad.PdfPig.Core;

namespace LandMap.Core.Tests.Extraction;

/// <summary>The same land column read from a real .docx, a real .pdf and GBK text gives the same entries.</summary>
public sealed class ReportFormatsTests
{
    private const string Title = "关于平顶山市卫东区2022年国民经济和社会发展规划执行情况与2023年国民经济和社会发展规划的报告";
    private const string Heading = "专栏：用地保障重点项目（2个）";
    private static readonly string[][] Rows =
    [
        ["序号", "项目名称", "位置", "面积（亩）"],
        ["1", "甲公司仓储项目", "平煤大道东段北侧魏寨村", "37.05"],
        ["2", "乙公司物流项目", "许南路与建设路交叉口东北角", "约35"],
    ];

    [Fact]
    public void DocxTableColumn()
    {
        var docx = DocxReportReaderTests.CreateDocx(
            DocxReportReaderTests.Paragraph(new Text(Title)),
            DocxReportReaderTests.Paragraph(new Text(Heading)),
            DocxReportReaderTests.TableOf(Rows));

        AssertTwoEntries(ReportFileReader.Read("report.docx", docx));
    }

    [Fact]
    public void PdfListColumn()
    {
        var pdf = PdfReportReaderTests.BuildPdf((page, font) =>
        {
            page.AddText("关于平顶山市卫东区2022年规划执行情况与2023年规划的报告", PdfReportReaderTests.FontSize, new PdfPoint(40, 760), font);
            page.AddText(Heading, PdfReportReaderTests.FontSize, new PdfPoint(40, 730), font);
            page.AddText("1、甲公司仓储项目：位于平煤大道东段北侧魏寨村，面积 37.05 亩。", PdfReportReaderTests.FontSize, new PdfPoint(40, 710), font);
            page.AddText("2、乙公司物流项目：位于许南路与建设路交叉口东北角，面积约 35 亩。", PdfReportReaderTests.FontSize, new PdfPoint(40, 690), font);
        });

        AssertTwoEntries(ReportFileReader.Read("report.pdf", pdf));
    }

    [Fact]
    public void GbkTextColumn()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var text = string.Join("\n", Title, "各位代表：", Heading, "- 1、甲公司仓储项目：位于平煤大道东段北侧魏寨村，面积 37.05 亩。", "- 2、乙公司物流项目：位于许南路与建设路交叉口东北角，面积约 35 亩。");

        var read = ReportFileReader.Read("report.txt", System.Text.Encoding.GetEncoding(936).GetBytes(text));

        Assert.Equal("gb18030", read.Text!.Encoding);
        AssertTwoEntries(read);
    }

    private static void AssertTwoEntries(ReadResult read)
    {
        Assert.True(read.Succeeded, read.Error?.ToString());
        var report = ReportExtractor.Extract(read.Text!);

        Assert.Equal(("卫东区", 2023), (report.District, report.PlanYear!.Value));
        Assert.Equal(["甲公司仓储项目", "乙公司物流项目"], report.LandEntries.Select(e => e.Name));
        Assert.Equal([37.05, 35], report.LandEntries.Select(e => e.AreaMu!.Value));
        Assert.Equal([false, true], report.LandEntries.Select(e => e.Approx));
        Assert.Equal("许南路与建设路交叉口东北角", report.LandEntries[1].Location);
    }
}
