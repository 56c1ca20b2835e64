using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Domain.Artifacts;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Results;

/// <summary>The console with a 4 KB proof limit, so "too big" is cheap to send.</summary>
public sealed class SmallUploadConsoleFactory : ConsoleFactory
{
    public const int Limit = 4096;

    public SmallUploadConsoleFactory()
    {
        Settings["Storage:MaxUploadBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public string StorageRoot => Path.Combine(Path.GetDirectoryName(DatabasePath)!, "files");

    public IReadOnlyList<string> StoredFiles() =>
        Directory.Exists(StorageRoot) ? Directory.GetFiles(StorageRoot, "*", SearchOption.AllDirectories) : [];
}

public sealed class ProofArtifactApiTests(SmallUploadConsoleFactory factory) : IClassFixture<SmallUploadConsoleFactory>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4];

    private async Task<int> CreateLeadAsync()
    {
        var response = await factory.CreateAgentClient().PostJsonAsync("/api/leads", new { title = "Proof " + Guid.NewGuid().ToString("N")[..6], status = "shipped" });
        return (await response.ReadJsonAsync()).GetProperty("id").GetInt32();
    }

    private static MultipartFormDataContent File(byte[] bytes, string fileName, string contentType, string? title = null)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        content.Add(file, "file", fileName);
        if (title is not null)
        {
            content.Add(new StringContent(title), "title");
        }

