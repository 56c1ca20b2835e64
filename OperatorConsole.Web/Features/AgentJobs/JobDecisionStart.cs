using OperatorConsole.Data.AgentJobs;

namespace OperatorConsole.Web.Features.AgentJobs;

/// <summary>What an operator asked to do with a job on the ledger; the decision panel asks for the reason.</summary>
public enum JobAction
{
    Approve,
    Refuse,
    Deploy,
    OverrideRisk,
}

public sealed record JobDecisionStart(AgentJobView Job, JobAction Action);
