using OperatorConsole.Data.Failures;
using OperatorConsole.Tests.Infrastructure;
using OperatorConsole.Domain.Failures;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Settings;

namespace OperatorConsole.Tests.Api.Failures;

/// <summary>Arranging failures data straight in the database (the API paths are tested elsewhere).</summary>
internal static class FailuresTestData
{
    public static Lead Lead(string title, LeadStatus status, DateTime createdAt, DateTime? lastContactAt, DateTime? statusChangedAt = null, bool archived = false) => new()
    {
        Title = title,
        Status = status,
        CreatedAt = createdAt,
        UpdatedAt = createdAt,
        StatusChangedAt = statusChangedAt ?? createdAt,
        LastContactAt = lastContactAt,
        IsArchived = archived,
    };

    public static async Task<Lead> AddLeadAsync(this ConsoleFactory factory, string title, LeadStatus status, double createdDaysAgo, double? touchedDaysAgo, double? inStageDaysAgo = null)
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        await using var db = factory.CreateDbContext();
        var lead = Lead(title, status, now.AddDays(-createdDaysAgo), touchedDaysAgo is { } t ? now.AddDays(-t) : null, inStageDaysAgo is { } s ? now.AddDays(-s) : null);
        db.Add(lead);
        await db.SaveChangesAsync();
        return lead;
    }
}

/// <summary>A low-confidence source with one item under the default floor (0.6) and one above it.</summary>
internal sealed class TestLowConfidenceSource(TimeProvider time) : ILowConfidenceSource
{
    public IReadOnlyCollection<string> Topics => ["TestSuggestion"];

    public Task<IReadOnlyList<LowConfidenceItem>> GetAsync(DateTime now, double floor, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<LowConfidenceItem>>(
        [
            new("learning_proposal", "Raise prices 40% for dental clinics", 0.4, "/learning", "learning_proposal", "7", time.GetUtcNow().UtcDateTime.AddDays(-1), Engine: "builtin"),
            new("learning_proposal", "Send case studies before calls", 0.7, "/learning", "learning_proposal", "8", time.GetUtcNow().UtcDateTime.AddDays(-1)),
        ]);
}

internal sealed class TestInterventionSource(TimeProvider time) : IInterventionSource
{
    public IReadOnlyCollection<string> Topics => ["TestAsset"];

    public Task<IReadOnlyList<Intervention>> GetAsync(DateTime now, Thresholds thresholds, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Intervention>>(
        [
            new("missing_reusable_asset", "Helio SaaS shipped with no reusable asset logged", "/leads/1", "lead", "1", time.GetUtcNow().UtcDateTime.AddDays(-3), 2),
        ]);
}

/// <summary>A broken feature source: the report must survive it and say so.</summary>
internal sealed class ThrowingInterventionSource : IInterventionSource
{
    public IReadOnlyCollection<string> Topics => [];

    public Task<IReadOnlyList<Intervention>> GetAsync(DateTime now, Thresholds thresholds, CancellationToken ct) =>
        throw new InvalidOperationException("asset log table missing");
}

