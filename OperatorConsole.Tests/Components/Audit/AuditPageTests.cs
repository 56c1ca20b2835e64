using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Domain.Access;
using OperatorConsole.Web.Features.Audit;

namespace OperatorConsole.Tests.Components.Audit;

public sealed class AuditPageTests : IDisposable
{
    private readonly ComponentTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public async Task AuditPage_FilteredToNothing_SaysNothingMatches_AndClearingTheFiltersShowsTheLog()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        await _ctx.SeedLeadAsync("Audited lead");
        _ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/audit?recordType=no-such-record");
        var cut = _ctx.RenderWithMud<AuditPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]").TextContent.Should().Contain("No audit entries match"));
        cut.Find("[data-testid=empty-clear-filters]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=audit-row]").Should().NotBeEmpty());
        cut.Find("input[data-testid=audit-record-type]").GetAttribute("value").Should().BeNullOrEmpty("the field shows the cleared filter");
    }
}
