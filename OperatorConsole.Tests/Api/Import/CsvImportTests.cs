using System.Net;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Import;
using OperatorConsole.Domain.Import;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Import;

public sealed class CsvImportTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    [Fact]
    public async Task AFileWithBadRows_ReportsThem_AndWritesTheGoodOnes()
    {
        const string csv = """
            Title,Company,Email,Amount,Stage,External
            Good one,Alpha Co,a@alpha.example,1000,Qualified,BR-1
            ,No Title Inc,x@y.example,5,New,BR-2
            Bad email,Beta Co,not-an-email,5,New,BR-3
            Bad value,Gamma Co,g@gamma.example,lots,New,BR-4
            Good two,Delta Co,,,,BR-5
            Repeated,Alpha Co,,,,BR-1
            Bad stage,Eps Co,,,Negotiating,BR-6
            """;
        var client = await factory.CreateOperatorClientAsync();
        var mapping = """{"title":"Title","company":"Company","contactEmail":"Email","estimatedValue":"Amount","status":"Stage","externalId":"External"}""";

        var job = await client.WaitForJobAsync(await client.UploadAsync(csv, mapping: mapping));

        job.Status.Should().Be(ImportJobStatus.Completed);
        job.TotalRows.Should().Be(7);
        job.CreatedCount.Should().Be(2);
        job.ErrorCount.Should().Be(5);
        job.Errors.Select(e => e.Row).Should().Equal(3, 4, 5, 7, 8);
        job.Errors.Single(e => e.Row == 7).Message.Should().Contain("row 2");
        await using var db = factory.CreateDbContext();
        var written = await db.Set<Lead>().Where(l => l.ExternalId != null && l.ExternalId.StartsWith("BR-")).OrderBy(l => l.ExternalId).ToListAsync();
        written.Select(l => l.Title).Should().Equal("Good one", "Good two");
        written[0].Status.Should().Be(LeadStatus.Qualified);
        written[0].EstimatedValue.Should().Be(1000);
        (await db.Set<LeadStatusChange>().CountAsync(h => written.Select(w => w.Id).Contains(h.LeadId))).Should().Be(2);
    }

    [Fact]
    public async Task Duplicates_AreSkippedOrUpdated_AsTheOperatorChooses()
    {
        var client = await factory.CreateOperatorClientAsync();
        const string first = "title,company,estimatedValue\nDup lead,Dup Co,100\n";
        (await client.WaitForJobAsync(await client.UploadAsync(first))).CreatedCount.Should().Be(1);

        const string second = "title,company,estimatedValue\ndup  LEAD,dup co,250\nOther lead,Dup Co,1\n";
        var skipped = await client.WaitForJobAsync(await client.UploadAsync(second, "skip"));
        skipped.SkippedCount.Should().Be(1);
        skipped.CreatedCount.Should().Be(1);

        var updated = await client.WaitForJobAsync(await client.UploadAsync(second, "update"));
        updated.UpdatedCount.Should().Be(2);
        updated.CreatedCount.Should().Be(0);
        await using var db = factory.CreateDbContext();
        var lead = await db.Set<Lead>().SingleAsync(l => l.Company!.ToLower() == "dup co" && l.Title.ToLower().StartsWith("dup"));
        lead.EstimatedValue.Should().Be(250);
    }

    [Fact]
    public async Task Preview_GuessesTheMapping_AndShowsRowErrors()
    {
        var client = await factory.CreateOperatorClientAsync();
        var response = await client.UploadAsync("title,email\nFine,f@x.example\n,oops\n", url: "/api/imports/preview");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var preview = await response.ReadAsync<ImportPreview>();
        preview.Mapping.Should().Contain("contactEmail", "email");
        preview.TotalRows.Should().Be(2);
        preview.InvalidRows.Should().Be(1);
        preview.Rows[1].Errors.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Upload_WithAMappingThatMissesTheTitle_Is422_AndQueuesNothing()
    {
        var client = await factory.CreateOperatorClientAsync();
        var response = await client.UploadAsync("Name,Company\nA,B\n", mapping: """{"company":"Company"}""");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.ReadJsonAsync()).GetProperty("errors").GetProperty("mapping").GetArrayLength().Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Upload_ByAViewer_IsForbidden()
    {
        var viewer = await factory.CreateViewerClientAsync();
        (await viewer.UploadAsync("title\nA\n")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
