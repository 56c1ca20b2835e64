using Bunit;
using OperatorConsole.Data.Proposals;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Web.Features.Proposals;

namespace OperatorConsole.Tests.Components.Proposals;

/// <summary>A proposal's versions compared line by line: the newest with the one before, until the operator picks others.</summary>
public sealed class ProposalVersionsTests : IDisposable
{
    private static readonly DateTime At = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);
    private readonly ComponentTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    private static ProposalDetail With(params string[] bodies)
    {
        var versions = bodies
            .Select((body, i) => new ProposalVersionView(i + 1, "Intake automation", body, 9000, ProposalOrigins.Manual, At.AddHours(i), "Operator"))
            .Reverse()
            .ToList();
        return new ProposalDetail(
            7, 3, "Acme intake", "Dana", "dana@acme.test", "Intake automation", bodies[^1], ProposalStatus.Draft, 9000, null,
            At, At, null, null, null, null, null, null, null, "Operator", null, [ProposalAction.Edit], versions, []);
    }

    private static IEnumerable<(string Kind, string Text)> Lines(IRenderedComponent<ProposalVersions> cut) =>
        cut.FindAll("[data-testid=proposal-diff] [data-kind]").Select(l => (l.GetAttribute("data-kind")!, l.TextContent));

    [Fact]
    public void Diff_ComparesTheNewestVersionWithTheOneBefore()
    {
        var cut = _ctx.RenderWithMud<ProposalVersions>(p => p.Add(c => c.Proposal, With("Scope: intake\nPrice: 8000", "Scope: intake\nPrice: 9000")));

        Lines(cut).Should().Equal(
            (nameof(DiffKind.Same), "  Scope: intake"),
            (nameof(DiffKind.Removed), "- Price: 8000"),
            (nameof(DiffKind.Added), "+ Price: 9000"));
        cut.FindAll("tbody tr").Should().HaveCount(2, "one row per version");
    }

    [Fact]
    public void Diff_MovesOnWhenANewVersionArrives()
    {
        var cut = _ctx.RenderWithMud<ProposalVersions>(p => p.Add(c => c.Proposal, With("a", "b")));

        cut.Render(p => p.Add(c => c.Proposal, With("a", "b", "c")));

        Lines(cut).Should().Equal((nameof(DiffKind.Removed), "- b"), (nameof(DiffKind.Added), "+ c"));
    }

    [Fact]
    public void Diff_OfTheFirstVersion_IsTheWholeTextUnchanged()
    {
        var cut = _ctx.RenderWithMud<ProposalVersions>(p => p.Add(c => c.Proposal, With("Only draft")));

        Lines(cut).Should().Equal((nameof(DiffKind.Same), "  Only draft"));
    }
}
