using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.Audit;
using OperatorConsole.Domain.Common;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.Audit;

public static class AuditApi
{
    /// <summary>Read-only on purpose: there is no endpoint that writes, changes or deletes audit entries.</summary>
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(ConsolePolicies.Operator);
        api.MapGet("/", ListAudit).WithName("ListAudit").WithSummary("Audit entries, newest first (filters actor, recordType, recordId, action, from, to)");
        return app;
    }

    public static async Task<Ok<PagedList<AuditEntryView>>> ListAudit(
        AuditQueryService audit,
        CancellationToken ct,
        [FromQuery] string? actor = null,
        [FromQuery] string? recordType = null,
        [FromQuery] string? recordId = null,
        [FromQuery] string? action = null,
        [FromQuery] DateTime? from = null,
        [FromQuery] DateTime? to = null,
        [FromQuery] int? page = null,
        [FromQuery] int? pageSize = null) =>
        TypedResults.Ok(await audit.ListAsync(new AuditQuery(actor, recordType, recordId, action, from, to, page, pageSize), ct));
}
