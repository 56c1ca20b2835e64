namespace OperatorConsole.Data.Idempotency;

/// <summary>A response as it will be replayed for a repeated Idempotency-Key.</summary>
public sealed record StoredResponse(int StatusCode, string? ContentType, string? Location, byte[] Body);

/// <summary>
/// The Idempotency-Key of the request being served, carried to the write that answers it so that the stored
/// response is saved in the same transaction as the record it describes: either both exist after a crash or
/// neither does (a retry then simply runs again). Set by the web layer for endpoints whose write goes through
/// <see cref="Infrastructure.IngestWriter"/>; <see cref="Render"/> turns the write's result into the response.
/// </summary>
public sealed class IdempotencyScope(IdempotencyRequest request, Func<object?, StoredResponse> render)
{
    private static readonly AsyncLocal<IdempotencyScope?> Ambient = new();

    public IdempotencyRequest Request { get; } = request;

    /// <summary>The write's successful result → the response the client gets (and a repeat replays).</summary>
    public Func<object?, StoredResponse> Render { get; } = render;

    public string Key => Request.Key;

    /// <summary>True once a committed transaction holds this key's record.</summary>
    public bool Stored => Volatile.Read(ref _stored);

    private bool _stored;
    private int _claimed;

    public static IdempotencyScope? Current => Ambient.Value;

    /// <summary>Makes <paramref name="scope"/> the current request's key until the returned handle is disposed.</summary>
    public static IDisposable Enter(IdempotencyScope scope)
    {
        var previous = Ambient.Value;
        Ambient.Value = scope;
        return new Exit(previous);
    }

    /// <summary>Only the first write of a request answers it; a second write in the same request stores nothing.</summary>
    internal bool TryClaim() => Interlocked.Exchange(ref _claimed, 1) == 0;

    internal void Unclaim() => Volatile.Write(ref _claimed, 0);

    internal void MarkStored() => Volatile.Write(ref _stored, true);

    internal IdempotencyRecord ToRecord(StoredResponse response, DateTime now) => Request.ToRecord(response, now);

    private sealed class Exit(IdempotencyScope? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}

/// <summary>Who sent which key for what: what a record is matched on.</summary>
public sealed record IdempotencyRequest(string CallerId, string Key, string Method, string Path, string RequestHash)
{
    /// <summary>This request as a reservation that has not answered yet.</summary>
    public IdempotencyRecord ToInProgress() => ToRecord(new StoredResponse(IdempotencyStore.InProgress, null, null, []), default);

    internal IdempotencyRecord ToRecord(StoredResponse response, DateTime now) => new()
    {
        CallerId = CallerId,
        Key = Key,
        Method = Method,
        Path = Path,
        RequestHash = RequestHash,
        StatusCode = response.StatusCode,
        ContentType = response.ContentType,
        Location = response.Location,
        ResponseBody = response.Body,
        CreatedAt = now,
    };
}

/// <summary>Another request with the same key committed first (another instance); the caller replays its record.</summary>
public sealed class IdempotencyKeyTakenException(string message, Exception inner) : Exception(message, inner);
