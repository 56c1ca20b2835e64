using System.Text.Json;
using OperatorConsole.Web.Api.Contract;

namespace OperatorConsole.Tests.Api.Contract;

/// <summary>
/// The body rules' paths name the exact field, however deep (the walk builds the text only for an error, issue 18):
/// a field of an element of a list of a field, a null element, a time of a list element.
/// </summary>
public sealed class BodyRulesTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc);
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };

    public sealed record Leaf(string Name, DateTime? OccurredAt = null, DateTime? DueDate = null);

    public sealed record Branch(List<Leaf> Leaves, List<DateTime>? Dates = null);

    public sealed record Root(Branch Branch, List<string> Tags);

    [Fact]
    public void AValidBody_HasNoErrors()
    {
        var body = new Root(new Branch([new Leaf("a", Now.AddHours(-1), Now.AddYears(2))], [Now.AddYears(1)]), ["x"]);

        BodyRules.Check(body, Options, Now).Should().BeEmpty();
    }

    [Fact]
    public void ErrorsDeepInTheBody_NameTheirFullPath()
    {
        var body = new Root(
            new Branch([new Leaf("ok"), new Leaf("late", Now.AddDays(2)), new Leaf(null!)], [Now.AddYears(11)]),
            ["x", null!]);

        BodyRules.Check(body, Options, Now).Keys.Should().BeEquivalentTo(
            "branch.leaves[1].occurredAt", // a fact a day or more ahead
            "branch.leaves[2].name", // a null where the type allows none
            "branch.dates[0]", // a list element is a plan: ten years at most
            "tags[1]"); // a null element
    }

    [Fact]
    public void AFactTime_AndAPlan_HaveTheirOwnLimits()
    {
        var errors = BodyRules.Check(new Leaf("a", Now.AddDays(2), Now.AddYears(9)), Options, Now);

        errors.Keys.Should().Equal("occurredAt");
        errors["occurredAt"].Should().Equal("'occurredAt' must be between 2000-01-01 and a day from now (UTC).");
    }
}
