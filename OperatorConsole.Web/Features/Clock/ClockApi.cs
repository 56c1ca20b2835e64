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
        var errors = new Dictionary<string, string[]>();
        var parsed = ParseMode(http, mode, errors);
        return errors.Count > 0
            ? ApiResults.BadRequest("Invalid query parameter.", errors)
            : await answer(await clock.ResolveAsync(parsed, ct));
    }

    /// <summary>The <c>?clock=</c> a request asked for (else the browser's choice); anything but data/now is a field error.</summary>
    public static ClockMode ParseMode(HttpContext http, string? mode, IDictionary<string, string[]> errors)
    {
        if (mode is not null && !string.Equals(mode, "data", StringComparison.OrdinalIgnoreCase) && !string.Equals(mode, "now", StringComparison.OrdinalIgnoreCase))
        {
            errors["clock"] = ["'clock' must be 'data' or 'now'."];
        }

        return ScreenClock.ModeOf(http, mode);
    }
}
