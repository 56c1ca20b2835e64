using System.Text.Json;
using OperatorConsole.Data.Idempotency;

namespace OperatorConsole.Web.Api;

/// <summary>
/// Endpoint metadata: this endpoint's write goes through the group-commit writer, which stores the
/// Idempotency-Key response in the same transaction as the record. <see cref="Render"/> must produce exactly
/// what the endpoint answers on success (status, Location, JSON body), because a repeat replays it.
/// </summary>
public sealed class IdempotentWrite(int statusCode, Type valueType, Func<object?, string?> location)
{
    private const string Json = "application/json; charset=utf-8";

    public StoredResponse Render(object? value, JsonSerializerOptions options) =>
        statusCode == StatusCodes.Status204NoContent
            ? new StoredResponse(statusCode, null, null, [])
            : new StoredResponse(statusCode, Json, location(value), JsonSerializer.SerializeToUtf8Bytes(value, valueType, options));
}

/// <summary>Endpoint metadata: the response carries a secret, so it is never kept for Idempotency-Key replays.</summary>
public sealed class SecretResponse
{
    public static readonly SecretResponse Instance = new();
}

public static class IdempotencyEndpoints
{
    /// <summary>A 201 whose body is the created <typeparamref name="T"/>, stored with the write (see <see cref="IdempotentWrite"/>).</summary>
    public static RouteHandlerBuilder StoresCreatedWithTheWrite<T>(this RouteHandlerBuilder endpoint, Func<T, string> location) =>
        endpoint.WithMetadata(new IdempotentWrite(StatusCodes.Status201Created, typeof(T), value => location((T)value!)));

    /// <summary>A 204, stored with the write.</summary>
    public static RouteHandlerBuilder StoresNoContentWithTheWrite(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(new IdempotentWrite(StatusCodes.Status204NoContent, typeof(object), _ => null));

    /// <summary>The response holds a secret (an API key): an Idempotency-Key never stores it.</summary>
    public static RouteHandlerBuilder CarriesASecret(this RouteHandlerBuilder endpoint) => endpoint.WithMetadata(SecretResponse.Instance);
}
