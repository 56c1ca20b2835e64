using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OperatorConsole.Data.Alerts;
using OperatorConsole.Domain.Alerts;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.Alerts;

public sealed record RemoveAlertChannelRequest(string? Reason);

/// <summary>Settings → Alerts over HTTP: operator-only (no API key may add a channel or read the log), audited.</summary>
public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup("/api/alerts").WithTags("Alerts").RequireAuthorization(ConsolePolicies.Operator);
        alerts.MapGet("/channels", async (AlertChannelService service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct)))
            .WithName("ListAlertChannels").WithSummary("Alert channels and their rules (never a secret; webhook URLs masked)");
        alerts.MapPost("/channels", CreateChannel).WithName("CreateAlertChannel").WithSummary("Add a webhook or e-mail channel (audited)");
        alerts.MapPut("/channels/{id:int}", UpdateChannel).WithName("UpdateAlertChannel").WithSummary("Replace a channel's settings; an empty webhookUrl keeps the stored one");
        alerts.MapPost("/channels/{id:int}/remove", RemoveChannel).WithName("RemoveAlertChannel").WithSummary("Remove a channel; its queued deliveries are refused");
        alerts.MapPost("/channels/{id:int}/test", SendTest).WithName("SendTestAlert").WithSummary("Queue a test message to the channel");
        alerts.MapGet("/deliveries", ListDeliveries).WithName("ListAlertDeliveries").WithSummary("The delivery log, newest first, with every attempt");
        return app;
    }

    public static async Task<Results<Created<AlertChannelView>, ProblemHttpResult>> CreateChannel(
        AlertChannelRequest request, AlertChannelService service, HttpContext http, CancellationToken ct) =>
        ApiResults.CreatedOrProblem(await service.CreateAsync(request, http.User.ToActor(), ct), c => $"/api/alerts/channels/{c.Id}");

    public static async Task<Results<Ok<AlertChannelView>, ProblemHttpResult>> UpdateChannel(
        int id, AlertChannelRequest request, AlertChannelService service, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await service.UpdateAsync(id, request, http.User.ToActor(), ct));

    public static async Task<Results<Ok<AlertChannelView>, ProblemHttpResult>> RemoveChannel(
        int id, RemoveAlertChannelRequest? request, AlertChannelService service, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await service.DeleteAsync(id, request?.Reason, http.User.ToActor(), ct));

    public static async Task<Results<Created<AlertDeliveryView>, ProblemHttpResult>> SendTest(
        int id, AlertChannelService service, IOptions<AlertsOptions> options, HttpContext http, CancellationToken ct) =>
        ApiResults.CreatedOrProblem(await service.SendTestAsync(id, http.User.ToActor(), options.Value.ConsoleUrl, ct), d => $"/api/alerts/deliveries?channelId={d.ChannelId}");

    public static async Task<Results<Ok<IReadOnlyList<AlertDeliveryView>>, ProblemHttpResult>> ListDeliveries(
        int? channelId, int? take, AlertQueue queue, CancellationToken ct)
    {
        if (take is < 1 or > 500)
        {
            return ApiResults.Validation(new Dictionary<string, string[]> { ["take"] = ["'take' must be between 1 and 500."] });
        }

        return TypedResults.Ok(await queue.ListAsync(channelId, take ?? 50, ct));
    }
}