        return content;
    }

    private async Task<(int Rows, int Files)> StoredForAsync(int leadId)
    {
        await using var db = factory.CreateDbContext();
        var rows = await db.Set<Artifact>().CountAsync(a => a.LeadId == leadId);
        var folder = Path.Combine(factory.StorageRoot, "proof", leadId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder).Length : 0;
        return (rows, files);
    }

    [Fact]
    public async Task Upload_AsOperator_StoresTheFileUnderTheRootWithItsHash_AndDownloadsAsAttachment()
    {
        var id = await CreateLeadAsync();
        var client = await factory.CreateOperatorClientAsync();

        var response = await client.PostAsync($"/api/leads/{id}/proof-artifacts", File(Png, "../../Dash<board>:Q4.png", "image/png", "Q4 dashboard"));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var json = await response.ReadJsonAsync();
        json.GetProperty("title").GetString().Should().Be("Q4 dashboard");
        json.GetProperty("fileName").GetString().Should().Be("Dash_board__Q4.png");
        json.GetProperty("sha256").GetString().Should().Be(Convert.ToHexStringLower(SHA256.HashData(Png)));
        json.GetProperty("sizeBytes").GetInt64().Should().Be(Png.Length);
        await using (var db = factory.CreateDbContext())
        {
            var artifact = await db.Set<Artifact>().SingleAsync(a => a.LeadId == id);
            artifact.Kind.Should().Be(ArtifactKind.ProofArtifact);
            artifact.StoragePath.Should().StartWith($"proof/{id}/").And.EndWith(".png").And.NotContain("Dash");
            (await System.IO.File.ReadAllBytesAsync(Path.Combine(factory.StorageRoot, artifact.StoragePath!))).Should().Equal(Png);
        }

        var download = await client.GetAsync(json.GetProperty("downloadUrl").GetString());
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        download.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        download.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        download.Headers.GetValues("X-Content-Type-Options").Should().Contain("nosniff");
        (await download.Content.ReadAsByteArrayAsync()).Should().Equal(Png);
    }

    [Fact]
    public async Task Upload_TooBig_IsAProblemAndStoresNothing()
    {
        var id = await CreateLeadAsync();
        var client = await factory.CreateOperatorClientAsync();
        var big = new byte[SmallUploadConsoleFactory.Limit + 1];
        Png.CopyTo(big, 0);

        var response = await client.PostAsync($"/api/leads/{id}/proof-artifacts", File(big, "big.png", "image/png"));

        response.StatusCode.Should().BeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.ReadJsonAsync()).GetProperty("errors").GetProperty("file")[0].GetString().Should().Contain("at most");
        (await StoredForAsync(id)).Should().Be((0, 0));
    }

    [Theory]
    [InlineData("tool.exe", "application/octet-stream", "MZ binary")]
    [InlineData("page.html", "text/html", "<html></html>")]
    [InlineData("fake.png", "image/png", "<html><script>alert(1)</script></html>")]
    [InlineData("report.pdf", "text/html", "%PDF-1.7 but declared as html")]
    public async Task Upload_WrongType_IsAProblemAndStoresNothing(string fileName, string contentType, string content)
    {
        var id = await CreateLeadAsync();
        var client = await factory.CreateOperatorClientAsync();

        var response = await client.PostAsync($"/api/leads/{id}/proof-artifacts", File(Encoding.ASCII.GetBytes(content), fileName, contentType));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("file", out _).Should().BeTrue();
        (await StoredForAsync(id)).Should().Be((0, 0));
    }

    [Fact]
    public async Task Upload_WithoutFileField_Is422()
    {
        var id = await CreateLeadAsync();
        var client = await factory.CreateOperatorClientAsync();
        var form = new MultipartFormDataContent { { new StringContent("just a title"), "title" } };

        (await client.PostAsync($"/api/leads/{id}/proof-artifacts", form)).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Upload_WithApiKey_IsForbiddenAndStoresNothing()
    {
        var id = await CreateLeadAsync();

        var response = await factory.CreateAgentClient().PostAsync($"/api/leads/{id}/proof-artifacts", File(Png, "a.png", "image/png"));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await StoredForAsync(id)).Should().Be((0, 0));
    }

    [Fact]
    public async Task Upload_AsViewer_IsForbidden()
    {
        var id = await CreateLeadAsync();
        var viewer = await factory.CreateViewerClientAsync();

        (await viewer.PostAsync($"/api/leads/{id}/proof-artifacts", File(Png, "a.png", "image/png"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Upload_ForUnknownLead_Is404AndStoresNothing()
    {
        var before = factory.StoredFiles().Count;
        var client = await factory.CreateOperatorClientAsync();

        (await client.PostAsync("/api/leads/987654/proof-artifacts", File(Png, "a.png", "image/png"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        factory.StoredFiles().Count.Should().Be(before);
    }

    [Fact]
    public async Task Link_AsJson_IsStoredAndListed_AndHasNoDownload()
    {
        var id = await CreateLeadAsync();
        var client = await factory.CreateOperatorClientAsync();

        var response = await client.PostJsonAsync($"/api/leads/{id}/proof-artifacts", new { url = "https://example.com/report", title = "Stripe report" });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = await response.ReadJsonAsync();
        created.GetProperty("downloadUrl").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        var list = await (await factory.CreateAgentClient().GetAsync($"/api/leads/{id}/proof-artifacts")).ReadJsonAsync();
        list.EnumerateArray().Single().GetProperty("url").GetString().Should().Be("https://example.com/report");
        (await client.GetAsync($"/api/proof-artifacts/{created.GetProperty("id").GetInt32()}/download")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("")]
    public async Task Link_NotHttp_Is422AndStoresNothing(string url)
    {
        var id = await CreateLeadAsync();
        var client = await factory.CreateOperatorClientAsync();

        (await client.PostJsonAsync($"/api/leads/{id}/proof-artifacts", new { url })).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await StoredForAsync(id)).Rows.Should().Be(0);
    }

    [Fact]
    public async Task Download_AsViewer_Works_AsApiKey_IsForbidden()
    {
        var id = await CreateLeadAsync();
        var client = await factory.CreateOperatorClientAsync();
        var created = await (await client.PostAsync($"/api/leads/{id}/proof-artifacts", File(Encoding.UTF8.GetBytes("week,value\n1,20\n"), "numbers.csv", "text/csv"))).ReadJsonAsync();
        var url = created.GetProperty("downloadUrl").GetString();

        var viewer = await factory.CreateViewerClientAsync();
        var asViewer = await viewer.GetAsync(url);
        var asKey = await factory.CreateAgentClient().GetAsync(url);

        asViewer.StatusCode.Should().Be(HttpStatusCode.OK);
        (await asViewer.Content.ReadAsStringAsync()).Should().Be("week,value\n1,20\n");
        asKey.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Remove_AsOperator_DeletesRowAndFile()
    {
        var id = await CreateLeadAsync();
        var client = await factory.CreateOperatorClientAsync();
        var created = await (await client.PostAsync($"/api/leads/{id}/proof-artifacts", File(Png, "a.png", "image/png"))).ReadJsonAsync();

        var response = await client.DeleteAsync($"/api/proof-artifacts/{created.GetProperty("id").GetInt32()}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await StoredForAsync(id)).Should().Be((0, 0));
        await using var db = factory.CreateDbContext();
        (await db.Set<OperatorConsole.Domain.Audit.AuditEntry>().Where(a => a.RecordType == "lead" && a.RecordId == id.ToString())
            .Select(a => a.Action).ToListAsync()).Should().Contain(["proof_artifact.uploaded", "proof_artifact.removed"]);
    }
}
