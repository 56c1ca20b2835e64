using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace OperatorConsole.Bench.Failures;

/// <summary>
/// A deterministic agency-sized database (fixed seed): leads named after the Maven CRM pipeline's products and
/// accounts when the file is found, touches, runs with steps, integrations, approvals and proposals, written
/// with raw SQL in one transaction (prepared statements) so a 400k-row dataset loads in seconds.
/// Times are relative to <c>now</c>, so the buckets are populated the same way on every run.
/// </summary>
public sealed class FailuresDataset
{
    /// <summary>The dataset sized by <c>--leads --touches --runs --integrations --approvals</c> (defaults: the issue's).</summary>
    public static FailuresDataset FromOptions(BenchOptions options) => new()
    {
        Leads = options.Int("leads", 10_000),
        Touches = options.Int("touches", 200_000),
        Runs = options.Int("runs", 50_000),
        Integrations = options.Int("integrations", 200),
        Approvals = options.Int("approvals", 1_000),
    };

    public int Leads { get; init; } = 10_000;
    public int Touches { get; init; } = 200_000;
    public int Runs { get; init; } = 50_000;
    public int Integrations { get; init; } = 200;
    public int Approvals { get; init; } = 1_000;

    public Dictionary<string, int> Written { get; } = [];

    private static readonly string[] Kinds = ["research", "enrich", "score", "draft", "knowledge-ingest"];
    private static readonly string[] Channels = ["Email", "Call", "Meeting", "Message", "Linkedin", "Other"];
    private static readonly string[] Subjects = ["ProposalSend", "BuildStart", "HighRiskChange", "Deploy", "PlaybookPromotion"];

    /// <summary>Maven CRM rows as (product, account, agent, stage); null when the dataset is not on this machine.</summary>
    public static List<(string Product, string Account, string Agent, string Stage)>? LoadMaven(string? path)
    {
        var candidates = new List<string>();
        if (path is not null)
        {
            candidates.Add(path);
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            candidates.Add(Path.Combine(dir.FullName, "shared", "datasets", "maven-crm", "sales_pipeline.csv"));
            candidates.Add(Path.Combine(dir.FullName, "datasets", "maven-crm", "sales_pipeline.csv"));
        }

        var file = candidates.FirstOrDefault(File.Exists);
        if (file is null)
        {
            return null;
        }

        return File.ReadLines(file).Skip(1)
            .Select(line => line.Split(','))
            .Where(f => f.Length >= 5)
            .Select(f => (f[2], f[3].Length == 0 ? "Unassigned account" : f[3], f[1], f[4]))
            .ToList();
    }

    // The text the console itself stores for a time (ADR 203), so the dataset reads as if the console had written it.
    private static string T(DateTime at) => OperatorConsole.Data.Infrastructure.SqliteUtcDateTimeText.Write(at);

