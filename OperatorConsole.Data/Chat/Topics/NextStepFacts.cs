using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Leads;
using OperatorConsole.Domain.Chat;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Data.Chat.Topics;

/// <summary>
/// "Which next steps are due this week?", "What's overdue?": the open deals' planned next steps by when they are due,
/// as the Leads list's "Next step" filter keeps them. The first got every stage's count and "due" named as not recorded;
/// the second got no answer at all.
/// </summary>
internal static class NextStepFacts
{
    /// <summary>The question asks which next steps are due or overdue ("next step" with "due", or "overdue").</summary>
    public static bool Asks(QuestionAnalysis question) =>
        question.Mentions("overdue") || (question.Mentions("due", "planned", "scheduled") && question.Tokens.Contains("next") && question.Mentions("step", "steps"));

    public static async Task<TopicAnswer> AnswerAsync(ConsoleDbContext db, QuestionAnalysis question, DateTime now, CancellationToken ct)
    {
        var leads = db.Set<Lead>().AsNoTracking().Where(l => !l.IsArchived);
        var overdue = await StepsAsync(db, leads, NextStepState.Overdue, now, ct);
        var overdueClaim = overdue.Count == 0
            ? "No open deal has an overdue next step"
            : $"{Say.Plural(overdue.Count, "open deal has", "open deals have")} an overdue next step, oldest first: {Describe(overdue.OrderBy(s => s.DueAt), now)}";
        var facts = new List<UsedFact> { Say.Fact("pipeline.next-step.overdue", "Leads · next step overdue", overdueClaim, "/leads?nextStep=overdue", overdueClaim) };
        if (question.Mentions("overdue") && !question.Mentions("due", "planned", "scheduled"))
        {
            return new TopicAnswer(overdueClaim + ".", facts, [], []);
        }

        var due = await DueAsync(db, question.Period, now, ct);
        facts.Insert(0, due);
        return new TopicAnswer($"{due.Claim}. {overdueClaim}.", facts, [], []);
    }

    /// <summary>
    /// The planned next steps due in the period, to its calendar end ("this week" runs to Sunday, not to now), soonest
    /// first; every planned step without a period.
    /// </summary>
    public static async Task<UsedFact> DueAsync(ConsoleDbContext db, ChatPeriod? period, DateTime now, CancellationToken ct)
    {
        var planned = await StepsAsync(db, db.Set<Lead>().AsNoTracking().Where(l => !l.IsArchived), NextStepState.Planned, now, ct);
        var span = period is null ? null : period with { To = period.Ends ?? period.To };
        var due = span is null ? planned : planned.Where(s => span.Contains(s.DueAt)).ToList();
        var when = span is null ? "" : " " + span.When();
        var claim = due.Count == 0
            ? $"No planned next step is due{when}"
            : $"{Say.Plural(due.Count, "planned next step is", "planned next steps are")} due{when}, soonest first: {Describe(due.OrderBy(s => s.DueAt), now)}";
        return Say.Fact($"pipeline.next-step.planned{(span is null ? "" : $".{span.From:yyyyMMdd}")}", "Leads · next step planned", claim, "/leads?nextStep=planned", claim);
    }

    /// <summary>The question is about next steps at all ("What is the next step for Kan-code?").</summary>
    public static bool AsksOf(QuestionAnalysis question) => question.Tokens.Contains("next") && question.Mentions("step", "steps");

    /// <summary>
    /// "; next steps: 1 overdue, oldest first: …; 2 planned, soonest first: …" for the open deals given, or that none of
    /// them has a step planned.
    /// </summary>
    public static async Task<string> OfDealsAsync(ConsoleDbContext db, IQueryable<Lead> leads, DateTime now, CancellationToken ct)
    {
        var overdue = await StepsAsync(db, leads, NextStepState.Overdue, now, ct);
        var planned = await StepsAsync(db, leads, NextStepState.Planned, now, ct);
        if (overdue.Count + planned.Count == 0)
        {
            return "; no open deal of it has a next step planned";
        }

        var parts = new List<string>();
        if (overdue.Count > 0)
        {
            parts.Add($"{Say.N(overdue.Count)} overdue, oldest first: {Describe(overdue.OrderBy(s => s.DueAt), now)}");
        }

        if (planned.Count > 0)
        {
            parts.Add($"{Say.N(planned.Count)} planned, soonest first: {Describe(planned.OrderBy(s => s.DueAt), now)}");
        }

        return "; next steps: " + string.Join("; ", parts);
    }

    private sealed record Step(string Title, string? What, DateTime DueAt);

    private static async Task<List<Step>> StepsAsync(ConsoleDbContext db, IQueryable<Lead> leads, NextStepState state, DateTime now, CancellationToken ct) =>
        (await LeadService.Filter(leads, db.Set<Proposal>(), new LeadListQuery(NextStep: state), now)
            .Select(l => new { l.Title, l.NextStep, l.NextStepDueAt }).ToListAsync(ct))
        .Select(l => new Step(l.Title, l.NextStep, l.NextStepDueAt!.Value)).ToList();

    /// <summary>"\"Quote automation\": \"Send the revised quote\" due 9 Dec 2026 (2 d overdue)", five named.</summary>
    private static string Describe(IEnumerable<Step> steps, DateTime now) =>
        Say.FirstFive(steps.ToList(), s =>
            $"\"{s.Title}\": {(s.What is { Length: > 0 } what ? $"\"{what}\" " : "")}due {ChatDates.Day(s.DueAt)}"
            + (s.DueAt < now ? $" ({Say.N((int)(now - s.DueAt).TotalDays)} d overdue)" : ""));
}
