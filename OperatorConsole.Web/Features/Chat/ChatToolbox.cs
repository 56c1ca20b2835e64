using System.Collections.Concurrent;
using System.ComponentModel;
using Microsoft.Extensions.AI;
using OperatorConsole.Data.Chat;
using OperatorConsole.Data.Chat.Topics;
using OperatorConsole.Domain.Chat;
using OperatorConsole.Domain.Clock;

namespace OperatorConsole.Web.Features.Chat;

/// <summary>
/// The built-in engine's typed fact sources as <see cref="AIFunction"/> tools for a model. One session per
/// question records every fact a tool returned; the receipts are those facts (plus every number in the model's
/// prose that no tool returned, flagged), so the model can phrase the answer but cannot vouch for anything.
/// </summary>
public sealed class ChatToolbox(IEnumerable<IChatTopicSource> sources, BuiltInChatEngine engine)
{
    public ChatToolSession Begin(string question, ClockMode mode = ClockMode.Data) => new(question, mode, sources.ToList(), engine);
}

public sealed class ChatToolSession
{
    private readonly string _question;
    private readonly ClockMode _mode;
    private readonly BuiltInChatEngine _engine;
    private readonly ConcurrentQueue<TopicAnswer> _results = new();

    internal ChatToolSession(string question, ClockMode mode, IReadOnlyList<IChatTopicSource> sources, BuiltInChatEngine engine)
    {
        _question = question;
        _mode = mode;
        _engine = engine;
        Tools = [.. sources.Where(s => s.Topic != ChatTopic.Entity).Select(ToolFor), EntityTool()];
    }

    public IReadOnlyList<AITool> Tools { get; }

    /// <summary>Every tool result so far (tests and the receipts read it).</summary>
    public IReadOnlyList<TopicAnswer> Results => [.. _results];

    private AIFunction ToolFor(IChatTopicSource source)
    {
        var info = ChatTopicCatalog.Topics.First(t => t.Topic == source.Topic);
        return AIFunctionFactory.Create(
            async ([Description("The operator's question, or the part of it about this topic, in their words (periods like 'last month' or 'in 2017' are read from it).")] string question, CancellationToken ct) =>
            {
                var analysis = await _engine.AnalyzeAsync(string.IsNullOrWhiteSpace(question) ? _question : question, _mode, ct);
                return Record(await source.AnswerAsync(analysis, ct));
            },
            new AIFunctionFactoryOptions
            {
                Name = source.Topic.ToString().ToLowerInvariant(),
                Description = $"Facts about {source.Topic} from the Operator Console, with their sources. Answers questions like: {string.Join(" ", info.Examples)}",
            });
    }

    private AIFunction EntityTool() => AIFunctionFactory.Create(
        async ([Description("A lead, account (company), deal owner, integration, package or template name as the operator wrote it.")] string name, CancellationToken ct) =>
        {
            var matches = EntityMatcher.Find(name, await _engine.EntitiesAsync(ct));
            if (matches.Count == 0)
            {
                return Record(TopicAnswer.MissingOnly($"No lead, account, owner, integration, package or template named \"{name}\" is in the console."));
            }

            var analysis = await _engine.AnalyzeAsync(_question, _mode, ct) with { Entities = matches };
            return Record(await _engine.EntityAnswerAsync(analysis, ct));
        },
        new AIFunctionFactoryOptions { Name = "entity", Description = "Looks up a named lead, account, deal owner, integration, package or template (typos tolerated) and returns its figures, or says it does not exist." });

    private ToolResult Record(TopicAnswer answer)
    {
        _results.Enqueue(answer);
        return new ToolResult(answer.Facts.Select(f => new ToolFact(f.Source.Source, f.Claim)).ToList(), answer.Inferred, answer.Missing);
    }

    /// <summary>The model's prose with receipts made from the tool results, and the sheet to check them against.</summary>
    public (ChatAnswer Answer, IReadOnlyDictionary<string, ContextFact> Sheet) Receipts(string modelText)
    {
        var results = Results;
        var used = results.SelectMany(r => r.Facts).ToList();
        var sheet = used.GroupBy(u => u.Source.Source).ToDictionary(g => g.Key, g => g.First().Source, StringComparer.Ordinal);
        var known = used.Select(u => new KnownFact(u.Claim, u.Source.Source)).ToList();

        // A number in the prose that no tool returned is shown as an unsupported claim, so it cannot pass as fact.
        var toolNumbers = used.SelectMany(u => ReceiptsChecker.NumbersIn(u.Source.Text)).ToHashSet(StringComparer.Ordinal);
        known.AddRange(ReceiptsChecker.NumbersIn(modelText).Where(n => !toolNumbers.Contains(n))
            .Select(n => new KnownFact($"The answer states {n}", "answer")));
        var missing = results.SelectMany(r => r.Missing).ToList();
        if (results.Count == 0)
        {
            missing.Add("The model called no console tool: nothing in this answer is backed by the console's data.");
        }

        var receipts = new Receipts(known, results.SelectMany(r => r.Inferred).Distinct().ToList(), missing.Distinct().ToList());
        return (new ChatAnswer(modelText.Trim(), receipts, OpsChatService.AzureEngine), sheet);
    }

    public sealed record ToolFact(string Source, string Fact);

    public sealed record ToolResult(IReadOnlyList<ToolFact> Facts, IReadOnlyList<string> Inferred, IReadOnlyList<string> Missing);
}
