using OperatorConsole.Domain.Runs;

namespace OperatorConsole.Tests.Domain.Runs;

public sealed class RunStatusPolicyTests
{
    private static IReadOnlyCollection<(bool Success, string? Error)> Steps(params bool[] outcomes) =>
        outcomes.Select(ok => (ok, ok ? null : (string?)"boom")).ToList();

    [Theory]
    [InlineData(new[] { true }, RunStatus.Success)]
    [InlineData(new[] { true, true, true }, RunStatus.Success)]
    [InlineData(new[] { true, false }, RunStatus.Partial)]
    [InlineData(new[] { false, true, true }, RunStatus.Partial)]
    [InlineData(new[] { false }, RunStatus.Fail)]
    [InlineData(new[] { false, false, false }, RunStatus.Fail)]
    public void Compute_FollowsTheSteps(bool[] outcomes, RunStatus expected) =>
        RunStatusPolicy.Compute(Steps(outcomes)).Should().Be(expected);

    [Fact]
    public void Compute_NoSteps_IsAFail() => RunStatusPolicy.Compute(Steps()).Should().Be(RunStatus.Fail);

    [Fact]
    public void FirstError_NamesTheFirstFailingStep()
    {
        var error = RunStatusPolicy.FirstError([("fetch", true, null), ("parse", false, "bad html"), ("store", false, "disk full")]);

        error.Should().Be("parse: bad html");
    }

    [Fact]
    public void FirstError_WithoutAMessage_SaysSo() =>
        RunStatusPolicy.FirstError([("parse", false, null)]).Should().Be("parse: failed without a message");

    [Fact]
    public void FirstError_AllOk_IsNull() => RunStatusPolicy.FirstError([("fetch", true, null)]).Should().BeNull();

    [Fact]
    public void FirstError_NoSteps_ExplainsTheFail() => RunStatusPolicy.FirstError([]).Should().Be(RunStatusPolicy.NoStepsError);
}
