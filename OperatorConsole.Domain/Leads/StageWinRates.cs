namespace OperatorConsole.Domain.Leads;

/// <summary>
/// A closed deal as the win rates read it: won (a client stage) or lost, and the open stages its status history names.
/// </summary>
public sealed record ClosedDealPath(bool Won, IReadOnlyCollection<LeadStatus> StagesNamed);

/// <summary>
/// One open stage's measured win rate: of the closed deals that were ever in it, how many were won. No rate under
/// <see cref="StageWinRates.MinClosed"/> closed deals: a share of three deals is not a measurement to weigh a pipeline by.
/// </summary>
public sealed record StageWinRate(LeadStatus Stage, int Closed, int Won)
{
    public double? Rate => Closed >= StageWinRates.MinClosed ? (double)Won / Closed : null;

    /// <summary>The value an open deal in this stage is expected to bring at the measured rate; none without a rate.</summary>
    public decimal? Weigh(decimal value) => Rate is { } rate ? Math.Round(value * (decimal)rate, 2) : null;
}

/// <summary>
/// The weighted pipeline (Pipedrive's and HubSpot's "weighted value"), with each stage's probability measured from the
/// console's own closed deals instead of typed in (ADR 248). A deal counts for a stage when its status history names
/// the stage (moved in or out of it); every deal counts for New, where every deal starts, because an import that reads
/// a deal's later stage writes no New entry. The rate is that of all closed deals so far: censoring (open deals that
/// will still be lost) is not corrected for.
/// </summary>
public static class StageWinRates
{
    /// <summary>Fewer closed deals than this in a stage, and it has no rate.</summary>
    public const int MinClosed = 10;

    public static IReadOnlyList<StageWinRate> Measure(IEnumerable<ClosedDealPath> closed)
    {
        var stages = LeadStatusExtensions.OpenDealStages;
        var closedPer = new int[stages.Count];
        var wonPer = new int[stages.Count];
        foreach (var deal in closed)
        {
            for (var i = 0; i < stages.Count; i++)
            {
                if (stages[i] != LeadStatus.New && !deal.StagesNamed.Contains(stages[i]))
                {
                    continue;
                }

                closedPer[i]++;
                wonPer[i] += deal.Won ? 1 : 0;
            }
        }

        return stages.Select((stage, i) => new StageWinRate(stage, closedPer[i], wonPer[i])).ToList();
    }

    /// <summary>
    /// The open pipeline weighted by the rates: each open stage's estimated value times its rate. A stage without a
    /// rate is left out of the weighted figure and named in <see cref="WeightedPipeline.Unweighted"/>, never counted at
    /// 100 % or 0 %.
    /// </summary>
    public static WeightedPipeline Weigh(IReadOnlyList<StageWinRate> rates, IReadOnlyDictionary<LeadStatus, (int Deals, decimal Value)> open)
    {
        decimal weighted = 0;
        var unweighted = new List<UnweightedStage>();
        foreach (var rate in rates)
        {
            if (!open.TryGetValue(rate.Stage, out var stage) || stage.Deals == 0)
            {
                continue;
            }

            if (rate.Weigh(stage.Value) is { } value)
            {
                weighted += value;
            }
            else
            {
                unweighted.Add(new UnweightedStage(rate.Stage, stage.Deals, stage.Value));
            }
        }

        return new WeightedPipeline(weighted, unweighted);
    }
}

/// <summary>The weighted open pipeline, and the open stages it could not weigh (too few closed deals to measure a rate).</summary>
public sealed record WeightedPipeline(decimal Weighted, IReadOnlyList<UnweightedStage> Unweighted);

/// <summary>An open stage left out of the weighted pipeline: its deals and their estimated value.</summary>
public sealed record UnweightedStage(LeadStatus Stage, int Deals, decimal Value);
