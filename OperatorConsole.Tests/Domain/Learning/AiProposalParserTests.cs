using OperatorConsole.Domain.Learning;

namespace OperatorConsole.Tests.Domain.Learning;

public sealed class AiProposalParserTests
{
    [Fact]
    public void Parse_ValidAnswer_ReturnsTheProposals()
    {
        var result = AiProposalParser.Parse("""
            {"proposals":[{"text":"Send the proposal within 24 hours.","evidence":"we should send…","class":"sales","confidence":0.82,"produced":"proposal_improvement"}]}
            """);

        result.Ok.Should().BeTrue();
        result.Proposals.Should().ContainSingle().Which.Should().Be(
            new ExtractedProposal("Send the proposal within 24 hours.", "we should send…", LearningClass.Sales, 0.82, ProducedTag.ProposalImprovement, null));
    }

    [Fact]
    public void Parse_AnswerInACodeFence_IsAccepted()
    {
        AiProposalParser.Parse("```json\n{\"proposals\":[{\"text\":\"t\",\"class\":\"ai\",\"confidence\":0.7}]}\n```").Ok.Should().BeTrue();
    }

    [Theory]
    [InlineData("Sure! Here are the proposals: …", "not valid JSON")]
    [InlineData("{\"items\":[]}", "no \"proposals\" array")]
    [InlineData("{\"proposals\":[{\"text\":\"t\",\"class\":\"marketing\",\"confidence\":0.5}]}", "\"class\"")]
    [InlineData("{\"proposals\":[{\"text\":\"t\",\"class\":\"sales\",\"confidence\":1.5}]}", "\"confidence\"")]
    [InlineData("{\"proposals\":[{\"text\":\"t\",\"class\":\"sales\",\"confidence\":\"high\"}]}", "\"confidence\"")]
    [InlineData("{\"proposals\":[{\"class\":\"sales\",\"confidence\":0.5}]}", "\"text\"")]
    [InlineData("{\"proposals\":[{\"text\":\"t\",\"class\":\"sales\",\"confidence\":0.5,\"produced\":\"webinar\"}]}", "\"produced\"")]
    [InlineData("", "empty")]
    public void Parse_InvalidAnswer_IsRefusedWithTheReason(string answer, string reason)
    {
        var result = AiProposalParser.Parse(answer);

        result.Ok.Should().BeFalse();
        result.Proposals.Should().BeEmpty();
        result.Error.Should().Contain(reason);
    }
}
