namespace OperatorConsole.Domain.Runs;

/// <summary>How a run's status follows from its steps.</summary>
public static class RunStatusPolicy
{
    public const string NoStepsError = "The run reported no steps, so nothing shows it did its work.";

    /// <summary>
    /// success: every step succeeded; partial: some failed and some succeeded; fail: every step failed.
    /// A run with no steps is a fail: it proves nothing, and a silent run must not look healthy (axiom 5).
    /// </summary>
    public static RunStatus Compute(IReadOnlyCollection<(bool Success, string? Error)> steps)
    {
        if (steps.Count == 0)
        {
            return RunStatus.Fail;
        }

        var failed = steps.Count(s => !s.Success);
        return failed == 0 ? RunStatus.Success : failed == steps.Count ? RunStatus.Fail : RunStatus.Partial;
    }

    /// <summary>The error the failures panel shows for a run: the first failing step's message.</summary>
    public static string? FirstError(IReadOnlyList<(string Name, bool Success, string? Error)> steps)
    {
        if (steps.Count == 0)
        {
            return NoStepsError;
        }

        var first = steps.FirstOrDefault(s => !s.Success);
        return first.Name is null ? null : $"{first.Name}: {first.Error ?? "failed without a message"}";
    }
}
