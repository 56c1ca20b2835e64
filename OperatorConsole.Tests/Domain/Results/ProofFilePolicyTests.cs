using System.Text;
using OperatorConsole.Domain.Results;

namespace OperatorConsole.Tests.Domain.Results;

public sealed class ProofFilePolicyTests
{
    private static readonly byte[] PngHeader = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    private static readonly byte[] PdfHeader = Encoding.ASCII.GetBytes("%PDF-1.7\n");

    [Fact]
    public void Png_WithPngTypeAndPngBytes_IsAccepted()
    {
        var (type, errors) = ProofFilePolicy.Check("dashboard.png", "image/png", 1000, 10_000, PngHeader);

        errors.IsEmpty.Should().BeTrue();
        type!.ContentType.Should().Be("image/png");
    }

    [Fact]
    public void Executable_IsRefusedByExtension()
    {
        var (type, errors) = ProofFilePolicy.Check("invoice.exe", "application/octet-stream", 1000, 10_000, [0x4D, 0x5A]);

        type.Should().BeNull();
        errors.ToDictionary()["file"].Single().Should().Contain("not accepted");
    }

    [Fact]
    public void Pdf_DeclaredAsHtml_IsRefused()
    {
        var (type, _) = ProofFilePolicy.Check("report.pdf", "text/html", 1000, 10_000, PdfHeader);

        type.Should().BeNull();
    }

    [Fact]
    public void Html_RenamedToPng_IsRefusedByItsContent()
    {
        var (type, errors) = ProofFilePolicy.Check("proof.png", "image/png", 100, 10_000, Encoding.ASCII.GetBytes("<html><script>alert(1)</script>"));

        type.Should().BeNull();
        errors.ToDictionary()["file"].Single().Should().Contain("content");
    }

    [Fact]
    public void TooBig_IsRefusedBeforeAnythingElse()
    {
        var (type, errors) = ProofFilePolicy.Check("a.png", "image/png", 10_001, 10_000, PngHeader);

        type.Should().BeNull();
        errors.ToDictionary()["file"].Single().Should().Contain("at most 10000 bytes");
    }

    [Fact]
    public void Empty_IsRefused()
    {
        ProofFilePolicy.Check("a.txt", "text/plain", 0, 10_000, []).Type.Should().BeNull();
    }

    [Fact]
    public void Text_WithNulBytes_IsRefused()
    {
        ProofFilePolicy.Check("notes.txt", "text/plain", 4, 10_000, [0x41, 0x00, 0x42, 0x43]).Type.Should().BeNull();
    }

    [Fact]
    public void Csv_SentAsTextPlain_IsAccepted()
    {
        var (type, _) = ProofFilePolicy.Check("numbers.CSV", "text/plain; charset=utf-8", 20, 10_000, Encoding.UTF8.GetBytes("week,value\n1,20\n"));

        type!.Extension.Should().Be("csv");
        type.ContentType.Should().Be("text/csv");
    }

    [Theory]
    [InlineData("../../etc/passwd.txt", "passwd.txt")]
    [InlineData("C:\\Users\\me\\report.pdf", "report.pdf")]
    [InlineData("a\"b<c>.png", "a_b_c_.png")]
    [InlineData("..hidden.md", "hidden.md")]
    [InlineData("", "file")]
    public void FileName_IsSanitised(string input, string expected)
    {
        ProofFilePolicy.SanitizeFileName(input).Should().Be(expected);
    }

    [Fact]
    public void FileName_TooLong_IsCutKeepingTheExtension()
    {
        var name = ProofFilePolicy.SanitizeFileName(new string('x', 300) + ".pdf");

        name.Length.Should().Be(ProofFilePolicy.FileNameMax);
        name.Should().EndWith(".pdf");
    }

    [Theory]
    [InlineData("https://example.com/report", true)]
    [InlineData("http://example.com", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("not a url", false)]
    [InlineData("", false)]
    public void Link_MustBeHttpOrHttps(string url, bool valid)
    {
        ProofFilePolicy.ValidateLink(null, url).IsEmpty.Should().Be(valid);
    }
}
