using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OperatorConsole.Data.Chat;
using OperatorConsole.Domain.Chat;
using OperatorConsole.Domain.Clock;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace OperatorConsole.Web.Features.Chat;

/// <summary>POST /api/ops/chat body.</summary>
public sealed record ChatRequest(string? Question);

/// <summary>The answer with its receipts, as JSON: <c>receipts: {known:[{fact, source, label, verified, link}], inferred, missing}</c>.</summary>
public sealed record ChatResponse(string Answer, ReceiptsView Receipts, string Engine, DateTime AskedAt);

public sealed record ReceiptsView(IReadOnlyList<KnownFactView> Known, IReadOnlyList<string> Inferred, IReadOnlyList<string> Missing);

/// <summary>A Known fact; <c>source</c> is the stable key for machines, <c>label</c> what a person reads.</summary>
public sealed record KnownFactView(string Fact, string Source, bool Verified, string? Problem, string? Link, string? Label = null);

/// <summary>
/// Ops chat over the business data. Without Azure OpenAI the built-in engine answers (<see cref="BuiltInChatEngine"/>).
/// With it, the model answers through function calling: every topic's fact source is an <see cref="AIFunction"/>
/// tool, and the receipts are built from what the tools returned, never from the model's prose. Either way every
/// Known fact is re-checked against its source before anyone sees it.
/// </summary>
public sealed class OpsChatService(BuiltInChatEngine engine, ChatToolbox tools, ChatHistoryService history, TimeProvider time, IServiceProvider services)
{
    public const string AzureEngine = "azure_openai";
    public const int MaxQuestionLength = 2000;

    private IChatClient? Model => services.GetService<IChatClient>();

    public bool UsesModel => Model is not null;

    public Task<ChatResponse> AskAsync(string question, string userId, CancellationToken ct = default) => AskAsync(question, userId, ClockMode.Data, ct);

    /// <summary>
    /// The answer at the asker's clock (<paramref name="mode"/>: the screen's "follow the data" or "now"), so "this
    /// week" and every time-based figure in it match the cards the asker sees.
    /// </summary>
    public async Task<ChatResponse> AskAsync(string question, string userId, ClockMode mode, CancellationToken ct = default)
    {
        if (Model is { } model)
        {
            var session = tools.Begin(question, mode);
            var response = await new ChatClientBuilder(model).UseFunctionInvocation().Build()
                .GetResponseAsync(Prompt(question), new ChatOptions { Tools = [.. session.Tools] }, ct);
            var (answer, sheet) = session.Receipts(response.Text);
            return await FinishAsync(question, userId, answer, sheet, ct);
        }

        var builtIn = await engine.AnswerAsync(question, mode, ct);
        return await FinishAsync(question, userId, builtIn.Answer, builtIn.Sheet, ct);
    }

    /// <summary>Streams the model's answer text as it arrives, then yields the final response with checked receipts.</summary>
    public IAsyncEnumerable<(string? Partial, ChatResponse? Final)> StreamAsync(string question, string userId, CancellationToken ct = default) =>
        StreamAsync(question, userId, ClockMode.Data, ct);

    public async IAsyncEnumerable<(string? Partial, ChatResponse? Final)> StreamAsync(
        string question, string userId, ClockMode mode, [EnumeratorCancellation] CancellationToken ct = default)
    {
        if (Model is not { } model)
        {
            yield return (null, await AskAsync(question, userId, mode, ct));
            yield break;
        }

        var session = tools.Begin(question, mode);
        var text = new System.Text.StringBuilder();
        await foreach (var update in new ChatClientBuilder(model).UseFunctionInvocation().Build()
                           .GetStreamingResponseAsync(Prompt(question), new ChatOptions { Tools = [.. session.Tools] }, ct))
        {
            text.Append(update.Text);
            yield return (text.ToString(), null);
        }

        var (answer, sheet) = session.Receipts(text.ToString());
        yield return (null, await FinishAsync(question, userId, answer, sheet, ct));
    }

    private async Task<ChatResponse> FinishAsync(string question, string userId, ChatAnswer answer, IReadOnlyDictionary<string, ContextFact> sheet, CancellationToken ct)
    {
        var receipts = ReceiptsChecker.Check(answer.Receipts, sheet);
        var now = time.GetUtcNow().UtcDateTime;
        var view = new ReceiptsView(
            receipts.Known.Select(k => sheet.TryGetValue(k.Source, out var f)
                ? new KnownFactView(k.Fact, k.Source, k.Verified, k.Problem, f.Link, f.Label)
                : new KnownFactView(k.Fact, k.Source, k.Verified, k.Problem, null)).ToList(),
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

    private static List<AiChatMessage> Prompt(string question)
    {
        const string system = """
            You are the operations assistant of a small software agency's Operator Console.
            Answer ONLY from the console's tools: call the tool of every topic the question touches, then answer in
            one to three short sentences, the figure first, copying numbers and names exactly as the tools return them.
            If the tools do not cover part of the question, say so plainly; never guess, never invent numbers or names.
            """;
        return [new AiChatMessage(ChatRole.System, system), new AiChatMessage(ChatRole.User, question)];
    }
}
