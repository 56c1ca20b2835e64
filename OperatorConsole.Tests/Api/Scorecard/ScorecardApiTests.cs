using System.Net;
using OperatorConsole.Data.Brief;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Domain.Runs;
using OperatorConsole.Domain.Scorecard;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Scorecard;

/// <summary>A constructed dataset on its own database, measured against the factory's clock.</summary>
public sealed class ScorecardApiTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    [Fact]
    public async Task Scorecard_AndBrief_OnAConstructedDataset()
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime; // Wed 25 Nov 2026 09:00
        await using (var db = factory.CreateDbContext())
        {
            Lead NewLead(string title, LeadStatus status, decimal value, DateTime created) => new()
            {
                Title = title, Status = status, EstimatedValue = value, CreatedAt = created, UpdatedAt = created, StatusChangedAt = created,
            };

            var wonThisWeek = NewLead("Won this week", LeadStatus.Approved, 9_000, now.AddDays(-12));
            var wonLastWeek = NewLead("Won last week", LeadStatus.Approved, 3_000, now.AddDays(-20));
            var lost = NewLead("Lost recently", LeadStatus.Lost, 5_000, now.AddDays(-15));
            var open = NewLead("Open in proposal", LeadStatus.Proposal, 7_500, now.AddHours(-3));
            db.AddRange(wonThisWeek, wonLastWeek, lost, open);
            await db.SaveChangesAsync();

            Proposal Closed(Lead lead, ProposalOutcome outcome, decimal? value, DateTime at) => new()
            {
                LeadId = lead.Id, Title = lead.Title, Body = "b", Status = ProposalStatus.Closed, Outcome = outcome, OutcomeValue = value, OutcomeAt = at,
                SentAt = at.AddDays(-1), CreatedAt = at.AddDays(-3), UpdatedAt = at, CreatedById = "t", CreatedByName = "t",
            };

            db.AddRange(
                Closed(wonThisWeek, ProposalOutcome.Won, 9_000, now.AddDays(-1)),
                Closed(wonLastWeek, ProposalOutcome.Won, 3_000, now.AddDays(-6)),
                Closed(lost, ProposalOutcome.Lost, null, now.AddDays(-4)));
            db.Add(new PipelineRun { LeadId = open.Id, Kind = "research", StartedAt = now.AddHours(-2), Status = RunStatus.Fail, Error = "boom", RecordedAt = now, ActorId = "a", ActorName = "a" });
            db.Add(new Touch { LeadId = open.Id, Channel = TouchChannel.Call, Direction = TouchDirection.Outbound, OccurredAt = now.AddHours(-1), RecordedAt = now, ActorId = "a", ActorName = "a" });
            db.Add(new ApprovalRequest { Subject = ApprovalSubject.Deploy, SubjectType = "lead", SubjectId = "1", Title = "Deploy", RequestedAt = now.AddDays(-3), RequestedById = "a", RequestedByName = "a" });
            await db.SaveChangesAsync();
        }

        var viewer = await factory.CreateViewerClientAsync();
        var response = await viewer.GetAsync("/api/scorecard");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var scorecard = await response.ReadAsync<MoneyScorecardReport>();

        scorecard.Figure("scorecard.won_value.week")!.Value.Should().Be(9_000);
        scorecard.Figure("scorecard.won_value.week")!.Previous.Should().Be(3_000);
        scorecard.Figure("scorecard.won_value.month")!.Value.Should().Be(12_000);
        scorecard.Figure("scorecard.pipeline_value.proposal")!.Value.Should().Be(7_500);
        scorecard.Figure("scorecard.pipeline_value.proposal")!.Records.Single().Link.Should().StartWith("/leads/");
        scorecard.Figure("scorecard.win_rate")!.Value.Should().Be(66.7m);
        scorecard.Figure("scorecard.avg_deal_size")!.Value.Should().Be(6_000);
        scorecard.Figure("scorecard.cycle_time_days")!.Value.Should().Be(12.5m); // (11 + 14) / 2

        var briefResponse = await viewer.GetAsync("/api/brief");
        var brief = await briefResponse.ReadAsync<TodaysBriefReport>();
        brief.Lines.Should().NotBeNull(await briefResponse.Content.ReadAsStringAsync());
        brief.Since.Should().Be(brief.GeneratedAt.AddHours(-24));
        brief.Line("brief.new_leads")!.Count.Should().Be(1);
        brief.Line("brief.new_leads")!.Items.Single().Title.Should().Be("Open in proposal");
        brief.Line("brief.touches")!.Count.Should().Be(1);
        brief.Line("brief.runs_failed")!.Count.Should().Be(1);
        brief.Line("brief.approvals_waiting")!.Count.Should().Be(1);
        brief.Line("brief.deals_won")!.Count.Should().Be(1);

        // A day later the same events are no longer "since yesterday".
        factory.Clock.Advance(TimeSpan.FromHours(25));
        // (The sign-in cookie ages with the fake clock too, so sign in again.)
        viewer = await factory.CreateViewerClientAsync();
        var later = await (await viewer.GetAsync("/api/brief")).ReadAsync<TodaysBriefReport>();
        later.Line("brief.new_leads")!.Count.Should().Be(0);
        later.Line("brief.approvals_waiting")!.Count.Should().Be(1);

        (await factory.CreateAgentClient().GetAsync("/api/scorecard")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await factory.CreateAnonymousClient().GetAsync("/api/brief")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
