using Microsoft.AspNetCore.Http.HttpResults;
using OperatorConsole.Domain.Clock;
using OperatorConsole.Web.Api;

namespace OperatorConsole.Web.Features.Clock;

/// <summary>
/// The API side of the one clock: endpoints that return time-based figures take <c>?clock=data|now</c> (default: the
/// caller's browser choice, else follow the data) and return the reference time they used as <c>clock</c>.
/// </summary>
public static class ClockApi
{
    public static async Task<Results<Ok<T>, ProblemHttpResult>> WithClockAsync<T>(
        ScreenClock clock, HttpContext http, string? mode, Func<ReferenceTime, Task<Ok<T>>> answer, CancellationToken ct)
    {
        if (mode is not null && !string.Equals(mode, "data", StringComparison.OrdinalIgnoreCase) && !string.Equals(mode, "now", StringComparison.OrdinalIgnoreCase))
        {
            return ApiResults.BadRequest("Invalid query parameter.", new Dictionary<string, string[]> { ["clock"] = ["'clock' must be 'data' or 'now'."] });
        }

        return await answer(await clock.ResolveAsync(ScreenClock.ModeOf(http, mode), ct));
    }
}
