using Bunit;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.Chat;
using OperatorConsole.Data.Semantic;
using OperatorConsole.Domain.Access;
using OperatorConsole.Web.Features.Chat;

namespace OperatorConsole.Tests.Components.Chat;

/// <summary>The chat screen: newest answer scrolled into view, input pinned, receipts folding, no internal keys, history per user.</summary>
public sealed class ChatPageTests : IDisposable
{
    private readonly ComponentTestContext _ctx = new();

    public ChatPageTests()
    {
        _ctx.Services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>, LexicalEmbeddingGenerator>();
        _ctx.Services.AddSingleton<ChatToolbox>();
        _ctx.Services.AddSingleton<OpsChatService>();
    }

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public async Task History_IsPerUser_AndOnlyTheNewestReceiptsAreOpen()
    {
        var history = _ctx.Service<ChatHistoryService>();
        var receipts = """{"known":[],"inferred":[],"missing":["nothing"]}""";
        foreach (var (user, question) in new[] { ("user-operator", "first?"), ("user-operator", "second?"), ("someone-else", "not mine?") })
        {
            await history.SaveAsync(new ChatExchange { UserId = user, Question = question, Answer = "a", ReceiptsJson = receipts, Engine = "grounded", AskedAt = _ctx.Clock.GetUtcNow().UtcDateTime });
        }

        _ctx.SignInAs(ConsoleRoles.Operator);
        var cut = _ctx.RenderWithMud<ChatPage>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=chat-exchange]").Should().HaveCount(2));
        cut.Markup.Should().Contain("first?").And.Contain("second?").And.NotContain("not mine?");
        cut.FindAll("[data-testid=chat-receipts]").Select(r => r.HasAttribute("open")).Should().Equal(false, true);
        _ctx.JSInterop.Invocations.Should().Contain(i => i.Identifier == "oc.scrollToId");
    }
}
