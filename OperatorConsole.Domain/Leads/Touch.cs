using OperatorConsole.Domain.Common;

namespace OperatorConsole.Domain.Leads;

public enum TouchChannel
{
    Email,
    Call,
    Meeting,
    Message,
    Linkedin,
    Other,
}

public enum TouchDirection
{
    Inbound,
    Outbound,
}

/// <summary>A contact with a lead. The newest one sets the lead's LastContactAt.</summary>
public class Touch
{
    public int Id { get; set; }
    public int LeadId { get; set; }
    public TouchChannel Channel { get; set; }
    public TouchDirection Direction { get; set; }
    public string? Summary { get; set; }
    public DateTime OccurredAt { get; set; }
    public DateTime RecordedAt { get; set; }
    public ActorKind ActorKind { get; set; }
    public required string ActorId { get; set; }
    public required string ActorName { get; set; }
}
