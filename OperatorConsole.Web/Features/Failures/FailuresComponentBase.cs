using Microsoft.AspNetCore.Components;
using OperatorConsole.Domain.Failures;
using OperatorConsole.Web.Features.Clock;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Web.Features.Failures;

/// <summary>
/// A live component bound to the shared failures report at the viewer's clock (<see cref="FailuresReportCache.QueryFor"/>):
/// the Failures screens, the panel, the badge and the stand-up list all re-render only when the report changed, and
/// count deal ages to the same reference time as the other cards of the screen.
/// </summary>
public abstract class FailuresComponentBase : ClockedComponentBase
{
    [Inject]
    protected FailuresReportCache Cache { get; set; } = default!;

    /// <summary>The current report, acknowledged items marked; null until the first load.</summary>
    protected FailuresReport? Report => ReportValue?.Value;

    /// <summary>The report with its version and shared derived values (work out per-report lists there, once).</summary>
    protected LiveValue<FailuresReport>? ReportValue { get; private set; }

    protected override IReadOnlyCollection<string> LiveTopics => [];

    protected override async Task LoadAsync()
    {
        ReportValue = await SharedValue(Cache.QueryFor(ClockMode));
        OnReportChanged();
    }

    /// <summary>Called after each load and parameter change, before rendering (derive filtered lists here).</summary>
    protected virtual void OnReportChanged()
    {
    }

    protected override void OnParametersSet() => OnReportChanged();
}
