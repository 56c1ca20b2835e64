using System.Net;
using System.Net.Http.Json;
using OperatorConsole.Data.Results;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Results;
using OperatorConsole.Tests.Infrastructure;
using static OperatorConsole.Tests.Api.Import.ExportTestSupport;

namespace OperatorConsole.Tests.Api.Import;

/// <summary>GET /api/exports/results.csv: the Results Ledger as CSV, a row per measurement, with the clients list's filters.</summary>
public sealed class ResultsExportTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>, IAsyncLifetime
{
    private const string Clinic = "Ünïcode clinic, \"North\"\nwing";

    private DateTime Now => factory.Clock.GetUtcNow().UtcDateTime;

    /// <summary>Clients in every ledger state: measured and on track, percent undefined, no target, off track; and one lead that is not a client.</summary>
    public async Task InitializeAsync()
    {
        await using (var db = factory.CreateDbContext())
        {
            if (db.Set<OutcomeEntry>().Any())
            {
                return;
            }
        }

        var clinic = await LeadAsync(Clinic, "Zürich, AG", "shipped");
        await SuccessAsync(clinic, new
        {
            target = new { metricName = "Bookings, per \"week\"", unit = "bookings/wk", targetValue = 200, dueDate = Now.AddDays(30) },
            baseline = new { value = 100, measuredAt = Now.AddDays(-30), source = "Export, v1 \"raw\"\nline two" },
        });
        await OutcomeAsync(clinic, new { value = 120.5, measuredAt = Now.AddDays(-20), source = "CRM, \"live\"", note = "first\nweek 🚀" });
        await OutcomeAsync(clinic, new { value = 150, measuredAt = Now.AddDays(-2), source = "CRM" });
        await OutcomeAsync(clinic, new { value = 150, measuredAt = Now.AddDays(-2), source = "CRM (same time, later entry)" });

        var costs = await LeadAsync("Cost cutter", "Ñandú Ltd", "building");
        await SuccessAsync(costs, new
        {
            target = new { metricName = "Automations live", unit = (string?)null, targetValue = 10, dueDate = Now.AddDays(10) },
            baseline = new { value = 0, measuredAt = Now.AddDays(-40), source = "Log" },
        });
        await OutcomeAsync(costs, new { value = 3, measuredAt = Now.AddDays(-1), source = "Log" });

        await LeadAsync("Fresh client", "Nobody measured yet", "approved");

        var late = await LeadAsync("Late client", "Overdue Co", "shipped");
        await SuccessAsync(late, new
        {
            target = new { metricName = "Leads", unit = "leads", targetValue = 50, dueDate = Now.AddDays(-1) },
            baseline = new { value = 10, measuredAt = Now.AddDays(-60), source = "Sheet" },
        });

        await LeadAsync("Not a client yet", "Prospect", "new");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<int> LeadAsync(string title, string company, string status)
    {
        var response = await factory.CreateAgentClient().PostJsonAsync("/api/leads", new { title, company, status });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("id").GetInt32();
    }

    private async Task SuccessAsync(int leadId, object body)
    {
        var response = await (await factory.CreateOperatorClientAsync()).PutAsJsonAsync($"/api/leads/{leadId}/client-success", body, ApiJson.Options);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task OutcomeAsync(int leadId, object body)
    {
        var response = await factory.CreateAgentClient().PostJsonAsync($"/api/leads/{leadId}/outcomes", body);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private static async Task<IReadOnlyList<ClientRow>> ListAsync(HttpClient client, string filter)
    {
        var response = await client.GetAsync($"/api/clients?pageSize=500&{filter}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.ReadAsync<PagedList<ClientRow>>()).Items;
    }

    [Fact]
    public async Task Export_RoundTrips_TheLedgerOfEveryClient_AndEveryMeasurement_WithCommasQuotesNewlinesAndUnicode()
    {
        var client = await factory.CreateOperatorClientAsync();
        var response = await client.GetAsync("/api/exports/results.csv");

        response.ShouldBeCsvAttachment("results");
        var rows = ParseCsv<ResultsCsvRow>(await response.Content.ReadAsStringAsync());
        var list = await ListAsync(client, "");

        list.Should().HaveCountGreaterThanOrEqualTo(4);
        rows.Select(r => r.LeadId).Distinct().Should().Equal(list.Select(c => c.LeadId), "one client after another, in the list's order");
        foreach (var c in list)
        {
            var mine = rows.Where(r => r.LeadId == c.LeadId).ToList();
            foreach (var row in mine)
            {
                row.Client.Should().Be(c.Title);
                Blank(row.Company).Should().Be(c.Company);
                row.Status.Should().Be(c.Status);
                Blank(row.Metric).Should().Be(c.MetricName);
                Blank(row.Unit).Should().Be(c.Unit);
                row.Direction.Should().Be(c.Direction);
                row.TargetValue.Should().Be(c.TargetValue);
                Utc(row.DueDate).Should().Be(c.DueDate);
                row.BaselineValue.Should().Be(c.BaselineValue);
                row.CurrentValue.Should().Be(c.CurrentValue);
                row.DeltaAbsolute.Should().Be(c.Delta.Absolute);
                row.DeltaPercent.Should().Be(c.Delta.Percent);
                row.DeltaMovement.Should().Be(c.Delta.Movement);
                (Blank(row.DeltaNote) ?? "").Should().Be(c.Delta.Note);
                row.Track.Should().Be(c.Track);
                row.TrackNote.Should().Be(c.TrackNote);
                row.Flags.Split(ResultsCsvRow.FlagSeparator, StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<ResultFlag>).Should().Equal(c.Flags);
                Utc(row.LastMeasuredAt).Should().Be(c.LastMeasuredAt);
            }

            var view = (await (await client.GetAsync($"/api/leads/{c.LeadId}/client-success")).ReadAsync<ClientSuccessView>());
            var expected = new List<(LedgerMeasurement Kind, int? Id, decimal? Value, DateTime? At, string? Source, string? Note, string? By, bool Current, decimal? Change)>();
            if (view.Baseline is { } b)
            {
                expected.Add((LedgerMeasurement.Baseline, null, b.Value, b.MeasuredAt, b.Source, null, null, false, null));
            }

            foreach (var o in view.Outcomes.OrderBy(o => o.MeasuredAt).ThenBy(o => o.Id))
            {
                expected.Add((LedgerMeasurement.Outcome, o.Id, o.Value, o.MeasuredAt, o.Source, o.Note, o.RecordedBy, o.Id == view.Current?.Id, view.Baseline is null ? null : o.Value - view.Baseline.Value));
            }

            if (expected.Count == 0)
            {
                expected.Add((LedgerMeasurement.None, null, null, null, null, null, null, false, null));
            }

            mine.Select(r => (r.Measurement, r.OutcomeId, r.Value, Utc(r.MeasuredAt), Blank(r.Source), Blank(r.Note), Blank(r.RecordedBy), r.IsCurrent, r.ChangeFromBaseline))
                .Should().Equal(expected, $"the measurements of client {c.LeadId}, oldest first");
        }

        var clinic = rows.Where(r => r.Client == Clinic).ToList();
        clinic.Should().HaveCount(4);
        clinic[0].Company.Should().Be("Zürich, AG");
        clinic[0].Metric.Should().Be("Bookings, per \"week\"");
        clinic[0].Source.Should().Be("Export, v1 \"raw\"\nline two");
        clinic[1].Note.Should().Be("first\nweek 🚀");
        clinic[1].ChangeFromBaseline.Should().Be(20.5m);
        clinic[1].ChangePercentFromBaseline.Should().Be(20.5m);
        clinic.Where(r => r.IsCurrent).Should().ContainSingle().Which.Source.Should().Be("CRM (same time, later entry)");
        rows.Should().Contain(r => r.Client == "Fresh client" && r.Measurement == LedgerMeasurement.None && r.Flags == "NoTarget");
        rows.Where(r => r.Client == "Cost cutter" && r.Measurement == LedgerMeasurement.Outcome).Should().ContainSingle()
            .Which.ChangePercentFromBaseline.Should().BeNull("a percentage of a zero baseline is undefined");
        rows.Should().NotContain(r => r.Client == "Not a client yet");
    }

    [Theory]
    [InlineData("")]
    [InlineData("status=building")]
    [InlineData("status=shipped")]
    [InlineData("flag=no_target")]
    [InlineData("flag=off_track")]
    [InlineData("flag=unmeasured")]
    [InlineData("q=Z%C3%BCrich")]
    [InlineData("q=nothing-matches-this")]
    [InlineData("sort=-title")]
    [InlineData("sort=deltaPercent")]
    [InlineData("status=shipped&flag=off_track&sort=title")]
    public async Task FilteredExport_HoldsExactlyTheClientsOfTheFilteredList_InItsOrder(string filter)
    {
        var viewer = await factory.CreateViewerClientAsync();

        var rows = ParseCsv<ResultsCsvRow>(await viewer.ExportAsync($"/api/exports/results.csv?{filter}"));
        var list = await ListAsync(viewer, filter);

        rows.Select(r => r.LeadId).Distinct().Should().Equal(list.Select(c => c.LeadId));
    }

    [Fact]
    public async Task FilteredExport_NarrowsTheFile()
    {
        var viewer = await factory.CreateViewerClientAsync();
        var offTrack = ParseCsv<ResultsCsvRow>(await viewer.ExportAsync("/api/exports/results.csv?flag=off_track"));
        var searched = ParseCsv<ResultsCsvRow>(await viewer.ExportAsync("/api/exports/results.csv?q=Z%C3%BCrich"));

        offTrack.Should().NotBeEmpty().And.OnlyContain(r => r.Flags.Contains(nameof(ResultFlag.OffTrack)));
        offTrack.Should().NotContain(r => r.Client == Clinic);
        searched.Should().HaveCount(4).And.OnlyContain(r => r.Client == Clinic);
    }

    [Theory]
    [InlineData("status=won", "status")]
    [InlineData("status=bogus", "status")]
    [InlineData("flag=bogus", "flag")]
    [InlineData("sort=nope", "sort")]
    public async Task Export_WithAnUnknownFilterValue_Is400Problem_LikeTheList(string filter, string field)
    {
        var client = await factory.CreateOperatorClientAsync();

        var export = await client.GetAsync($"/api/exports/results.csv?{filter}");
        var list = await client.GetAsync($"/api/clients?{filter}");

        export.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        list.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        export.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await export.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
        (await list.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Fact]
    public async Task Export_IsGuardedLikeTheLeadsExportAndTheClientsList()
    {
        var statuses = new List<string>();
        foreach (var (name, client) in await CallersAsync(factory))
        {
            var export = (await client.GetAsync("/api/exports/results.csv")).StatusCode;
            (await client.GetAsync("/api/exports/leads.csv")).StatusCode.Should().Be(export, $"{name} is let in as by the leads export");
            (await client.GetAsync("/api/clients")).StatusCode.Should().Be(export, $"{name} is let in as by the clients list");
            statuses.Add($"{name}:{(int)export}");
        }

        statuses.Should().Equal("anonymous:401", "key without read:403", "agent key:200", "viewer:200", "operator:200");
    }
}
