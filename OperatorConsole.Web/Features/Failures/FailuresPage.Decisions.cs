using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using OperatorConsole.Data.Failures;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Failures;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.Failures;

/// <summary>
/// The decisions /failures records in place: acknowledge or snooze one row, a bucket or everything the filter shows
/// (FailureAcknowledgementService, one reason and one audit entry), and approve/refuse a waiting approval
/// (ApprovalDecisionForm → ApprovalService). The form opens where it was asked for (see DecisionForm).
/// </summary>
public partial class FailuresPage
{
    /// <summary>
    /// A decision being made: on one item (its form opens under its row), on every open item of a bucket (above the
    /// bucket's rows) or of the page's filter (under the filter bar); an approval is approved or refused instead.
    /// </summary>
    private sealed record Pending(string Subject, AcknowledgementKind Kind, IFailureItem? Item, FailureFilter? Filter, FailureBucket? Bucket = null)
    {
        public NeedsApprovalItem? Approval { get; init; }
    }

    private Pending? _pending;
    private int _snoozeHours = 24;
    private string? _reason;
    private string? _error;
    private bool _busy;

    private void Start(IFailureItem item, AcknowledgementKind kind) => Open(new Pending(item.Describe(), kind, item, null));

    private void StartApproval(NeedsApprovalItem item) => Open(new Pending(item.Describe(), AcknowledgementKind.Ack, item, null) { Approval = item });

    private void StartBulk(FailureFilter filter, AcknowledgementKind kind, FailureBucket? bucket = null)
    {
        var count = Report is null ? 0 : filter.OpenItems(Report).Count();
        Open(new Pending($"all {count} open items in {filter.Describe()}", kind, null, filter, bucket));
    }

    private void Open(Pending pending)
    {
        _pending = pending;
        _reason = null;
        _error = null;
    }

    private void Cancel() => _pending = null;

    private async Task ConfirmAsync()
    {
        if (_pending is not { } pending)
        {
            return;
        }

        _busy = true;
        try
        {
            var actor = (await AuthState).User.ToActor();
            DateTime? until = pending.Kind == AcknowledgementKind.Snooze ? Now.AddHours(_snoozeHours) : null;
            var (ok, message) = pending.Filter is { } filter
                ? Outcome(await Acknowledgements.AcknowledgeManyAsync(new BulkAcknowledgeRequest(filter.Bucket, filter.Group, filter.Query, pending.Kind, _reason, until, ClockMode), actor),
                    r => $"{r.Count} items {(pending.Kind == AcknowledgementKind.Snooze ? "snoozed" : "acknowledged")} in one decision.")
                : Outcome(await Acknowledgements.AcknowledgeAsync(new AcknowledgeFailureRequest(pending.Item!.GetBucket(), pending.Item.Key, pending.Kind, _reason, until, ClockMode), actor),
                    _ => pending.Kind == AcknowledgementKind.Snooze ? "Snoozed; it comes back on its own." : "Acknowledged.");
            if (!ok)
            {
                _error = message;
                return;
            }

            Snackbar.Add(message, Severity.Success);
            _pending = null;
        }
        finally
        {
            _busy = false;
        }
    }

    private static (bool Ok, string Message) Outcome<T>(OperationResult<T> result, Func<T, string> success) => result.Succeeded
        ? (true, success(result.Value!))
        : (false, result.Errors.Count > 0 ? string.Join(" ", result.Errors.SelectMany(e => e.Value)) : result.Message ?? "Not saved.");

    private async Task ReopenAsync(int id)
    {
        var result = await Acknowledgements.ReopenAsync(id, new ReopenAcknowledgementRequest(), (await AuthState).User.ToActor());
        Snackbar.Add(result.Succeeded ? "Reopened: it is counted again." : result.Message ?? "Not reopened.", result.Succeeded ? Severity.Success : Severity.Warning);
    }
}
