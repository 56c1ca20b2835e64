using System.Text;
using System.Text.RegularExpressions;

namespace OperatorConsole.Domain.Learning;

/// <summary>A proposal as an engine produced it, before it is stored.</summary>
public sealed record ExtractedProposal(
    string Text,
    string? Evidence,
    LearningClass Class,
    double Confidence,
    ProducedTag Produced,
    string? Rule);

/// <summary>A sentence the built-in extractor found a lesson signal in, before it is labelled.</summary>
public sealed record LessonCandidate(string Text, string? Evidence, string Rule);

/// <summary>
/// The built-in extractor's first half: sentence rules, no model. It finds sentences that carry a lesson ("we should",
/// "next time", "didn't work", "client asked", objections, pricing, scope creep…). Which class and Produced tag a
/// lesson gets, and how confident that is, is not decided here by keywords (a "stop discounting" lesson once came
/// out as case_study): the nearest labelled examples decide (<see cref="NearestLabels"/>), with a confidence
/// calibrated on held-out labelled suggestions (<see cref="PlattScaling"/>).
/// </summary>
public static partial class LearningExtractor
{
    public const int MaxProposals = 25;
    public const int TextMax = 1000;

    private sealed record Signal(string Name, string[] Phrases);

    private static readonly Signal[] Signals =
    [
        new("action", ["we should", "we need to", "we must", "should have", "next time", "going forward", "from now on", "in future", "in the future", "let's always", "never again", "make sure we", "have to start", "we'll start", "start doing", "stop doing"]),
        new("lesson", ["lesson", "learned", "learnt", "takeaway", "take-away", "key insight", "realised", "realized", "turns out"]),
        new("didnt_work", ["didn't work", "did not work", "doesn't work", "does not work", "went wrong", "mistake", "backfired", "wasted", "failed", "fell flat", "was a disaster"]),
        new("client_asked", ["client asked", "customer asked", "they asked", "she asked", "he asked", "asked for", "asked us", "asked whether", "asked if", "wanted to know", "requested"]),
        new("objection", ["too expensive", "objection", "pushed back", "push back", "pushback", "not sure about", "worried", "concerned", "concern", "already have", "not the right time", "no budget", "can't justify", "cheaper"]),
        new("pricing", ["pricing", "price", "discount", "fixed fee", "fixed price", "hourly", "retainer", "budget", "invoice"]),
        new("scope_creep", ["scope creep", "out of scope", "extra request", "change request", "one more thing", "additional feature", "extra feature", "kept adding"]),
    ];

    /// <summary>The sentences of a learning (plain text, markdown or WebVTT) that carry a lesson signal, in order, without repeats.</summary>
    public static IReadOnlyList<LessonCandidate> Find(string text)
    {
        var candidates = new List<LessonCandidate>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (speaker, sentence) in Sentences(TranscriptText.ToPlainText(text)))
        {
            var lower = Normalise(sentence);
            var tokens = Tokens(lower);
            var hits = Signals.Where(s => s.Phrases.Any(p => Matches(lower, tokens, p))).ToList();
            if (hits.Count == 0 || tokens.Count < 4)
            {
                continue; // no lesson signal, or too short to mean anything on its own
            }

            if (!seen.Add(string.Join(' ', tokens)))
            {
                continue;
            }

            var statement = Truncate(sentence, TextMax);
            var evidence = speaker is null ? statement : $"{speaker}: {statement}";
            candidates.Add(new LessonCandidate(statement, evidence, string.Join("+", hits.Select(h => h.Name))));
            if (candidates.Count == MaxProposals)
            {
                break;
            }
        }

