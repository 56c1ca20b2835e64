using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;

namespace OperatorConsole.Web.Auth;

/// <summary>
/// A refused attempt at a human gate (a 403 on an endpoint only a signed-in operator may call: approve, send,
/// deploy, promote, manage people and keys …) is itself a fact worth keeping: who tried, what, when. It is
/// written to the audit log before the 403 goes out; everything else about the answer is the default handler's.
/// </summary>
internal sealed class GateRefusals(IDbContextFactory<ConsoleDbContext> dbFactory, TimeProvider time, ILogger<GateRefusals> logger)
    : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && IsHumanGate(context))
        {
            await RecordAsync(context);
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private static bool IsHumanGate(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == ConsolePolicies.Operator) == true;

    private async Task RecordAsync(HttpContext context)
    {
        var actor = context.User.ToActor();
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "";
        var target = $"{context.Request.Method} {route}";
        logger.LogWarning("Refused {Actor} at the operator gate {Target}", actor.Id, target);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(context.RequestAborted);
            db.Audit(actor, time.GetUtcNow().UtcDateTime, "gate.refused", "endpoint", target.Length > 60 ? target[..60] : target,
                $"{actor.DisplayName} was refused at {context.Request.Method} {context.Request.Path}: only a signed-in operator may do this.");
            await db.SaveChangesAsync(context.RequestAborted);
        }
        catch (Exception e) when (e is DbUpdateException or OperationCanceledException || Api.ApiExceptionHandler.IsDatabaseUnavailable(e))
        {
            // The refusal stands whether or not it could be recorded.
            logger.LogError(e, "Could not record a refused gate attempt at {Target}", target);
        }
    }
}
