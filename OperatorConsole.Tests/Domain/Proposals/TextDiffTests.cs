using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Tests.Domain.Proposals;

public sealed class TextDiffTests
{
    [Fact]
    public void Lines_ChangedPrice_ShowsRemovedAndAddedAroundUnchangedLines()
    {
        var diff = TextDiff.Lines("Scope: intake\nPrice: 12,000\nTimeline: 3 weeks", "Scope: intake\nPrice: 14,000\nTimeline: 3 weeks");

        diff.Should().Equal(
            new DiffLine(DiffKind.Same, "Scope: intake"),
            new DiffLine(DiffKind.Removed, "Price: 12,000"),
            new DiffLine(DiffKind.Added, "Price: 14,000"),
            new DiffLine(DiffKind.Same, "Timeline: 3 weeks"));
    }

    [Fact]
    public void Lines_Identical_AreAllSame() =>
        TextDiff.Lines("a\nb", "a\nb").Should().OnlyContain(l => l.Kind == DiffKind.Same);
}
