using OperatorConsole.Data.AgentJobs;

namespace OperatorConsole.Web.Features.Risk;

/// <summary>The one-line summary of a rules preview, as the Settings page shows it before saving.</summary>
public static class RiskRulesPreview
{
    /// <summary>
    /// "3 jobs would change: 2 up, 1 down". Up and down are by level, the part that decides whether a person must
    /// approve; a job whose class alone changes is counted apart so the numbers add up.
    /// </summary>
    public static string Summarise(IReadOnlyList<ReclassifiedJob> jobs)
    {
        if (jobs.Count == 0)
        {
            return "No open jobs would change.";
        }

        var up = jobs.Count(j => j.ToLevel > j.FromLevel);
        var down = jobs.Count(j => j.ToLevel < j.FromLevel);
        var classOnly = jobs.Count - up - down;
        var noun = jobs.Count == 1 ? "job" : "jobs";
        var text = $"{jobs.Count} open {noun} would change: {up} up, {down} down";
        return classOnly == 0 ? text : $"{text}, {classOnly} class only";
    }
}
