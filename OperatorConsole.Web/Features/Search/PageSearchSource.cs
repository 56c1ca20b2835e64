using OperatorConsole.Data.Search;
using OperatorConsole.Domain.Search;

namespace OperatorConsole.Web.Features.Search;

/// <summary>The console's screens and its everyday actions, so the palette can jump to them by name or synonym.</summary>
public sealed class PageSearchSource : ISearchSource
{
    private sealed record Entry(string Kind, string Title, string Href, string Keywords);

    private static readonly Entry[] Entries =
    [
        new("page", "Command Center", "/", "home dashboard overview"),
        new("page", "Failures & Interventions", "/failures", "failures errors broken stale interventions problems"),
        new("page", "Approvals", "/approvals", "approve gate decisions queue"),
        new("page", "Leads", "/leads", "pipeline prospects deals"),
        new("page", "Service packages", "/packages", "offers pricing packages"),
        new("page", "Sales teams", "/teams", "teams owners sales agents managers regional offices reps"),
        new("page", "Metrics & constraint", "/metrics", "bottleneck constraint metrics evidence"),
        new("page", "Clients & accounts", "/clients", "results ledger clients accounts companies customers outcomes"),
        new("page", "Results Ledger per deal", "/clients/deals", "results ledger clients deals targets deltas outcomes"),
        new("page", "Build Ops", "/build-ops", "build tasks queue"),
        new("page", "Agent jobs", "/agent-jobs", "coding agent jobs ledger risk"),
        new("page", "Templates", "/templates", "starter codebases template factory"),
        new("page", "Reusable assets", "/assets", "asset log reuse"),
        new("page", "Learning", "/learning", "learnings proposals transcripts"),
        new("page", "Playbook", "/playbook", "playbook sop"),
        new("page", "Ops chat", "/chat", "chat ask receipts"),
        new("page", "Integrations", "/integrations", "heartbeat health integrations"),
        new("page", "Import & export", "/import", "csv import export upload maven"),
        new("page", "Audit log", "/audit", "audit history who did what"),
        new("page", "Stand-up screen", "/standup", "standup wall tv"),
        new("page", "Settings", "/settings", "settings thresholds api keys users"),
        new("page", "Pipeline runs", "/runs", "runs pipeline failed enrich score draft research history"),
        new("page", "Settings · Users", "/settings", "users people operators viewers roles"),
        new("page", "Settings · API keys", "/settings", "api keys tokens scopes machines agent"),
        new("page", "Settings · Thresholds", "/settings", "thresholds stale days confidence currency"),
        new("page", "Settings · Risk rules", "/settings?tab=risk-rules", "risk rules high risk files review"),
        new("action", "New lead", "/leads?new=1", "create add lead"),
        new("action", "Go to Failures", "/failures", "failures"),
        new("action", "Import a CSV", "/import", "upload import csv"),
        new("action", "Export leads as CSV", "/api/exports/leads.csv", "download export csv"),
        new("action", "Create an API key", "/settings", "api key token agent"),
    ];

    public Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int take, CancellationToken ct)
    {
        IReadOnlyList<SearchHit> hits = Entries
            .Select(e => new SearchHit(e.Kind, e.Title, e.Kind == "action" ? "Action" : e.Href, e.Href,
                // Titles count more than synonyms; pages rank a little above leads of the same score.
                Math.Max(SearchScoring.Score(query, e.Title) * 2, SearchScoring.Score(query, e.Keywords))))
            .Where(h => h.Score > 0)
            .OrderByDescending(h => h.Score)
            .Take(take)
            .ToList();
        return Task.FromResult(hits);
    }
}
