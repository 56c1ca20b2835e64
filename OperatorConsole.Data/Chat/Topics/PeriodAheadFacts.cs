using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Leads;
using OperatorConsole.Domain.Chat;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Data.Chat.Topics;

/// <summary>
/// A question about a period still to come ("How much will we win next month?", "What's the forecast for next quarter?",
/// "What's coming up tomorrow?"), ADR 243. The console records what has happened, so it says the period is ahead and
/// gives what it does know about it: the next steps planned in it, and the open deals any win in it would come from.
/// "Next month" was answered for this month, and "in 2018" asked on 31 Dec 2017 as 2018's 0 USD won, as if measured.
/// </summary>
public sealed class PeriodAheadFacts(IDbContextFactory<ConsoleDbContext> dbFactory)
{
    /// <summary>Words about what will happen, which the answer's Missing line already speaks to.</summary>
    public static readonly IReadOnlySet<string> Vocabulary = new HashSet<string>(StringComparer.Ordinal)
    {
        "forecast", "forecasts", "forecasted", "forecasting", "projected", "projection", "projections", "predict", "predicted", "prediction",
        "expect", "expected", "expecting", "will", "going", "coming", "upcoming", "ahead", "plan", "planned",
        "happen", "happens", "bring", "create", "created", "creating",
    };

    /// <summary>The question names a period still to come, and is not about the next steps due in it (those have dates).</summary>
    public static bool Asks(QuestionAnalysis question) => question.Period is { Ahead: true } && !NextStepFacts.Asks(question);

    public async Task<TopicAnswer> AnswerAsync(QuestionAnalysis question, ChatPeriod period, DateTime now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await NextStepFacts.DueAsync(db, period, now, ct);
        var (first, last) = ExpectedCloseFacts.Days(period);
        var open = await ExpectedCloseFacts.OpenAsync(db, first, last, DateOnly.FromDateTime(now), ct);
        // "The next 30 days are still to come: nothing in them…"; "Next month is…: nothing in it…".
        var plural = period.Label.StartsWith("the next ", StringComparison.Ordinal) && period.Label.EndsWith('s');
        var it = plural ? "them" : "it";
        // The open deals any win would come from: with expected close dates, those expected in the period (ADR 245).
        var openClaim = open.Deals == 0
            ? $"No deal is open, so nothing in the pipeline could close in {it}"
            : open.Dated == 0
                ? $"{Say.Plural(open.Deals, "open deal", "open deals")} worth {Say.Money(open.Estimated)} estimated could close in {it}; "
                  + "no open deal records an expected close date, so the console does not say which"
                : ExpectedCloseFacts.Claim(open, "in " + it);
        var link = open.Dated == 0
            ? "/leads?status=open&sort=-estimatedValue"
            : OpenDealQueries.ListLink(first, last);
        var facts = new List<UsedFact>
        {
            due,
            Say.Fact(open.Dated == 0 ? "pipeline.open" : $"pipeline.expected-close.{first:yyyyMMdd}", "Leads · open", openClaim, link, openClaim),
        };
        var missing = new List<string>
        {
            open.Dated == 0
                ? $"What {period.Label} will bring: the console records wins, losses and new deals as they happen, and no open deal has an expected close date and no stage a probability, so it makes no forecast."
                : $"A forecast for {period.Label}: the expected close dates are what people set; no stage has a probability, so the console does not weigh the estimates or say how many will be won.",
        };
        if (question.ComparedWith is { } other)
        {
            // "Compare next month with this month": one side has not happened, so there is nothing to set against it.
            missing.Add($"The comparison with {other.Label} is not made: {period.Label} has not happened yet.");
        }

        if (question.Entities.Count > 0)
        {
            missing.Add($"The open deals are the whole pipeline's: how many of {string.Join(" or ", question.Entities.Select(e => $"\"{e.Entity.Name}\""))}'s could close {period.WhenShort()} is not recorded either.");
        }

        var described = period.Describe();
        var opening = $"{char.ToUpperInvariant(described[0])}{described[1..]} {(plural ? "are" : "is")} still to come: nothing in {it} is won, lost or created yet";
        return new TopicAnswer($"{opening}. {due.Claim}. {openClaim}.", facts, [], missing);
    }
}
