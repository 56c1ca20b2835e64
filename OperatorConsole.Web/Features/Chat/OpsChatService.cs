using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OperatorConsole.Data.Chat;
using OperatorConsole.Domain.Chat;

namespace OperatorConsole.Web.Features.Chat;

/// <summary>POST /api/ops/chat body.</summary>
public sealed record ChatRequest(string? Question);

/// <summary>The answer with its receipts, as JSON: <c>receipts: {known:[{fact, source, verified}], inferred, missing}</c>.</summary>
public sealed record ChatResponse(string Answer, ReceiptsView Receipts, string Engine, DateTime AskedAt);

public sealed record ReceiptsView(IReadOnlyList<KnownFactView> Known, IReadOnlyList<string> Inferred, IReadOnlyList<string> Missing);

public sealed record KnownFactView(string Fact, string Source, bool Verified, string? Problem, string? Link);

/// <summary>
/// Ops chat over the business data. With an Azure OpenAI deployment configured (an <see cref="IChatClient"/> in
/// DI) the model answers from the fact sheet and returns receipts; without one the built-in grounded engine does.
/// Either way every Known fact is re-checked against its source before anyone sees it.
/// </summary>
public sealed class OpsChatService(ChatContextBuilder context, ChatHistoryService history, TimeProvider time, IServiceProvider services, ILogger<OpsChatService> logger)
{
    public const string AzureEngine = "azure_openai";
    public const int MaxQuestionLength = 2000;
    private const string ReceiptsMarker = "RECEIPTS:";

    private IChatClient? Model => services.GetService<IChatClient>();

    public bool UsesModel => Model is not null;

    public async Task<ChatResponse> AskAsync(string question, string userId, CancellationToken ct = default)
    {
        var (facts, missingSources) = await context.BuildAsync(ct);
        var sheet = facts.ToDictionary(f => f.Source, StringComparer.Ordinal);
        ChatAnswer answer;
        if (Model is { } model)
        {
            var response = await model.GetResponseAsync(Prompt(question, facts), cancellationToken: ct);
            answer = ParseModelAnswer(response.Text);
        }
        else
        {
            answer = GroundedEngine.Answer(question, facts);
        }

        return await FinishAsync(question, userId, answer, sheet, missingSources, ct);
    }

    /// <summary>Streams the model's answer text as it arrives, then yields the final response with checked receipts.</summary>
    public async IAsyncEnumerable<(string? Partial, ChatResponse? Final)> StreamAsync(string question, string userId, [EnumeratorCancellation] CancellationToken ct = default)
    {
        if (Model is not { } model)
        {
            yield return (null, await AskAsync(question, userId, ct));
            yield break;
        }

        var (facts, missingSources) = await context.BuildAsync(ct);
        var text = new StringBuilder();
        await foreach (var update in model.GetStreamingResponseAsync(Prompt(question, facts), cancellationToken: ct))
        {
            text.Append(update.Text);
            var visible = text.ToString();
            var marker = visible.IndexOf(ReceiptsMarker, StringComparison.Ordinal);
            yield return (marker >= 0 ? visible[..marker] : visible, null);
        }

        var sheet = facts.ToDictionary(f => f.Source, StringComparer.Ordinal);
        yield return (null, await FinishAsync(question, userId, ParseModelAnswer(text.ToString()), sheet, missingSources, ct));
    }

    private async Task<ChatResponse> FinishAsync(string question, string userId, ChatAnswer answer, Dictionary<string, ContextFact> sheet, IReadOnlyList<string> missingSources, CancellationToken ct)
    {
        var receipts = ReceiptsChecker.Check(answer.Receipts, sheet);
        receipts = receipts with { Missing = [.. receipts.Missing, .. missingSources] };
        var now = time.GetUtcNow().UtcDateTime;
        var view = new ReceiptsView(
            receipts.Known.Select(k => new KnownFactView(k.Fact, k.Source, k.Verified, k.Problem, sheet.TryGetValue(k.Source, out var f) ? f.Link : null)).ToList(),
            receipts.Inferred,
            receipts.Missing);
        var response = new ChatResponse(answer.Answer, view, answer.Engine, now);
        await history.SaveAsync(new ChatExchange
        {
            UserId = userId,
            Question = question,
            Answer = answer.Answer,
            ReceiptsJson = JsonSerializer.Serialize(view, JsonSerializerOptions.Web),
            Engine = answer.Engine,
            AllVerified = receipts.AllVerified,
            AskedAt = now,
        }, ct);
        return response;
    }

    private static List<ChatMessage> Prompt(string question, IReadOnlyList<ContextFact> facts)
    {
        var sheet = new StringBuilder();
        foreach (var fact in facts)
        {
            sheet.Append('[').Append(fact.Source).Append("] ").AppendLine(fact.Text);
        }

        var system = $$"""
            You are the operations assistant of a small software agency's Operator Console.
            Answer ONLY from the facts below; each fact is "[source] text". Never invent numbers or names.
            Be brief and concrete. After the answer write a line "{{ReceiptsMarker}}" followed by one line of JSON:
            {"known":[{"fact":"…","source":"<a source key from the list>"}],"inferred":["…"],"missing":["…"]}
            "known" facts must copy numbers exactly from their source. Put conclusions you drew under "inferred"
            and anything the facts cannot answer under "missing".
            FACTS:
            {{sheet}}
            """;
        return [new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, question)];
    }

    /// <summary>Splits the model's text into answer and receipts; a reply without readable receipts says so.</summary>
    public ChatAnswer ParseModelAnswer(string text)
    {
        var marker = text.IndexOf(ReceiptsMarker, StringComparison.Ordinal);
        if (marker < 0)
        {
            return new ChatAnswer(text.Trim(), new Receipts([], [], ["The model returned no receipts: nothing in this answer is verified."]), AzureEngine);
        }

        var answer = text[..marker].Trim();
        var json = text[(marker + ReceiptsMarker.Length)..].Trim().Trim('`');
        if (json.StartsWith("json", StringComparison.OrdinalIgnoreCase))
        {
            json = json[4..];
        }

        try
        {
            var parsed = JsonSerializer.Deserialize<ModelReceipts>(json, JsonSerializerOptions.Web);
            var known = parsed?.Known?.Where(k => k.Fact is not null && k.Source is not null).Select(k => new KnownFact(k.Fact!, k.Source!)).ToList() ?? [];
            return new ChatAnswer(answer, new Receipts(known, parsed?.Inferred ?? [], parsed?.Missing ?? []), AzureEngine);
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "The model's receipts were not valid JSON");
            return new ChatAnswer(answer, new Receipts([], [], ["The model's receipts could not be read: nothing in this answer is verified."]), AzureEngine);
        }
    }

    private sealed record ModelReceipts(List<ModelFact>? Known, List<string>? Inferred, List<string>? Missing);

    private sealed record ModelFact(string? Fact, string? Source);
}
