using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.Proposals;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Tests.Infrastructure;
using static OperatorConsole.Tests.Api.Proposals.ProposalTestData;

namespace OperatorConsole.Tests.Api.Proposals;

/// <summary>The console with a chat client registered, as when Azure OpenAI is configured.</summary>
public sealed class AiDraftFactory : ConsoleFactory
{
    public AiDraftFactory()
    {
        ConfigureServices = services => services.AddSingleton<IChatClient>(new CannedChatClient());
    }
}

public sealed class AiDraftTests(AiDraftFactory factory) : IClassFixture<AiDraftFactory>
{
    [Fact]
    public async Task AiDraft_WhenConfigured_SavesADraftOnlyMarkedAzureOpenAI_AndRequestsNothing()
    {
        var op = await factory.CreateOperatorClientAsync();
        var lead = await CreateLeadAsync(op);

        var response = await op.PostJsonAsync($"/api/leads/{lead.Id}/proposals/ai-draft", new { instructions = "Keep it short" });

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var draft = await response.ReadAsync<ProposalDetail>();
        draft.Status.Should().Be(ProposalStatus.Draft);
        draft.Body.Should().Be(CannedChatClient.Text);
        draft.Versions.Single().Origin.Should().Be(ProposalOrigins.AzureOpenAi);
        draft.SendApproval.Should().BeNull();
        await using var db = factory.CreateDbContext();
        (await db.Set<ApprovalRequest>().CountAsync(a => a.LeadId == lead.Id)).Should().Be(0);
    }
}

internal sealed class CannedChatClient : IChatClient
{
    public const string Text = "Problem: manual intake.\nOutcome: half the hours.\nPrice: 12,000 USD.";

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, Text)));

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The proposal drafter does not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
