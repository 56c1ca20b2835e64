using OperatorConsole.Domain.Common;

namespace OperatorConsole.Domain.Leads;

/// <summary>The state of an open deal's next step, as the lead page, the leads list and the failures report read it.</summary>
public enum NextStepState
{
    /// <summary>No next step, or the last one is done: nothing is planned.</summary>
    None,

    /// <summary>Planned and due in the future (or exactly now).</summary>
    Planned,

    /// <summary>Planned, not done, and its due time has passed.</summary>
    Overdue,
}

/// <summary>Rules of a deal's next step (what + due date; done or overdue), shared by the API and the lead page.</summary>
public static class NextStepRules
{
    public const int WhatMax = 300;

    /// <summary>A step is open while it has a due time and is not done.</summary>
    public static bool IsOpen(DateTime? dueAt, DateTime? doneAt) => dueAt is not null && doneAt is null;

    public static NextStepState State(DateTime? dueAt, DateTime? doneAt, DateTime now) =>
        !IsOpen(dueAt, doneAt) ? NextStepState.None : dueAt!.Value < now ? NextStepState.Overdue : NextStepState.Planned;

    /// <summary>Only an open deal plans a next step; it needs both what and when.</summary>
    public static ValidationErrors Validate(LeadStatus stage, string? what, DateTime? dueAt)
    {
        var errors = new ValidationErrors().Required("what", what, WhatMax);
        if (dueAt is null)
        {
            errors.Add("dueAt", "'dueAt' is required: when the next step is due.");
        }

        if (!stage.IsOpenDeal())
        {
            errors.Add("what", $"Only an open deal (New, Qualified, Proposal) has a next step; this lead is {stage}.");
        }

        return errors;
    }
}
