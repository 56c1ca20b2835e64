namespace OperatorConsole.Domain.Learning;

/// <summary>A logistic map from a raw score to the probability that a suggestion is good: p = 1 / (1 + e^-(A·score + B)).</summary>
public sealed record PlattScaling(double A, double B)
{
    public double Probability(double score) => 1 / (1 + Math.Exp(-(A * score + B)));

    /// <summary>
    /// Fits A and B on labelled scores (Platt 1999: Newton's method on the log loss, with the targets pulled in from
    /// 0/1 by the class counts so a small set does not fit certainties). With only one kind of label there is nothing
    /// to separate: the map is the constant base rate.
    /// </summary>
    public static PlattScaling Fit(IReadOnlyList<(double Score, bool Good)> samples)
    {
        var positives = samples.Count(s => s.Good);
        var negatives = samples.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            var rate = (positives + 1.0) / (samples.Count + 2.0);
            return new PlattScaling(0, Math.Log(rate / (1 - rate)));
        }

        var hi = (positives + 1.0) / (positives + 2.0);
        var lo = 1.0 / (negatives + 2.0);
        double a = 0, b = Math.Log((positives + 1.0) / (negatives + 1.0));
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
            foreach (var (score, good) in samples)
            {
                var p = 1 / (1 + Math.Exp(-(a * score + b)));
                var d = p - (good ? hi : lo);
                var w = p * (1 - p);
                ga += d * score;
                gb += d;
                haa += w * score * score;
                hab += w * score;
                hbb += w;
            }

            var det = haa * hbb - hab * hab;
            if (Math.Abs(det) < 1e-12)
            {
                break;
            }

            var da = (hbb * ga - hab * gb) / det;
            var db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.Abs(da) + Math.Abs(db) < 1e-9)
            {
                break;
            }
        }

        return new PlattScaling(a, b);
    }

    /// <summary>
    /// Each sample's probability from a map fitted on all the others: the honest (out-of-sample) estimate of how
    /// the map does on suggestions it has not seen, which is what the reliability table reports.
    /// </summary>
    public static IReadOnlyList<(double Predicted, bool Good)> LeaveOneOut(IReadOnlyList<(double Score, bool Good)> samples) =>
        samples.Select((s, i) => (Fit(samples.Where((_, j) => j != i).ToList()).Probability(s.Score), s.Good)).ToList();
}

/// <summary>One bin of a reliability table: predictions in [From, To), their mean, and how many were in fact good.</summary>
public sealed record ReliabilityBin(double From, double To, int Count, double MeanPredicted, double ObservedGood);

/// <summary>How well predicted confidences match outcomes: the reliability table, Brier score and expected calibration error.</summary>
public sealed record CalibrationReport(IReadOnlyList<ReliabilityBin> Bins, double Brier, double ExpectedCalibrationError, int Count)
{
    public static CalibrationReport Of(IReadOnlyList<(double Predicted, bool Good)> outcomes, int bins = 5)
    {
        var table = new List<ReliabilityBin>();
        for (var i = 0; i < bins; i++)
        {
            var from = i / (double)bins;
            var to = (i + 1) / (double)bins;
            var inBin = outcomes.Where(o => o.Predicted >= from && (o.Predicted < to || (i == bins - 1 && o.Predicted <= to))).ToList();
            table.Add(new ReliabilityBin(from, to, inBin.Count,
                inBin.Count == 0 ? 0 : inBin.Average(o => o.Predicted), inBin.Count == 0 ? 0 : inBin.Count(o => o.Good) / (double)inBin.Count));
        }

        var brier = outcomes.Count == 0 ? 0 : outcomes.Average(o => Math.Pow(o.Predicted - (o.Good ? 1 : 0), 2));
        var ece = outcomes.Count == 0 ? 0 : table.Sum(b => b.Count * Math.Abs(b.MeanPredicted - b.ObservedGood)) / outcomes.Count;
        return new CalibrationReport(table, brier, ece, outcomes.Count);
    }
}
