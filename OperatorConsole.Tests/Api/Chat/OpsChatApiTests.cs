using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Chat;

public sealed class OpsChatApiTests(OpsChatApiTests.DemoFactory factory) : IClassFixture<OpsChatApiTests.DemoFactory>
{
    public sealed class DemoFactory : ConsoleFactory
    {
        public DemoFactory() => SeedDemo = true;
    }

    public static TheoryData<string> OperatorQuestions =>
    [
        "What is broken?",
        "Who is stale?",
        "What is the bottleneck and why?",
        "How much did we win?",
        "Which clients are off target?",
        "What is waiting for me?",
        "What changed since yesterday?",
    ];

    [Theory]
    [MemberData(nameof(OperatorQuestions))]
    public async Task GroundedEngine_AnswersWithReceiptsWhoseSourcesResolve(string question)
    {
        var client = await factory.CreateOperatorClientAsync();

        var response = await client.PostJsonAsync("/api/ops/chat", new { question });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = await response.ReadJsonAsync();
        json.GetProperty("engine").GetString().Should().Be("grounded");
        var known = json.GetProperty("receipts").GetProperty("known").EnumerateArray().ToList();
        known.Should().NotBeEmpty();
        known.Should().OnlyContain(k => k.GetProperty("verified").GetBoolean());
        json.GetProperty("receipts").TryGetProperty("inferred", out _).Should().BeTrue();
        json.GetProperty("receipts").TryGetProperty("missing", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Chat_EmptyQuestion_Is422_AndApiKeyIs403_AndViewerMayAsk()
    {
        var client = await factory.CreateOperatorClientAsync();
        (await client.PostJsonAsync("/api/ops/chat", new { question = "  " })).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await factory.CreateAgentClient().PostJsonAsync("/api/ops/chat", new { question = "What is broken?" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var viewer = await factory.CreateViewerClientAsync();
        (await viewer.PostJsonAsync("/api/ops/chat", new { question = "What is broken?" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var history = await (await viewer.GetAsync("/api/ops/chat/history")).ReadJsonAsync();
        history.EnumerateArray().Should().Contain(h => h.GetProperty("question").GetString() == "What is broken?");
    }

    [Fact]
    public async Task AzurePath_WithAFakeChatClient_ParsesAndChecksTheModelsReceipts()
    {
        using var azure = new ConsoleFactory
        {
            SeedDemo = true,
            ConfigureServices = services => services.AddSingleton<IChatClient>(new FakeModel(
                "Two integrations are broken.\nRECEIPTS: {\"known\":[{\"fact\":\"2 of 4 integrations are broken or silent\",\"source\":\"integrations.broken\"}," +
                "{\"fact\":\"97 integrations are broken\",\"source\":\"integrations.broken\"}],\"inferred\":[\"Fix the CRM token first\"],\"missing\":[]}")),
        };
        var client = await azure.CreateOperatorClientAsync();

        var json = await (await client.PostJsonAsync("/api/ops/chat", new { question = "What is broken?" })).ReadJsonAsync();

        json.GetProperty("engine").GetString().Should().Be("azure_openai");
        json.GetProperty("answer").GetString().Should().Be("Two integrations are broken.");
        var known = json.GetProperty("receipts").GetProperty("known").EnumerateArray().ToList();
        known.Should().HaveCount(2);
        known[0].GetProperty("verified").GetBoolean().Should().BeTrue();
        known[1].GetProperty("verified").GetBoolean().Should().BeFalse("the deliberately wrong number is not in the source");
        json.GetProperty("receipts").GetProperty("inferred")[0].GetString().Should().Be("Fix the CRM token first");
    }

    [Fact]
    public void WhenAzureOpenAIIsConfigured_TheRealAzureClientIsWiredAsTheChatClient()
    {
        using var configured = new ConsoleFactory();
        configured.Settings["Chat:AzureOpenAI:Endpoint"] = "https://contoso-test.openai.azure.com/";
        configured.Settings["Chat:AzureOpenAI:Deployment"] = "gpt-4o-mini";
        configured.Settings["Chat:AzureOpenAI:ApiKey"] = "not-a-real-key";

        var client = configured.Services.GetRequiredService<IChatClient>();

        // Building the client contacts nothing; it is the Azure OpenAI SDK behind Microsoft.Extensions.AI.
        var metadata = client.GetService<ChatClientMetadata>();
        metadata.Should().NotBeNull();
        metadata!.ProviderUri!.Host.Should().Be("contoso-test.openai.azure.com");
        metadata.DefaultModelId.Should().Be("gpt-4o-mini");
        configured.Services.GetRequiredService<OperatorConsole.Web.Features.Chat.OpsChatService>().UsesModel.Should().BeTrue();
        factory.Services.GetService<IChatClient>().Should().BeNull("without configuration the built-in grounded engine answers");
    }

    private sealed class FakeModel(string reply) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, reply)));

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var chunk in reply.Chunk(16))
            {
                await Task.Yield();
                yield return new ChatResponseUpdate(ChatRole.Assistant, new string(chunk));
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
