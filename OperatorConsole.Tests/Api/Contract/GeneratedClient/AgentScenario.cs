// The integrator's side: code a coding agent or pipeline runner writes against the client NSwag generates from
// /openapi/v1.json. It is not compiled into the tests; GeneratedClientTests compiles it next to a client generated
// from the served document at test time, so every typed call below must still fit the document.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;

namespace OperatorConsole.Integrator;

public static class AgentScenario
{
    public static async Task<Dictionary<string, object?>> RunAsync(HttpClient http, string integration, DateTimeOffset now)
    {
        var api = new ConsoleApiClient(http);
        var seen = new Dictionary<string, object?>();

        var lead = await api.CreateLeadAsync(new CreateLeadRequest { Title = "Typed client: invoice bot", Company = "Generated Co", EstimatedValue = 4200 });
        seen["leadId"] = lead.Id;

        var touch = await api.RecordTouchAsync(lead.Id, new RecordTouchRequest
        {
            Channel = TouchChannel.Email,
            Direction = TouchDirection.Outbound,
            Summary = "Sent the discovery questions",
            OccurredAt = now.AddMinutes(-5),
        });
        seen["touchId"] = touch.Id;

        var started = now.AddMinutes(-2);
        var run = await api.RecordPipelineRunAsync(new RecordRunRequest
        {
            LeadId = lead.Id,
            Kind = "enrichment",
            StartedAt = started,
            FinishedAt = started.AddSeconds(40),
            Steps = new List<RecordRunStep>
            {
                new() { Name = "fetch", Success = true, DurationMs = 1200 },
                new() { Name = "score", Success = false, Error = "model timeout", DurationMs = 30000 },
            },
        });
        seen["runId"] = run.Id;
        seen["runStatus"] = run.Status.ToString();
        seen["runSteps"] = run.Steps.Count;

        await api.IntegrationHeartbeatAsync(integration, new HeartbeatRequest { Ok = true, Message = "token refreshed" });

        var job = await api.RecordAgentJobAsync(new RecordAgentJobRequest
        {
            TaskRequested = "Let customers reset their password",
            FilesTouched = new List<string> { "src/Auth/PasswordReset.cs", "tests/Auth/PasswordResetTests.cs" },
            Branch = "agent/password-reset",
            Result = AgentJobResult.Success,
            TestsPassed = 12,
            TestsFailed = 0,
        });
        var read = job;
        seen["jobId"] = read.Id;
        seen["jobRiskLevel"] = read.RiskLevel.ToString();
        seen["jobRequiresReview"] = read.RequiresReview;
        seen["jobFiles"] = string.Join(",", read.FilesTouched);

        // A mistake comes back as the documented problem, typed: status and the field it names.
        try
        {
            await api.RecordPipelineRunAsync(new RecordRunRequest { LeadId = lead.Id, Kind = "enrichment", StartedAt = started, FinishedAt = started.AddSeconds(-10) });
            seen["badRun"] = "accepted";
        }
        catch (ApiException<ProblemDetails> problem)
        {
            seen["badRun"] = problem.StatusCode;
            seen["badRunErrors"] = string.Join(",", problem.Result.Errors?.Keys ?? Enumerable.Empty<string>());
        }

        return seen;
    }
}
