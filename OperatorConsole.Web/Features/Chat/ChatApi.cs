using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.Chat;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;
using OperatorConsole.Web.Features.Clock;

namespace OperatorConsole.Web.Features.Chat;

public sealed record ChatHistoryItem(int Id, string Question, string Answer, string Engine, bool AllVerified, DateTime AskedAt, ReceiptsView? Receipts);

public static class ChatApi
{
    /// <summary>Operators and viewers may ask (questions are read-only); machines may not.</summary>
    public static IEndpointRouteBuilder MapChatApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/ops/chat").WithTags("Ops chat").RequireAuthorization(ConsolePolicies.People);
        api.MapPost("/", Ask).WithName("AskOpsChat").WithSummary("Ask a question; the answer ends with receipts (known, inferred, missing)");
        api.MapGet("/history", History).WithName("OpsChatHistory").WithSummary("Your own questions and answers");
        return app;
    }

    public static async Task<Results<Ok<ChatResponse>, ProblemHttpResult>> Ask(
        ChatRequest request, OpsChatService chat, HttpContext http, CancellationToken ct, [FromQuery] string? clock = null)
    {
        var errors = new Dictionary<string, string[]>();
        var mode = ClockApi.ParseMode(http, clock, errors);
        if (errors.Count > 0)
        {
            return ApiResults.BadRequest("Invalid query parameter.", errors);
        }

        var question = request.Question?.Trim();
        if (string.IsNullOrEmpty(question) || question.Length > OpsChatService.MaxQuestionLength)
        {
            return ApiResults.Validation(new Dictionary<string, string[]> { ["question"] = [$"'question' is required, at most {OpsChatService.MaxQuestionLength} characters."] });
        }

        return TypedResults.Ok(await chat.AskAsync(question, http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", mode, ct));
    }

    public static async Task<Ok<IReadOnlyList<ChatHistoryItem>>> History(ChatHistoryService history, HttpContext http, CancellationToken ct)
    {
        var items = await history.ForUserAsync(http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", ct: ct);
        return TypedResults.Ok<IReadOnlyList<ChatHistoryItem>>(items.Select(ToItem).ToList());
    }

    public static ChatHistoryItem ToItem(ChatExchange e) => new(e.Id, e.Question, e.Answer, e.Engine, e.AllVerified, e.AskedAt,
        System.Text.Json.JsonSerializer.Deserialize<ReceiptsView>(e.ReceiptsJson, System.Text.Json.JsonSerializerOptions.Web));
}
