using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.AgentJobs;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.AgentJobs;

/// <summary>Agent jobs as CSV, streamed, newest first, with the filters of GET /api/agent-jobs.</summary>
public static class AgentJobsExportApi
{
    public static IEndpointRouteBuilder MapAgentJobsExport(this IEndpointRouteBuilder app)
    {
        // Guarded like the list it mirrors: agent jobs are for people (as GET /api/agent-jobs).
        app.MapCsvExport("agent-jobs.csv", ExportAgentJobs, "ExportAgentJobsCsv",
                "Agent jobs as CSV, newest first (same filters as GET /api/agent-jobs: result, riskLevel, approved, buildTaskId)")
            .RequireAuthorization(ConsolePolicies.People);
        return app;
    }

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> ExportAgentJobs(
        AgentJobExportService exports,
        TimeProvider time,
        HttpContext http,
        CancellationToken ct,
        [FromQuery] string? result = null,
        [FromQuery] string? riskLevel = null,
        [FromQuery] string? approved = null,
        [FromQuery] int? buildTaskId = null)
    {
        if (AgentJobsApi.ParseFilter(result, riskLevel, approved, buildTaskId, out var filter) is { } problem)
        {
            return problem;
        }

        return await CsvExport.DownloadAsync(http, exports.JobsAsync(filter, ct), "agent-jobs", time, ct);
    }
}