    public async Task WriteAsync(string connectionString, DateTime now, string? mavenPath)
    {
        var maven = LoadMaven(mavenPath);
        var random = new Random(20261125);
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        // Leads are written after their touches and runs (they carry the derived last touch and last run), so
        // foreign keys are checked at commit.
        await using (var defer = connection.CreateCommand())
        {
            defer.Transaction = transaction;
            defer.CommandText = "PRAGMA defer_foreign_keys = ON;";
            await defer.ExecuteNonQueryAsync();
        }

        // Leads: created in the last year; status from the Maven stage (Prospecting → New, Engaging → Qualified or
        // Proposal, Won → Approved/Building/Shipped, Lost → Lost), 2% archived.
        var leadCreated = new DateTime[Leads + 1];
        var leadStatus = new string[Leads + 1];
        var leadStatusChanged = new DateTime[Leads + 1];
        var lastTouch = new DateTime?[Leads + 1];
        var lastRun = new (int Id, DateTime Started, DateTime Finished, string Status)?[Leads + 1];
        for (var i = 1; i <= Leads; i++)
        {
            var row = maven?[(i - 1) % maven.Count];
            var stage = row?.Stage ?? (random.Next(4) switch { 0 => "Prospecting", 1 => "Engaging", 2 => "Won", _ => "Lost" });
            leadStatus[i] = stage switch
            {
                "Prospecting" => "New",
                "Engaging" => random.Next(3) == 0 ? "Proposal" : "Qualified",
                "Won" => random.Next(3) switch { 0 => "Approved", 1 => "Building", _ => "Shipped" },
                _ => "Lost",
            };
            leadCreated[i] = now.AddDays(-random.NextDouble() * 365);
            leadStatusChanged[i] = leadCreated[i].AddDays(random.NextDouble() * (now - leadCreated[i]).TotalDays);
        }

        // Touches: spread over each lead's life, recent ones more likely (an active pipeline).
        await using (var touch = Command(connection, transaction,
            "INSERT INTO Touch (LeadId, Channel, Direction, Summary, OccurredAt, RecordedAt, ActorKind, ActorId, ActorName) VALUES ($lead, $channel, $direction, $summary, $at, $at, 'ApiKey', 'bench', 'Bench agent')",
            "$lead", "$channel", "$direction", "$summary", "$at"))
        {
            for (var i = 0; i < Touches; i++)
            {
                var lead = random.Next(1, Leads + 1);
                var life = (now - leadCreated[lead]).TotalDays;
                var at = now.AddDays(-life * Math.Pow(random.NextDouble(), 2));
                if (lastTouch[lead] is null || at > lastTouch[lead])
                {
                    lastTouch[lead] = at;
                }

                touch.Parameters[0].Value = lead;
                touch.Parameters[1].Value = Channels[random.Next(Channels.Length)];
                touch.Parameters[2].Value = random.Next(2) == 0 ? "Outbound" : "Inbound";
                touch.Parameters[3].Value = $"Follow-up {i}";
                touch.Parameters[4].Value = T(at);
                await touch.ExecuteNonQueryAsync();
            }
        }

        Written["touches"] = Touches;

        // Runs over the last 180 days: 90% success, 6% partial, 4% fail; 80% for a lead; 1–5 steps each.
        var steps = 0;
        await using (var run = Command(connection, transaction,
            "INSERT INTO PipelineRun (Id, LeadId, Kind, StartedAt, FinishedAt, Status, Error, RecordedAt, ActorKind, ActorId, ActorName) VALUES ($id, $lead, $kind, $started, $finished, $status, $error, $finished, 'ApiKey', 'bench', 'Bench runner')",
            "$id", "$lead", "$kind", "$started", "$finished", "$status", "$error"))
        await using (var step = Command(connection, transaction,
            "INSERT INTO PipelineRunStep (PipelineRunId, Position, Name, Success, Error, DurationMs) VALUES ($run, $position, $name, $success, $error, $duration)",
            "$run", "$position", "$name", "$success", "$error", "$duration"))
        {
            for (var id = 1; id <= Runs; id++)
            {
                int? lead = random.Next(5) == 0 ? null : random.Next(1, Leads + 1);
                var started = now.AddDays(-random.NextDouble() * 180);
                var roll = random.Next(100);
                var status = roll < 90 ? "Success" : roll < 96 ? "Partial" : "Fail";
                var stepCount = random.Next(1, 6);
                var failAt = status == "Success" ? -1 : status == "Fail" ? 0 : Math.Max(1, stepCount - 1);
                if (status == "Partial" && stepCount == 1)
                {
                    stepCount = 2;
                    failAt = 1;
                }

                var kind = Kinds[random.Next(Kinds.Length)];
                var error = failAt < 0 ? null : $"step{failAt}: upstream answered 50{random.Next(10)}";
                run.Parameters[0].Value = id;
                run.Parameters[1].Value = (object?)lead ?? DBNull.Value;
                run.Parameters[2].Value = kind;
                run.Parameters[3].Value = T(started);
                var finished = started.AddSeconds(random.Next(5, 600));
                run.Parameters[4].Value = T(finished);
                run.Parameters[5].Value = status;
                run.Parameters[6].Value = (object?)error ?? DBNull.Value;
                await run.ExecuteNonQueryAsync();
                for (var s = 0; s < stepCount; s++)
                {
                    var failed = status == "Fail" || (status == "Partial" && s >= failAt);
                    step.Parameters[0].Value = id;
                    step.Parameters[1].Value = s;
                    step.Parameters[2].Value = "step" + s;
                    step.Parameters[3].Value = failed ? 0 : 1;
                    step.Parameters[4].Value = failed ? $"upstream answered 50{s}" : DBNull.Value;
                    step.Parameters[5].Value = random.Next(50, 5000);
                    await step.ExecuteNonQueryAsync();
                    steps++;
                }

                if (lead is { } l && (lastRun[l] is null || started >= lastRun[l]!.Value.Started))
                {
                    lastRun[l] = (id, started, finished, status);
                }
            }
        }

        Written["runs"] = Runs;
        Written["steps"] = steps;

        await using (var lead = Command(connection, transaction,
            "INSERT INTO Lead (Id, Title, Company, ContactName, Source, EstimatedValue, Status, IsArchived, CreatedAt, UpdatedAt, StatusChangedAt, LastContactAt, LastRunStatus, LastRunId, LastRunStartedAt, LastRunFinishedAt) " +
            "VALUES ($id, $title, $company, $contact, 'maven-crm', $value, $status, $archived, $created, $created, $changed, $touch, $runStatus, $runId, $runStarted, $runFinished)",
            "$id", "$title", "$company", "$contact", "$value", "$status", "$archived", "$created", "$changed", "$touch", "$runStatus", "$runId", "$runStarted", "$runFinished"))
        {
            for (var i = 1; i <= Leads; i++)
            {
                var row = maven?[(i - 1) % maven.Count];
                lead.Parameters[0].Value = i;
                lead.Parameters[1].Value = row is { } r ? $"{r.Product} for {r.Account} #{i}" : $"Lead {i}";
                lead.Parameters[2].Value = row?.Account ?? $"Company {i % 85}";
                lead.Parameters[3].Value = row?.Agent ?? $"Agent {i % 35}";
                lead.Parameters[4].Value = (random.Next(10, 500) * 100).ToString(CultureInfo.InvariantCulture);
                lead.Parameters[5].Value = leadStatus[i];
                lead.Parameters[6].Value = random.Next(50) == 0 ? 1 : 0;
                lead.Parameters[7].Value = T(leadCreated[i]);
                lead.Parameters[8].Value = T(leadStatusChanged[i]);
                lead.Parameters[9].Value = lastTouch[i] is { } t ? T(t) : DBNull.Value;
                lead.Parameters[10].Value = (object?)lastRun[i]?.Status ?? DBNull.Value;
                lead.Parameters[11].Value = (object?)lastRun[i]?.Id ?? DBNull.Value;
                lead.Parameters[12].Value = lastRun[i] is { } lr ? T(lr.Started) : DBNull.Value;
                lead.Parameters[13].Value = lastRun[i] is { } lf ? T(lf.Finished) : DBNull.Value;
                await lead.ExecuteNonQueryAsync();
            }
        }

        Written["leads"] = Leads;

        // Proposals: every lead past Qualified has one; in Proposal half are sent (some long ago), half drafts.
        var proposals = 0;
        await using (var proposal = Command(connection, transaction,
            "INSERT INTO Proposal (LeadId, Title, Body, Status, CreatedAt, UpdatedAt, SentAt, Outcome, OutcomeAt, CreatedByKind, CreatedById, CreatedByName) " +
            "VALUES ($lead, $title, '', $status, $created, $created, $sent, $outcome, $outcomeAt, 'User', 'bench', 'Bench operator')",
            "$lead", "$title", "$status", "$created", "$sent", "$outcome", "$outcomeAt"))
        {
            for (var i = 1; i <= Leads; i++)
            {
                if (leadStatus[i] is "New" or "Qualified")
                {
                    continue;
                }

                var inProposal = leadStatus[i] == "Proposal";
                var sent = inProposal ? (random.Next(2) == 0 ? now.AddDays(-random.NextDouble() * 20) : (DateTime?)null) : leadStatusChanged[i].AddDays(-2);
                proposal.Parameters[0].Value = i;
                proposal.Parameters[1].Value = $"Proposal for lead {i}";
                proposal.Parameters[2].Value = inProposal ? (sent is null ? "Draft" : "Sent") : "Closed";
                proposal.Parameters[3].Value = T(leadStatusChanged[i]);
                proposal.Parameters[4].Value = sent is { } s ? T(s) : DBNull.Value;
                proposal.Parameters[5].Value = inProposal ? DBNull.Value : leadStatus[i] == "Lost" ? "Lost" : "Won";
                proposal.Parameters[6].Value = inProposal ? DBNull.Value : T(leadStatusChanged[i]);
                await proposal.ExecuteNonQueryAsync();
                proposals++;
            }
        }

        Written["proposals"] = proposals;

        // Integrations: mostly healthy; 10% last report an error, 10% silent past their interval.
        await using (var integration = Command(connection, transaction,
            "INSERT INTO IntegrationHealth (Name, LastOkAt, LastErrorAt, LastError, LastReportAt, LastReportOk, LastMessage, ExpectedIntervalMinutes, CreatedAt) " +
            "VALUES ($name, $ok, $errorAt, $error, $report, $reportOk, NULL, $interval, $created)",
            "$name", "$ok", "$errorAt", "$error", "$report", "$reportOk", "$interval", "$created"))
        {
            for (var i = 0; i < Integrations; i++)
            {
                var interval = new[] { 60, 240, 1440 }[random.Next(3)];
                var kind = random.Next(10);
                var lastOk = kind == 1 ? now.AddMinutes(-interval * 3) : now.AddMinutes(-random.Next(1, interval));
                var failed = kind == 0;
                integration.Parameters[0].Value = i < Kinds.Length ? Kinds[i] : $"integration-{i:000}";
                integration.Parameters[1].Value = T(lastOk);
                integration.Parameters[2].Value = failed ? T(now.AddMinutes(-5)) : DBNull.Value;
                integration.Parameters[3].Value = failed ? "503 from upstream" : DBNull.Value;
                integration.Parameters[4].Value = T(failed ? now.AddMinutes(-5) : lastOk);
                integration.Parameters[5].Value = failed ? 0 : 1;
                integration.Parameters[6].Value = interval;
                integration.Parameters[7].Value = T(now.AddDays(-90));
                await integration.ExecuteNonQueryAsync();
            }
        }

        Written["integrations"] = Integrations;

        // Approvals: 10% pending, the rest decided.
        await using (var approval = Command(connection, transaction,
            "INSERT INTO ApprovalRequest (Subject, SubjectType, SubjectId, LeadId, Title, State, RequestedAt, RequestedByKind, RequestedById, RequestedByName, DecidedAt, DecidedById, DecidedByName) " +
            "VALUES ($subject, 'lead', $lead, $lead, $title, $state, $requested, 'User', 'partner', 'Bench partner', $decided, $decidedBy, $decidedBy)",
            "$subject", "$lead", "$title", "$state", "$requested", "$decided", "$decidedBy"))
        {
            for (var i = 0; i < Approvals; i++)
            {
                var pending = i % 10 == 0;
                var lead = random.Next(1, Leads + 1);
                var requested = now.AddDays(-random.NextDouble() * (pending ? 10 : 180));
                approval.Parameters[0].Value = Subjects[random.Next(Subjects.Length)];
                approval.Parameters[1].Value = lead;
                approval.Parameters[2].Value = $"Decision {i} for lead {lead}";
                approval.Parameters[3].Value = pending ? "Pending" : random.Next(4) == 0 ? "Rejected" : "Approved";
                approval.Parameters[4].Value = T(requested);
                approval.Parameters[5].Value = pending ? DBNull.Value : T(requested.AddHours(random.Next(1, 72)));
                approval.Parameters[6].Value = pending ? DBNull.Value : "Bench operator";
                await approval.ExecuteNonQueryAsync();
            }
        }

        Written["approvals"] = Approvals;
        // No ANALYZE: the console never runs it, so the planner sees what it sees in production.
        await transaction.CommitAsync();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        command.Prepare();
        return command;
    }

    public static Stopwatch Timer() => Stopwatch.StartNew();
}
