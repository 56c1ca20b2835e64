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

    [Fact]
    public async Task EmptyChat_OffersItsSuggestedQuestions_AndOneClickAsksIt()
    {
        var actor = _ctx.SignInAs(ConsoleRoles.Operator);
        var cut = _ctx.RenderWithMud<ChatPage>();

        cut.WaitForAssertion(() => cut.FindAll("button[data-testid=chat-suggestion]").Select(b => b.TextContent.Trim()).Should().Equal(ChatPage.Suggestions));
        cut.FindAll("button[data-testid=chat-suggestion]")[0].Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=chat-exchange]").Should().ContainSingle().Which.TextContent.Should().Contain("What is broken?"), TimeSpan.FromSeconds(10));
        cut.FindAll("[data-testid=chat-suggestions]").Should().BeEmpty("a conversation has started");
        (await _ctx.Service<ChatHistoryService>().ForUserAsync(actor.Id)).Select(e => e.Question).Should().Equal("What is broken?");
    }

    [Fact]
    public async Task EverySuggestedQuestion_IsAnsweredFromTheConsolesData_WithAKnownFact()
    {
        var chat = _ctx.Service<OpsChatService>();
        foreach (var question in ChatPage.Suggestions)
        {
            var answer = await chat.AskAsync(question, "user-operator");
            answer.Receipts.Known.Should().NotBeEmpty($"\"{question}\" is offered as a question the console can answer");
            answer.Receipts.Known.Should().OnlyContain(k => k.Verified, question);
        }
    }

    [Fact]
    public void ExchangeView_ShowsTheSourceLabelAndLink_NeverTheInternalKey()
    {
        var receipts = new ReceiptsView(
            [
                new KnownFactView("3 leads stuck more than 7 d", "constraint.evidence.leadsStuck", true, null, "/metrics", "Constraint evidence"),
                new KnownFactView("Made-up figure", "scorecard.won_value.month", false, "the source says 0", null),
            ],
            ["Leads wait longest in Proposal."],
            ["Nothing in the console records \"colour\"."]);
        var item = new ChatHistoryItem(1, "What is the bottleneck?", "Proposal.", "grounded", false, _ctx.Clock.GetUtcNow().UtcDateTime, receipts);

        var cut = _ctx.RenderWithMud<ChatExchangeView>(p => p.Add(v => v.Item, item).Add(v => v.Open, true));

        cut.Markup.Should().NotContain("constraint.evidence.").And.NotContain("scorecard.won_value");
        cut.FindAll("[data-testid=known-source]").Select(e => e.TextContent.Trim()).Should().Equal("Constraint evidence", "console data");
        cut.Find("a[data-testid=known-source]").GetAttribute("href").Should().Be("/metrics");
        cut.FindAll("[data-testid=known-unverified]").Should().ContainSingle().Which.TextContent.Should().Contain("not supported: the source says 0");
        cut.Find("[data-testid=chat-receipts]").HasAttribute("open").Should().BeTrue();
    }

    [Fact]
    public void ExchangeView_NotTheNewest_HasItsReceiptsFolded()
    {
        var item = new ChatHistoryItem(1, "q?", "a.", "grounded", true, _ctx.Clock.GetUtcNow().UtcDateTime, new ReceiptsView([], [], ["m"]));

        var cut = _ctx.RenderWithMud<ChatExchangeView>(p => p.Add(v => v.Item, item).Add(v => v.Open, false));

        cut.Find("[data-testid=chat-receipts]").HasAttribute("open").Should().BeFalse();
        cut.Find("[data-testid=chat-receipts-toggle]").TextContent.Should().Contain("0 known").And.Contain("1 missing");
    }
}
