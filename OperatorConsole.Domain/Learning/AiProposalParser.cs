using System.Text.Json;

namespace OperatorConsole.Domain.Learning;

/// <summary>The outcome of validating a model's answer: proposals, or the reason it was refused.</summary>
public sealed record AiParseResult(bool Ok, IReadOnlyList<ExtractedProposal> Proposals, string? Error)
{
    public static AiParseResult Fail(string error) => new(false, [], error);
}

/// <summary>
/// Validates the JSON a chat model returned for a learning. The model is asked for
/// <c>{"proposals":[{"text","evidence","class","confidence","produced"}]}</c>; anything else — not JSON, a
/// missing field, an unknown class or tag, a confidence outside 0–1 — refuses the whole answer, and the
/// caller falls back to the built-in extractor and says so. A half-trusted answer is worse than none.
/// </summary>
public static class AiProposalParser
{
    public const string Schema =
        "{\"proposals\":[{\"text\":\"the playbook statement, imperative, one sentence\",\"evidence\":\"the sentence(s) of the learning it comes from\"," +
        "\"class\":\"sales|ops|ai|delivery|positioning\",\"confidence\":0.0,\"produced\":\"proposal_improvement|outreach_script|sales_objection_script|" +
        "service_package_refinement|delivery_sop|qa_checklist|automation|case_study|nothing_yet\"}]}";

    public static AiParseResult Parse(string? answer)
    {
        if (string.IsNullOrWhiteSpace(answer))
        {
            return AiParseResult.Fail("The model returned an empty answer.");
        }

        var json = StripCodeFence(answer.Trim());
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            return AiParseResult.Fail($"The model's answer is not valid JSON ({ex.Message.Split('.')[0]}).");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("proposals", out var items)
                || items.ValueKind != JsonValueKind.Array)
            {
                return AiParseResult.Fail("The model's answer has no \"proposals\" array.");
            }

            var proposals = new List<ExtractedProposal>();
            var index = 0;
            foreach (var item in items.EnumerateArray())
            {
                var error = ParseItem(item, out var proposal);
                if (error is not null)
                {
                    return AiParseResult.Fail($"proposals[{index}]: {error}");
                }

                proposals.Add(proposal!);
                index++;
                if (proposals.Count == LearningExtractor.MaxProposals)
                {
                    break;
                }
            }

            return new AiParseResult(true, proposals, null);
        }
    }

    private static string? ParseItem(JsonElement item, out ExtractedProposal? proposal)
    {
        proposal = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            return "not an object.";
        }

        var text = String(item, "text");
        if (string.IsNullOrWhiteSpace(text))
        {
            return "\"text\" is missing.";
        }

        if (text.Length > LearningExtractor.TextMax)
        {
            return $"\"text\" is longer than {LearningExtractor.TextMax} characters.";
        }

        if (!TryEnum<LearningClass>(String(item, "class"), out var cls))
        {
            return "\"class\" must be sales, ops, ai, delivery or positioning.";
        }

        if (!item.TryGetProperty("confidence", out var conf) || conf.ValueKind != JsonValueKind.Number
            || !conf.TryGetDouble(out var confidence) || double.IsNaN(confidence) || confidence < 0 || confidence > 1)
        {
            return "\"confidence\" must be a number from 0 to 1.";
        }

        var producedText = String(item, "produced");
        var produced = ProducedTag.NothingYet;
        if (!string.IsNullOrWhiteSpace(producedText) && !TryEnum(producedText, out produced))
        {
            return $"\"produced\" has an unknown value '{producedText}'.";
        }

        var evidence = String(item, "evidence");
        proposal = new ExtractedProposal(text.Trim(), Limit(evidence?.Trim(), 2000), cls, Math.Round(confidence, 2), produced, null);
        return null;
    }

    private static string? String(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Limit(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    /// <summary>Snake-case names as in the API ("sales_objection_script"), case-insensitive.</summary>
    public static bool TryEnum<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var wanted = text.Trim().Replace("_", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(candidate.ToString(), wanted, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        return false;
    }

    private static string StripCodeFence(string text)
    {
        if (!text.StartsWith("```", StringComparison.Ordinal))
        {
            return text;
        }

        var firstNewLine = text.IndexOf('\n');
        var end = text.LastIndexOf("```", StringComparison.Ordinal);
        return firstNewLine > 0 && end > firstNewLine ? text[(firstNewLine + 1)..end].Trim() : text;
    }
}
