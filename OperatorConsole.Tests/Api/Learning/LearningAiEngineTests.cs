using System.Net;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Learning;

/// <summary>The AI path with a scripted chat client: a valid JSON answer is used; anything else falls back, visibly.</summary>
public sealed class LearningAiEngineTests : IAsyncLifetime
{
    private readonly ScriptedChatClient _chat = new();
    private ConsoleFactory _factory = default!;

    public Task InitializeAsync()
    {
        _factory = new ConsoleFactory { ConfigureServices = s => s.AddSingleton<IChatClient>(_chat) };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Ingest_WithAValidModelAnswer_UsesAzureOpenAi_AndFallsBackVisiblyOnAnInvalidOne()
    {
        var client = await _factory.CreateOperatorClientAsync();
        _chat.Answer = """{"proposals":[{"text":"Send the proposal within 24 hours.","evidence":"we should send it faster","class":"sales","confidence":0.82,"produced":"proposal_improvement"}]}""";

        var good = await (await client.PostJsonAsync("/api/learning/ingest", new { text = "We should send the proposal faster." })).ReadJsonAsync();

        good.GetProperty("learning").GetProperty("engine").GetString().Should().Be("azure_openai");
        var proposal = good.GetProperty("proposals").EnumerateArray().Single();
        proposal.GetProperty("engine").GetString().Should().Be("azure_openai");
        proposal.GetProperty("confidence").GetDouble().Should().Be(0.82);
        _chat.LastSystemPrompt.Should().Contain("JSON");

        _chat.Answer = "Here are some thoughts: send proposals faster!";
        var response = await client.PostJsonAsync("/api/learning/ingest", new { text = "We should send the proposal faster next time." });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var fallback = await response.ReadJsonAsync();
        fallback.GetProperty("learning").GetProperty("engine").GetString().Should().Be("built_in");
        fallback.GetProperty("learning").GetProperty("engineNote").GetString().Should().Contain("refused").And.Contain("not valid JSON").And.Contain("built-in");
        fallback.GetProperty("proposals").EnumerateArray().Should().OnlyContain(p => p.GetProperty("engine").GetString() == "built_in");

        _chat.Throw = true;
        var failed = await (await client.PostJsonAsync("/api/learning/ingest", new { text = "We should send the proposal faster next time." })).ReadJsonAsync();
        failed.GetProperty("learning").GetProperty("engineNote").GetString().Should().Contain("call failed");
    }

    private sealed class ScriptedChatClient : IChatClient
    {
        public string Answer { get; set; } = "";
        public bool Throw { get; set; }
        public string? LastSystemPrompt { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (Throw)
            {
                throw new HttpRequestException("503 from the model endpoint");
            }

            LastSystemPrompt = messages.First(m => m.Role == ChatRole.System).Text;
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, Answer)));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The learning engine does not stream.");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
