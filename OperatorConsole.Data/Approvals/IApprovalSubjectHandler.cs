using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;

namespace OperatorConsole.Data.Approvals;

/// <summary>
/// What a decision does to the record it is about (a proposal becomes SendApproved, a build may start…).
/// One implementation per <see cref="ApprovalSubject"/>, registered as a singleton
/// (<c>services.AddSingleton&lt;IApprovalSubjectHandler, MyHandler&gt;()</c>). The approval service calls it
/// inside the same unit of work as the decision: change tracked entities on <paramref name="db"/> and do
/// NOT call SaveChanges; the decision, its audit entry and the handler's changes are saved together.
/// To refuse (the record is no longer in a state the decision applies to), throw
/// <see cref="ApprovalDecisionRefusedException"/>: nothing is saved and the caller gets a 409.
/// </summary>
public interface IApprovalSubjectHandler
{
    ApprovalSubject Subject { get; }

    Task OnDecidedAsync(ConsoleDbContext db, ApprovalRequest request, bool approved, Actor actor, DateTime now, CancellationToken ct);
}

/// <summary>Thrown by a handler when the subject cannot take the decision any more; the decision is not saved.</summary>
public sealed class ApprovalDecisionRefusedException(string message) : InvalidOperationException(message);
