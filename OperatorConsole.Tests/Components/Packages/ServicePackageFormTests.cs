using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using OperatorConsole.Data.Packages;
using OperatorConsole.Domain.Packages;
using OperatorConsole.Web.Features.Packages;

namespace OperatorConsole.Tests.Components.Packages;

public sealed class ServicePackageFormTests : PackagesComponentContext
{
    private static async Task SetTextAsync(IRenderedComponent<ServicePackageForm> cut, string label, string value)
    {
        var field = cut.FindComponents<MudTextField<string>>().First(f => f.Instance.Label == label);
        await cut.InvokeAsync(() => field.Instance.ValueChanged.InvokeAsync(value));
    }

    private static async Task SetPriceAsync(IRenderedComponent<ServicePackageForm> cut, string label, decimal value)
    {
        var field = cut.FindComponents<MudNumericField<decimal?>>().First(f => f.Instance.Label == label);
        await cut.InvokeAsync(() => field.Instance.ValueChanged.InvokeAsync(value));
    }

    [Fact]
    public async Task PackageForm_NewWithOrderedStepsAndUpgrade_CreatesPackageInThatOrder()
    {
        ServicePackageView? saved = null;
        var cut = Render<ServicePackageForm>(p => p.Add(c => c.OnSaved, v => saved = v));
        await SetTextAsync(cut, "Name", "Intake Assistant Sprint");
        await SetPriceAsync(cut, "Price min", 4500);
        await SetPriceAsync(cut, "Price max", 7500);
        cut.Find("[data-testid=package-step-add]").Click();
        cut.Find("[data-testid=package-step-add]").Click();
        cut.Find("[data-testid=package-step-add]").Click();
        var steps = cut.FindComponents<MudTextField<string>>().Where(f => f.Instance.Label == "Step").ToList();
        await cut.InvokeAsync(() => steps[0].Instance.ValueChanged.InvokeAsync("Go live"));
        await cut.InvokeAsync(() => steps[1].Instance.ValueChanged.InvokeAsync("Kick-off"));
        await cut.InvokeAsync(() => steps[2].Instance.ValueChanged.InvokeAsync("Build"));
        // Reorder: "Kick-off" up to first, then "Go live" (now second) down to last.
        cut.Find("[data-testid=package-step-up-1]").Click();
        cut.Find("[data-testid=package-step-down-1]").Click();
        cut.Find("[data-testid=package-upgrade-add]").Click();
        await cut.InvokeAsync(() => cut.FindComponents<MudTextField<string>>().First(f => f.Instance.Label == "Upgrade").Instance.ValueChanged.InvokeAsync("Second location"));
        await cut.InvokeAsync(() => cut.FindComponents<MudNumericField<decimal?>>().First(f => f.Instance.Label == "Price").Instance.ValueChanged.InvokeAsync(1500m));

        cut.Find("[data-testid=package-save]").Click();

        cut.WaitForAssertion(() => saved.Should().NotBeNull());
        saved!.DeliverySteps.Should().Equal("Kick-off", "Build", "Go live");
        saved.UpgradeOptions.Should().Equal(new UpgradeOption("Second location", 1500m));
        await using var db = CreateDbContext();
        var stored = await db.Set<ServicePackage>().SingleAsync();
        stored.DeliverySteps.Should().Equal("Kick-off", "Build", "Go live");
        stored.PriceMin.Should().Be(4500);
    }

    [Fact]
    public async Task PackageForm_PriceMinAboveMax_ShowsErrorAndWritesNothing()
    {
        var cut = Render<ServicePackageForm>();
        await SetTextAsync(cut, "Name", "Too cheap to be true");
        await SetPriceAsync(cut, "Price min", 9000);
        await SetPriceAsync(cut, "Price max", 5000);

        cut.Find("[data-testid=package-save]").Click();

        cut.WaitForAssertion(() => cut.Markup.Should().Contain("must not be more than"));
        cut.Find("[data-testid=package-form-error]").Should().NotBeNull();
        await using var db = CreateDbContext();
        (await db.Set<ServicePackage>().AnyAsync()).Should().BeFalse();
    }

    [Fact]
    public async Task PackageForm_EditExisting_RemovesAStepAndSaves()
    {
        var created = await Get<ServicePackageService>().CreateAsync(
            new CreateServicePackageRequest("Back-Office Pack", DeliverySteps: ["Baseline", "Build", "Parallel run"], PriceMin: 9000, PriceMax: 18000), Operator);
        ServicePackageView? saved = null;
        var cut = Render<ServicePackageForm>(p => p.Add(c => c.Package, created.Value).Add(c => c.OnSaved, v => saved = v));

        cut.Find("[data-testid=package-step-remove-1]").Click();
        cut.Find("[data-testid=package-save]").Click();

        cut.WaitForAssertion(() => saved.Should().NotBeNull());
        saved!.DeliverySteps.Should().Equal("Baseline", "Parallel run");
        saved.Name.Should().Be("Back-Office Pack");
    }

    [Fact]
    public async Task PackageForm_EditExisting_ShowsStoredPricesWithoutTheirTrailingZeros()
    {
        // A price sent as 9000.0 (or read back from SQLite's text) keeps its scale: the field used to show "9000.0".
        var created = await Get<ServicePackageService>().CreateAsync(
            new CreateServicePackageRequest("Back-Office Pack", DeliverySteps: ["Build"], PriceMin: 9000.0m, PriceMax: 18000.50m), Operator);

        var cut = Render<ServicePackageForm>(p => p.Add(c => c.Package, created.Value));

        cut.Find("input[data-testid=package-price-min]").GetAttribute("value").Should().Be("9000");
        cut.Find("input[data-testid=package-price-max]").GetAttribute("value").Should().Be("18000.5");
    }
}
