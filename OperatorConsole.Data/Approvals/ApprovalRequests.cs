using System.Globalization;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;

namespace OperatorConsole.Data.Approvals;

/// <summary>
/// Opens an approval request in the caller's unit of work, so "request" and the change that asked for it
/// are saved together. Every feature that needs a human gate (proposal send, build start, deploy…) uses it.
/// </summary>
public static class ApprovalRequests
{
    public static ApprovalRequest Open(
        ConsoleDbContext db,
        ApprovalSubject subject,
        string subjectType,
        object subjectId,
        int? leadId,
        string title,
        string? context,
        Actor requestedBy,
        DateTime now)
    {
        var request = new ApprovalRequest
        {
            Subject = subject,
            SubjectType = subjectType,
            SubjectId = Convert.ToString(subjectId, CultureInfo.InvariantCulture) ?? "",
            LeadId = leadId,
            Title = title.Length > 300 ? title[..300] : title,
            Context = context,
            RequestedAt = now,
            RequestedByKind = requestedBy.Kind,
            RequestedById = requestedBy.Id,
            RequestedByName = requestedBy.DisplayName,
        };
        db.Add(request);
        return request;
    }
}
