using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Domain.Offers;

/// <summary>What the revenue calculation needs to know about one lead (and its proposals' outcomes).</summary>
public sealed record OfferDealFact(
    int LeadId,
    OfferType? OfferType,
    LeadStatus Status,
    decimal? EstimatedValue,
    IReadOnlyList<(ProposalOutcome? Outcome, decimal? OutcomeValue, decimal? Amount)> Proposals);

/// <summary>One row of "revenue and win rate by offer type".</summary>
public sealed record OfferPerformanceRow(
    OfferType? OfferType,
    int Won,
    int Lost,
    decimal WonValue,
    double? WinRate);

/// <summary>
/// Revenue and win rate per offer-ladder rung. A lead counts as won when one of its proposals was won, or
/// when it reached Approved, Building or Shipped (work was sold even if no proposal recorded it). Its won
/// value is the won proposals' value (outcome value, else amount), or the lead's estimated value when no
/// proposal carries one. A lead is lost when it is in Lost, or when it has a lost proposal and nothing won.
/// Win rate = won / (won + lost); null when nothing is decided yet (not 0: "no data" is not "never wins").
/// </summary>
public static class OfferPerformance
{
    public static IReadOnlyList<OfferPerformanceRow> Compute(IEnumerable<OfferDealFact> facts)
    {
        // Keyed by the enum's number, -1 for "no offer type" (a nullable key is not allowed).
        var perType = new Dictionary<int, (int Won, int Lost, decimal Value)>();
        foreach (var fact in facts)
        {
            var (won, lost, value) = Classify(fact);
            var key = Key(fact.OfferType);
            perType.TryGetValue(key, out var acc);
            perType[key] = (acc.Won + (won ? 1 : 0), acc.Lost + (lost ? 1 : 0), acc.Value + value);
        }

        var rows = new List<OfferPerformanceRow>();
        foreach (var type in Enum.GetValues<OfferType>().Select(t => (OfferType?)t).Append(null))
        {
            perType.TryGetValue(Key(type), out var acc);
            if (type is null && acc == default)
            {
                continue; // the "no offer type" row appears only when such leads have decided deals
            }

            var decided = acc.Won + acc.Lost;
            rows.Add(new OfferPerformanceRow(type, acc.Won, acc.Lost, acc.Value, decided == 0 ? null : (double)acc.Won / decided));
        }

        return rows;
    }

    private static int Key(OfferType? type) => type is { } t ? (int)t : -1;

    /// <summary>Whether one lead is won, lost (or neither yet) and the value it was won for.</summary>
    public static (bool Won, bool Lost, decimal WonValue) Classify(OfferDealFact fact)
    {
        var wonProposals = fact.Proposals.Where(p => p.Outcome == ProposalOutcome.Won).ToList();
        var won = wonProposals.Count > 0 || fact.Status.IsClient();
        if (won)
        {
            var proposalValue = wonProposals.Sum(p => p.OutcomeValue ?? p.Amount ?? 0m);
            var value = proposalValue > 0 ? proposalValue : fact.EstimatedValue ?? 0m;
            return (true, false, value);
        }

        var lost = fact.Status == LeadStatus.Lost || fact.Proposals.Any(p => p.Outcome == ProposalOutcome.Lost);
        return (false, lost, 0m);
    }
}