        return candidates;
    }

    /// <summary>Splits text into sentences, remembering a "Speaker:" prefix when a line has one.</summary>
    public static IEnumerable<(string? Speaker, string Sentence)> Sentences(string text)
    {
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            string? speaker = null;
            var speakerMatch = SpeakerPrefix().Match(line);
            if (speakerMatch.Success && !NotSpeakers.Contains(speakerMatch.Groups[1].Value.Trim()))
            {
                speaker = speakerMatch.Groups[1].Value.Trim();
                line = line[speakerMatch.Length..].Trim();
            }

            line = MarkdownPrefix().Replace(line, "");
            foreach (var part in SentenceEnd().Split(line))
            {
                var sentence = part.Trim();
                if (sentence.Length > 0)
                {
                    yield return (speaker, sentence);
                }
            }
        }
    }

    /// <summary>"Lesson: …" or "Next time: …" are labels that carry the lesson, not people talking.</summary>
    private static readonly HashSet<string> NotSpeakers = new(StringComparer.OrdinalIgnoreCase)
    {
        "Lesson", "Lessons", "Lesson learned", "Lessons learned", "Learning", "Learnings", "Takeaway", "Takeaways", "Key takeaway", "Insight",
        "Note", "Notes", "Note to self", "Action", "Actions", "Action item", "Next time", "Next step", "Next steps", "Todo", "To do", "Problem",
        "Issue", "Decision", "Outcome", "Result", "Results", "Summary", "Retro", "Post-mortem", "Postmortem", "What went well", "What went wrong",
        "Objection", "Pricing", "Scope", "Risk", "Follow-up", "Follow up", "Idea", "Recommendation", "Why", "Root cause",
    };

    internal static string Normalise(string text) =>
        text.ToLowerInvariant().Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('\u2013', '-').Replace('\u2014', '-');

    internal static HashSet<string> Tokens(string lower) =>
        Words().Matches(lower).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>Multi-word phrases match as substrings; single words match whole tokens ("ai" is not in "said"); "word*" matches a prefix.</summary>
    internal static bool Matches(string lower, HashSet<string> tokens, string keyword)
    {
        if (keyword.EndsWith('*'))
        {
            var stem = keyword[..^1];
            return tokens.Any(t => t.StartsWith(stem, StringComparison.Ordinal));
        }

        if (keyword.Contains(' ') || keyword.Contains('\'') || keyword.Contains('-'))
        {
            return lower.Contains(keyword, StringComparison.Ordinal);
        }

        return tokens.Contains(keyword);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..(max - 1)].TrimEnd() + "…";

    [GeneratedRegex(@"^([A-Z][\w .'-]{0,40}?):\s+")]
    private static partial Regex SpeakerPrefix();

    [GeneratedRegex(@"^(#+\s*|[-*+]\s+|\d+[.)]\s+|>\s*)")]
    private static partial Regex MarkdownPrefix();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z""'(])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[a-z0-9]+(?:['-][a-z0-9]+)*")]
    private static partial Regex Words();
}

/// <summary>Turns an uploaded transcript into plain lines: WebVTT cues lose their timings and ids, voice tags become "Speaker:".</summary>
public static partial class TranscriptText
{
    public static string ToPlainText(string text)
    {
        var normalised = text.Replace("\r\n", "\n").Replace('\r', '\n');
        if (!normalised.TrimStart('\uFEFF', ' ', '\n').StartsWith("WEBVTT", StringComparison.Ordinal))
        {
            return normalised;
        }

        var output = new StringBuilder();
        var skippingBlock = false;
        foreach (var rawLine in normalised.Split('\n'))
        {
            var line = rawLine.Trim().TrimStart('\uFEFF');
            if (line.Length == 0)
            {
                skippingBlock = false;
                continue;
            }

            if (skippingBlock || line.StartsWith("WEBVTT", StringComparison.Ordinal))
            {
                continue;
            }

            if (line.StartsWith("NOTE", StringComparison.Ordinal) || line.StartsWith("STYLE", StringComparison.Ordinal) || line.StartsWith("REGION", StringComparison.Ordinal))
            {
                skippingBlock = true;
                continue;
            }

            if (line.Contains("-->", StringComparison.Ordinal) || CueId().IsMatch(line))
            {
                continue;
            }

            var voice = Voice().Match(line);
            var content = voice.Success ? voice.Groups[1].Value.Trim() + ": " + line[voice.Length..] : line;
            output.Append(Tags().Replace(content, "").Trim()).Append('\n');
        }

        return output.ToString();
    }

    [GeneratedRegex(@"^\d+$")]
    private static partial Regex CueId();

    [GeneratedRegex(@"^<v(?:\.[\w.]+)?\s+([^>]+)>")]
    private static partial Regex Voice();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tags();
}
