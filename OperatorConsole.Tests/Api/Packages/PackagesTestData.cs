using System.Net.Http.Json;
using System.Text.Json;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Packages;

/// <summary>Small helpers shared by the package, expectation and offer API tests.</summary>
internal static class PackagesTestData
{
    public static async Task<int> CreateLeadAsync(HttpClient client, string title, string? offerType = null, decimal? value = null)
    {
        var response = await client.PostJsonAsync("/api/leads", new { title, offerType, estimatedValue = value });
        response.EnsureSuccessStatusCode();
        return (await response.ReadJsonAsync()).GetProperty("id").GetInt32();
    }

    public static async Task MoveLeadAsync(HttpClient operatorClient, int leadId, string status)
    {
        var response = await operatorClient.PostJsonAsync($"/api/leads/{leadId}/status", new { status });
        response.EnsureSuccessStatusCode();
    }

    public static async Task<int> CreatePackageAsync(HttpClient operatorClient, string name, decimal min = 1000, decimal max = 2000)
    {
        var response = await operatorClient.PostJsonAsync("/api/service-packages", new { name, priceMin = min, priceMax = max, currency = "USD", deliverySteps = new[] { "Kick-off", "Build" } });
        response.EnsureSuccessStatusCode();
        return (await response.ReadJsonAsync()).GetProperty("id").GetInt32();
    }

    public static Task<HttpResponseMessage> PutJsonAsync<T>(this HttpClient client, string url, T body) =>
        client.PutAsJsonAsync(url, body, ApiJson.Options);

    public static Task<HttpResponseMessage> PatchJsonAsync<T>(this HttpClient client, string url, T body) =>
        client.PatchAsJsonAsync(url, body, ApiJson.Options);

    public static Task<HttpResponseMessage> PutRawAsync(this HttpClient client, string url, string json) =>
        client.PutAsync(url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    public static IEnumerable<string> ErrorFields(JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(e => e.Name) : [];
}
