using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Security;

/// <summary>
/// CSRF: a form on another site — or on another port of the same host — auto-posting to the API with the
/// operator's cookie is refused (403 problem) before anything is written, multipart included; the console's
/// own pages (same origin) and API-key callers are unaffected.
/// </summary>
public sealed class CrossSiteRequestTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    public static TheoryData<string, string, string> CrossSite => new()
    {
        { "/api/imports/leads", "Origin", "http://localhost:5999" },
        { "/api/imports/preview", "Origin", "http://evil.example" },
        { "/api/learning/ingest", "Origin", "null" },
        { "/api/imports/leads", "Sec-Fetch-Site", "same-site" },
        { "/api/learning/ingest", "Sec-Fetch-Site", "cross-site" },
    };

    [Theory]
    [MemberData(nameof(CrossSite))]
    public async Task CrossSiteMultipartPost_WithTheCookie_Is403_AndWritesNothing(string path, string header, string value)
    {
        var @operator = await factory.CreateOperatorClientAsync();
        var jobsBefore = await CountAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Csv() };
        request.Headers.TryAddWithoutValidation(header, value);

        var response = await @operator.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await CountAsync()).Should().Be(jobsBefore, "a refused request writes nothing");
    }

    [Fact]
    public async Task CrossSiteJsonPost_WithTheCookie_Is403()
    {
        var @operator = await factory.CreateOperatorClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/leads") { Content = new StringContent("""{"title":"csrf"}""", Encoding.UTF8, "text/plain") };
        request.Headers.Add("Origin", "http://localhost:8080");
        (await @operator.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task SameOriginPost_FromTheConsolesOwnPage_Works()
    {
        var @operator = await factory.CreateOperatorClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/imports/preview") { Content = Csv() };
        request.Headers.Add("Origin", "http://localhost");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        (await @operator.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ApiKeyCaller_IsUnaffected_ByOrigin()
    {
        var agent = factory.CreateAgentClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/imports/preview") { Content = Csv() };
        request.Headers.Add("Origin", "http://elsewhere.example");
        (await agent.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static MultipartFormDataContent Csv()
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("title,company\nCSRF lead,Evil Inc\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "leads.csv");
        form.Add(new StringContent("skip"), "duplicateMode");
        form.Add(new StringContent("csrf learning text"), "text");
        return form;
    }

    private async Task<int> CountAsync()
    {
        await using var db = factory.CreateDbContext();
        return db.Set<OperatorConsole.Domain.Import.ImportJob>().Count() + db.Set<OperatorConsole.Domain.Learning.IngestedLearning>().Count();
    }
}
