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

/// <summary>
/// The built-in extractor: sentence and keyword rules, no model. It finds sentences that carry a lesson
/// ("we should", "next time", "didn't work", "client asked", objections, pricing, scope creep…), suggests a
/// class and a Produced tag from topic words, and gives every proposal a LOW confidence on purpose: a keyword
/// match is a hint, not a judgement, so these land in the low-confidence bucket until a person reviews them.
/// </summary>
public static partial class LearningExtractor
{
    /// <summary>Highest confidence a keyword rule may claim; below the default floor (0.6) by design.</summary>
    public const double MaxConfidence = 0.55;
    public const int MaxProposals = 25;
    public const int TextMax = 1000;

    private sealed record Signal(string Name, double Confidence, string[] Phrases, LearningClass? Class = null, ProducedTag? Produced = null);

    private static readonly Signal[] Signals =
    [
        new("action", 0.35, ["we should", "we need to", "we must", "should have", "next time", "going forward", "from now on", "in future", "in the future", "let's always", "never again", "make sure we", "have to start", "we'll start", "start doing", "stop doing"]),
        new("lesson", 0.35, ["lesson", "learned", "learnt", "takeaway", "take-away", "key insight", "realised", "realized", "turns out"]),
        new("didnt_work", 0.3, ["didn't work", "did not work", "doesn't work", "does not work", "went wrong", "mistake", "backfired", "wasted", "failed", "fell flat", "was a disaster"]),
        new("client_asked", 0.3, ["client asked", "customer asked", "they asked", "she asked", "he asked", "asked for", "asked us", "asked whether", "asked if", "wanted to know", "requested"], null, ProducedTag.ServicePackageRefinement),
        new("objection", 0.3, ["too expensive", "objection", "pushed back", "push back", "pushback", "not sure about", "worried", "concerned", "concern", "already have", "not the right time", "no budget", "can't justify", "cheaper"], LearningClass.Sales, ProducedTag.SalesObjectionScript),
        new("pricing", 0.3, ["pricing", "price", "discount", "fixed fee", "fixed price", "hourly", "retainer", "budget", "invoice"], LearningClass.Sales, ProducedTag.ProposalImprovement),
        new("scope_creep", 0.3, ["scope creep", "out of scope", "extra request", "change request", "one more thing", "additional feature", "extra feature", "kept adding"], LearningClass.Delivery, ProducedTag.ServicePackageRefinement),
    ];

    /// <summary>Topic words per class; the class with the most hits wins (ties go to the signal's hint, then Ops).</summary>
    private static readonly (LearningClass Class, string[] Words)[] Topics =
    [
        (LearningClass.Sales, ["proposal", "price", "pricing", "discount", "close", "closing", "deal", "objection", "budget", "quote", "follow-up", "follow up", "outreach", "cold email", "linkedin", "demo", "discovery", "prospect", "lead", "sales", "call", "contract", "retainer"]),
        (LearningClass.Ops, ["invoice", "invoicing", "onboarding", "process", "handoff", "hand-off", "admin", "meeting", "calendar", "tool", "crm", "template", "checklist", "paperwork", "access", "credentials"]),
        (LearningClass.Ai, ["model", "prompt", "prompts", "llm", "gpt", "ai", "agent", "hallucinat*", "embedding*", "rag", "openai", "fine-tun*", "accuracy", "tokens"]),
        (LearningClass.Delivery, ["deliver*", "scope", "deadline", "milestone", "qa", "test", "tests", "testing", "bug", "bugs", "staging", "deploy*", "launch", "ship", "shipped", "revision*", "handover", "sprint", "timeline", "uat"]),
        (LearningClass.Positioning, ["niche", "positioning", "offer", "ideal client", "case study", "case studies", "testimonial*", "brand", "messaging", "message", "website", "vertical", "industry", "referral*"]),
    ];

    /// <summary>What the lesson could become, most specific first.</summary>
    private static readonly (ProducedTag Tag, string[] Words)[] ProducedHints =
    [
        (ProducedTag.SalesObjectionScript, ["objection", "too expensive", "pushed back", "push back", "already have", "no budget"]),
        (ProducedTag.OutreachScript, ["outreach", "cold email", "linkedin", "follow-up", "follow up", "first message", "intro email"]),
        (ProducedTag.CaseStudy, ["case study", "case studies", "testimonial*", "before and after", "saved", "hours per week"]),
        (ProducedTag.QaChecklist, ["qa", "test", "tests", "testing", "bug", "bugs", "regression", "checklist", "uat"]),
        (ProducedTag.Automation, ["automate", "automated", "automation", "manual", "manually", "by hand", "zapier", "script"]),
        (ProducedTag.DeliverySop, ["sop", "process", "handoff", "hand-off", "handover", "onboarding", "kickoff", "kick-off", "step by step"]),
        (ProducedTag.ServicePackageRefinement, ["package", "tier", "scope", "out of scope", "add-on", "retainer"]),
        (ProducedTag.ProposalImprovement, ["proposal", "quote", "pricing", "price", "discount", "timeline"]),
    ];

    /// <summary>Extracts proposals from a learning's text (plain text, markdown or WebVTT).</summary>
    public static IReadOnlyList<ExtractedProposal> Extract(string text)
    {
        var proposals = new List<ExtractedProposal>();
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

            var key = string.Join(' ', tokens);
            if (!seen.Add(key))
            {
                continue;
            }

            var cls = Classify(lower, tokens, hits);
            var produced = ProducedHints.FirstOrDefault(h => h.Words.Any(w => Matches(lower, tokens, w))).Tag;
            if (produced == ProducedTag.NothingYet)
            {
                produced = hits.Select(h => h.Produced).FirstOrDefault(p => p is not null) ?? ProducedTag.NothingYet;
            }

            var topicHits = Topics.First(t => t.Class == cls).Words.Count(w => Matches(lower, tokens, w));
            var confidence = hits.Max(h => h.Confidence) + 0.05 * (hits.Count - 1) + (topicHits >= 2 ? 0.05 : 0);
            confidence = Math.Round(Math.Min(MaxConfidence, confidence), 2);
            var statement = Truncate(sentence, TextMax);
            var evidence = speaker is null ? statement : $"{speaker}: {statement}";
            proposals.Add(new ExtractedProposal(statement, evidence, cls, confidence, produced, string.Join("+", hits.Select(h => h.Name))));
            if (proposals.Count == MaxProposals)
            {
                break;
            }
        }

        return proposals;
    }

    private static LearningClass Classify(string lower, HashSet<string> tokens, List<Signal> hits)
    {
        var scores = Topics.Select(t => (t.Class, Score: t.Words.Count(w => Matches(lower, tokens, w)))).ToList();
        var hint = hits.Select(h => h.Class).FirstOrDefault(c => c is not null);
        var best = scores.Max(s => s.Score);
        if (best == 0)
        {
            return hint ?? LearningClass.Ops;
        }

        var leaders = scores.Where(s => s.Score == best).Select(s => s.Class).ToList();
        return hint is { } h && leaders.Contains(h) ? h : leaders[0];
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
