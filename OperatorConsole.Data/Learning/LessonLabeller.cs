using System.Globalization;
using OperatorConsole.Data.Semantic;
using OperatorConsole.Domain.Learning;

namespace OperatorConsole.Data.Learning;

/// <summary>A labelled suggestion of the calibration set, as the engine scored it, and whether it was good.</summary>
public sealed record CalibrationSample(string Text, LearningClass? LabelClass, ProducedTag? LabelProduced, NearestVote Vote, bool Good);

/// <summary>
/// The nearest-example model on the configured embedding model: the labelled examples embedded, and the Platt map
/// fitted on the held-out calibration set scored by the same model. Fitted per model, so the confidence means
/// "probability a reviewer keeps this class and tag" whichever embedding generator is configured.
/// </summary>
public sealed record LessonModel(string EmbeddingModel, IReadOnlyList<EmbeddedLesson> Examples, IReadOnlyList<CalibrationSample> Calibration, PlattScaling Scaling);

/// <summary>
/// The built-in extractor end to end: <see cref="LearningExtractor.Find"/> picks the lesson sentences; each gets the
/// class and Produced tag its nearest labelled examples vote for (Learning/Labelled/lesson-examples.tsv) and a
/// confidence calibrated on held-out labelled suggestions (Learning/Labelled/lesson-calibration.tsv). The confidence
/// is no longer capped below the floor: a suggestion whose neighbours are close and agree clears it, as often as such
/// suggestions were in fact good on the calibration set (docs/performance.md reports how often).
/// </summary>
public sealed class LessonLabeller(SemanticIndex semantic) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private LessonModel? _model;

    public void Dispose() => _gate.Dispose();

    public const string ExamplesResource = "OperatorConsole.Data.Learning.Labelled.lesson-examples.tsv";
    public const string CalibrationResource = "OperatorConsole.Data.Learning.Labelled.lesson-calibration.tsv";

    public async Task<IReadOnlyList<ExtractedProposal>> ExtractAsync(string text, CancellationToken ct = default)
    {
        var candidates = LearningExtractor.Find(text);
        if (candidates.Count == 0)
        {
            return [];
        }

        var model = await ModelAsync(ct);
        return Label(candidates, await semantic.EmbedManyAsync(candidates.Select(c => c.Text).ToList(), ct), model);
    }

    /// <summary>Class and Produced tag from the nearest examples, confidence from the calibrated map.</summary>
    public static IReadOnlyList<ExtractedProposal> Label(IReadOnlyList<LessonCandidate> candidates, IReadOnlyList<float[]> vectors, LessonModel model) =>
        candidates.Select((c, i) =>
        {
            var vote = NearestLabels.Vote(vectors[i], model.Examples);
            var confidence = Math.Round(model.Scaling.Probability(vote.Score), 2);
            return new ExtractedProposal(c.Text, c.Evidence, vote.Class, confidence, vote.Produced, Rule(c.Rule, vote));
        }).ToList();

    /// <summary>The fitted model for the configured embedding model (built once per model, then reused).</summary>
    public async Task<LessonModel> ModelAsync(CancellationToken ct = default)
    {
        if (_model is { } built && built.EmbeddingModel == semantic.Model)
        {
            return built;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (_model is { } again && again.EmbeddingModel == semantic.Model)
            {
                return again;
            }

            return _model = await BuildAsync(semantic.Model, semantic.EmbedManyAsync, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Embeds the shipped examples and calibration set with <paramref name="embed"/>, scores the calibration set and fits the map.</summary>
    public static async Task<LessonModel> BuildAsync(
        string modelName, Func<IReadOnlyList<string>, CancellationToken, Task<IReadOnlyList<float[]>>> embed, CancellationToken ct = default)
    {
        var examples = Examples();
        var calibration = NearestLabels.ParseTsv(Read(CalibrationResource));
        var vectors = await embed([.. examples.Select(e => e.Text), .. calibration.Select(c => c.Text)], ct);
        var embedded = examples.Select((e, i) => new EmbeddedLesson(e, vectors[i])).ToList();
        var samples = calibration.Select((c, i) =>
        {
            var vote = NearestLabels.Vote(vectors[examples.Count + i], embedded);
            return new CalibrationSample(c.Text, c.Class, c.Produced, vote, IsGood(c.Class, c.Produced, vote));
        }).ToList();
        return new LessonModel(modelName, embedded, samples, PlattScaling.Fit(samples.Select(s => (s.Vote.Score, s.Good)).ToList()));
    }

    /// <summary>The labelled example lessons shipped in the build.</summary>
    public static IReadOnlyList<LabelledLesson> Examples() =>
        NearestLabels.ParseTsv(Read(ExamplesResource))
            .Select(r => new LabelledLesson(r.Text, r.Class ?? throw new FormatException($"An example lesson needs a class: \"{r.Text}\"."), r.Produced ?? ProducedTag.NothingYet))
            .ToList();

    /// <summary>Good = a lesson whose class and Produced tag both match what the reviewer labelled.</summary>
    public static bool IsGood(LearningClass? labelClass, ProducedTag? labelProduced, NearestVote vote) =>
        labelClass == vote.Class && labelProduced == vote.Produced;

    /// <summary>What the proposal's "rule" records: the lesson signals, and the nearest example and its similarity.</summary>
    private static string Rule(string signals, NearestVote vote)
    {
        var rule = string.Create(CultureInfo.InvariantCulture, $"{signals}; nearest {vote.NearestSimilarity:0.00}");
        return rule.Length <= 200 ? rule : rule[..200];
    }

    public static string Read(string resource)
    {
        using var stream = typeof(LessonLabeller).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The labelled lessons resource {resource} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
