using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using OperatorConsole.Data.AgentJobs;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Settings;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.BuildOps;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Risk;

namespace OperatorConsole.Data.Risk;

/// <summary>A rule as configuration and the settings store spell it: <c>{ "pattern": "*.tf", "class": "infra", "level": "high" }</c>.</summary>
public sealed record RiskRuleText(string? Pattern, string? Class, string? Level);

/// <summary>The rules in force and where they came from.</summary>
public sealed record RiskRuleSet(IReadOnlyList<RiskRule> Rules, bool IsCustomised, DateTime? UpdatedAt, string? UpdatedBy)
{
    /// <summary>After a save: how many open agent jobs took a new verdict.</summary>
    public int? Reclassified { get; init; }
}

/// <summary>
/// The change-risk rules: the operator's saved list (settings key <c>risk_rules</c>) when there is one, otherwise the
/// defaults from configuration (section <c>RiskRules</c>), otherwise the built-in defaults. Every save is audited by
/// <see cref="SettingsService"/> with the list before and after.
/// </summary>
public sealed class RiskRuleService(IDbContextFactory<ConsoleDbContext> dbFactory, SettingsService settings, IConfiguration configuration, TimeProvider time)
{
    public const string SettingsKey = "risk_rules";
    public const string ConfigurationSection = "RiskRules";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Lazy<IReadOnlyList<RiskRule>> _defaults = new(() => ReadDefaults(configuration));

    /// <summary>The rules this installation starts with (configuration, or the built-in list).</summary>
    public IReadOnlyList<RiskRule> Defaults => _defaults.Value;

    public async Task<RiskRuleSet> GetAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Set<ConsoleSetting>().AsNoTracking().FirstOrDefaultAsync(s => s.Key == SettingsKey, ct);
        var saved = row is null ? null : JsonSerializer.Deserialize<List<RiskRuleText?>>(row.ValueJson, Json);
        if (row is null || saved is null)
        {
            return new RiskRuleSet(Defaults, false, null, null);
        }

        // Saved lists were validated on the way in; parsing again only maps the spelling back to enums.
        var (rules, _) = Parse(saved);
        return new RiskRuleSet(rules, true, row.UpdatedAt, row.UpdatedBy);
    }

    public async Task<IReadOnlyList<RiskRule>> GetRulesAsync(CancellationToken ct = default) => (await GetAsync(ct)).Rules;

    public async Task<RiskAssessment> ClassifyAsync(IEnumerable<string>? files, CancellationToken ct = default) =>
        ChangeRiskClassifier.Classify(await GetRulesAsync(ct), files);

    public async Task<OperationResult<RiskRuleSet>> SaveAsync(IReadOnlyList<RiskRuleText>? rules, Actor actor, string? reason, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<RiskRuleSet>(actor, "Only a signed-in operator can change the risk rules.") is { } refused)
        {
            return refused;
        }

        if (rules is null)
        {
            return OperationResult<RiskRuleSet>.Invalid("rules", "'rules' is required.");
        }

        var (parsed, errors) = Parse(rules);
        errors = Merge(errors, RiskRules.Validate(parsed));
        if (reason is { Length: > 1000 })
        {
            errors.Add("reason", "'reason' must be at most 1000 characters.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToResult<RiskRuleSet>();
        }

        var clean = RiskRules.Clean(parsed);
        await settings.SaveAsync(SettingsKey, ToText(clean), actor, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), ct);

        // Jobs nobody has decided yet take the new verdict (a second save: the settings service owns its own).
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var reclassified = await AgentJobReclassification.ApplyAsync(db, clean, actor, time.GetUtcNow().UtcDateTime, ct);
        await db.SaveChangesAsync(ct);
        return OperationResult<RiskRuleSet>.Ok(await GetAsync(ct) with { Reclassified = reclassified });
    }

    /// <summary>What saving <paramref name="rules"/> would do to the open jobs (nothing is written).</summary>
    public async Task<OperationResult<IReadOnlyList<ReclassifiedJob>>> PreviewAsync(IReadOnlyList<RiskRuleText>? rules, CancellationToken ct = default)
    {
        if (rules is null)
        {
            return OperationResult<IReadOnlyList<ReclassifiedJob>>.Invalid("rules", "'rules' is required.");
        }

        var (parsed, errors) = Parse(rules);
        errors = Merge(errors, RiskRules.Validate(parsed));
        if (!errors.IsEmpty)
        {
            return errors.ToResult<IReadOnlyList<ReclassifiedJob>>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return OperationResult<IReadOnlyList<ReclassifiedJob>>.Ok(await AgentJobReclassification.PreviewAsync(db, RiskRules.Clean(parsed), ct));
    }

    /// <summary>Puts the configured defaults back (saved explicitly, so the reset itself is in the audit log).</summary>
    public Task<OperationResult<RiskRuleSet>> ResetAsync(Actor actor, string? reason, CancellationToken ct = default) =>
        SaveAsync(ToText(Defaults), actor, reason ?? "Reset to the default rules", ct);

    public static List<RiskRuleText> ToText(IEnumerable<RiskRule> rules) =>
        rules.Select(r => new RiskRuleText(r.Pattern, RiskClasses.Spell(r.Class), r.Level.ToString().ToLowerInvariant())).ToList();

    /// <summary>Reads text rules; unknown class or level names become field errors, never silently dropped rules.</summary>
    public static (List<RiskRule> Rules, ValidationErrors Errors) Parse(IReadOnlyList<RiskRuleText?> rules)
    {
        var errors = new ValidationErrors();
        var parsed = new List<RiskRule>();
        for (var i = 0; i < rules.Count; i++)
        {
            var text = rules[i];
            if (text is null)
            {
                errors.Add($"rules[{i}]", "A rule is required.");
                continue;
            }

            if (!RiskClasses.TryParse(text.Class, out var riskClass))
            {
                errors.Add($"rules[{i}].class", $"'{text.Class}' is not one of: ui_only, feature_logic, pipeline_logic, money_sensitive, auth_security, infra.");
            }

            if (!RiskClasses.TryParseLevel(text.Level, out var level))
            {
                errors.Add($"rules[{i}].level", $"'{text.Level}' is not one of: low, medium, high.");
            }

            parsed.Add(new RiskRule(text.Pattern ?? "", riskClass, level));
        }

        return (parsed, errors);
    }

    private static ValidationErrors Merge(ValidationErrors into, ValidationErrors from)
    {
        foreach (var (field, messages) in from.ToDictionary())
        {
            foreach (var message in messages)
            {
                into.Add(field, message);
            }
        }

        return into;
    }

    private static IReadOnlyList<RiskRule> ReadDefaults(IConfiguration configuration)
    {
        var section = configuration.GetSection(ConfigurationSection);
        var texts = section.GetChildren()
            .Select(c => new RiskRuleText(c["Pattern"], c["Class"], c["Level"]))
            .ToList();
        if (texts.Count == 0)
        {
            return RiskRules.Defaults;
        }

        var (rules, errors) = Parse(texts);
        errors = Merge(errors, RiskRules.Validate(rules));
        if (!errors.IsEmpty)
        {
            // A broken default list would classify every job wrongly; refuse loudly instead.
            throw new InvalidOperationException(
                $"Configuration section '{ConfigurationSection}' is invalid: " +
                string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        }

        return RiskRules.Clean(rules);
    }
}
