using Bunit;
using MudBlazor;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Web.Features.Leads;

namespace OperatorConsole.Tests.Components.Leads;

/// <summary>
/// The Leads list's column chooser: each user keeps the optional columns they want, remembered in their browser
/// (app.js, per list and user); the deal and its stage always show, and a column no deal fills is offered as
/// "(none yet)" but not shown.
/// </summary>
public sealed class LeadColumnsTests : IDisposable
{
    private const string User = "ada@test.local";
    private readonly ComponentTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public async Task TheColumnsThisUserHid_AreLeftOff_AndShowAllBringsThemBack()
    {
        _ctx.SignInAs(ConsoleRoles.Operator, User);
        await _ctx.SeedLeadAsync("Portal rebuild", LeadStatus.Qualified);
        _ctx.JSInterop.Setup<string[]?>("oc.columnsHidden", i => (string?)i.Arguments[0] == "leads" && (string?)i.Arguments[1] == User)
            .SetResult(["wonValue", "created", "a-column-since-removed"]);

        var cut = _ctx.RenderWithMud<LeadsPage>();

        cut.WaitForAssertion(() => Headers(cut).Should().Equal("Lead", "Account", "Stage", "Est. value", "Last contact"));
        cut.FindAll("[data-testid=lead-row-link]").Select(a => a.TextContent).Should().Equal("Portal rebuild");
        Checked(cut, "wonValue").Should().BeFalse();
        Checked(cut, "account").Should().BeTrue();

        await cut.InvokeAsync(() => cut.Find("[data-testid=columns-show-all]").Click());

        cut.WaitForAssertion(() => Headers(cut).Should().Equal("Lead", "Account", "Stage", "Est. value", "Won value", "Last contact", "Created"));
        var saved = _ctx.JSInterop.VerifyInvoke("oc.setColumnsHidden").Arguments;
        saved[0].Should().Be("leads");
        saved[1].Should().Be(User);
        ((string[])saved[2]!).Should().BeEmpty();
    }

    [Fact]
    public async Task HidingAColumn_TakesItOffTheTable_AndIsRemembered()
    {
        _ctx.SignInAs(ConsoleRoles.Operator, User);
        await _ctx.SeedLeadAsync("Quote desk", LeadStatus.Proposal);
        var cut = _ctx.RenderWithMud<LeadsPage>();
        cut.WaitForAssertion(() => Headers(cut).Should().Contain("Last contact"));

        await cut.InvokeAsync(() => cut.Find("[data-testid=columns-toggle]").Click());
        cut.Find("[data-testid=columns-toggle]").GetAttribute("aria-expanded").Should().Be("true");
        await cut.InvokeAsync(() => CheckBox(cut, "lastContact").Instance.ValueChanged.InvokeAsync(false));
        await cut.InvokeAsync(() => CheckBox(cut, "account").Instance.ValueChanged.InvokeAsync(false));

        cut.WaitForAssertion(() => Headers(cut).Should().Equal("Lead", "Stage", "Est. value", "Won value", "Created"));
        cut.FindAll("[data-testid=lead-account-link]").Should().BeEmpty();
        var saves = _ctx.JSInterop.Invocations["oc.setColumnsHidden"];
        ((string[])saves[^1].Arguments[2]!).Should().Equal("account", "lastContact");
    }

    [Fact]
    public async Task AColumnNoDealFills_IsOfferedAsNoneYet_AndNotShown()
    {
        _ctx.SignInAs(ConsoleRoles.Operator, User);
        await _ctx.SeedLeadAsync("No owner", LeadStatus.New);
        var cut = _ctx.RenderWithMud<LeadsPage>();

        cut.WaitForAssertion(() => CheckBox(cut, "owner").Instance.Label.Should().Be("Owner (none yet)"));
        CheckBox(cut, "account").Instance.Label.Should().Be("Account");
        Checked(cut, "owner").Should().BeTrue("chosen, it shows once a deal has an owner");
        Headers(cut).Should().NotContain("Owner");
    }

    private static List<string> Headers(IRenderedComponent<LeadsPage> cut) =>
        cut.FindAll("[data-testid=leads-table] thead th").Select(th => th.TextContent.Trim()).ToList();

    private static IRenderedComponent<MudCheckBox<bool>> CheckBox(IRenderedComponent<LeadsPage> cut, string key) =>
        cut.FindComponents<MudCheckBox<bool>>().Single(c => (string?)c.Instance.UserAttributes.GetValueOrDefault("data-testid") == $"column-{key}");

    private static bool Checked(IRenderedComponent<LeadsPage> cut, string key) => cut.Find($"input[data-testid=column-{key}]").HasAttribute("checked");
}
