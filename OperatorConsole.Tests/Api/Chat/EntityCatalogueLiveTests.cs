using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Tests.Infrastructure;
using OperatorConsole.Web.Features.Chat;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Tests.Api.Chat;

/// <summary>The chat's entity catalogue is shared between questions and rebuilt when a lead changes, not before.</summary>
public sealed class EntityCatalogueLiveTests : IDisposable
{
    private readonly ConsoleFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ANewLead_IsKnownToTheNextQuestion_AndQuestionsInBetweenReuseTheCatalogue()
    {
        var client = await _factory.CreateOperatorClientAsync();
        var queries = _factory.Services.GetRequiredService<LiveQueries>();
        const string question = "What stage is Zanzibar Widgets Rollout in?";

        var before = await (await client.PostJsonAsync("/api/ops/chat", new { question })).ReadJsonAsync();
        await (await client.PostJsonAsync("/api/ops/chat", new { question = "How many leads are in each stage?" })).ReadJsonAsync();
        var computed = queries.Computations(LiveEntityCatalogue.Query);
        (await _factory.CreateAgentClient().PostJsonAsync("/api/leads", new { title = "Zanzibar Widgets Rollout", company = "Zanzibar Widgets" })).EnsureSuccessStatusCode();
        // The change reaches the live layer through the event stream; give it a moment, as a person typing would.
        var answer = "";
        for (var attempt = 0; attempt < 20 && !answer.Contains("is in New", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(attempt == 0 ? 0 : 250);
            answer = (await (await client.PostJsonAsync("/api/ops/chat", new { question })).ReadJsonAsync()).GetProperty("answer").GetString()!;
        }

        computed.Should().Be(1, "two questions with no change in between read one catalogue");
        queries.Computations(LiveEntityCatalogue.Query).Should().BeGreaterThanOrEqualTo(2, "the new lead rebuilt it");
        before.GetProperty("receipts").GetProperty("known").GetArrayLength().Should().Be(0);
        answer.Should().Contain("is in New");
    }
}
