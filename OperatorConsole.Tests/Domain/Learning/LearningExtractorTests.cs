using OperatorConsole.Domain.Learning;

namespace OperatorConsole.Tests.Domain.Learning;

public sealed class LearningExtractorTests
{
    private static readonly string Transcript = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "learning", "discovery-call.vtt"));

    [Fact]
    public void ToPlainText_OnWebVtt_DropsTimingsIdsAndNotesAndKeepsSpeakers()
    {
        var text = TranscriptText.ToPlainText(Transcript);

        text.Should().NotContain("-->").And.NotContain("WEBVTT").And.NotContain("recorded with consent").And.NotContain("<v");
        text.Should().Contain("Dave: Sure. Our estimators measure the roof");
    }

    [Fact]
    public void Extract_OnTheSampleTranscript_FindsTheLessons()
    {
        var proposals = LearningExtractor.Extract(Transcript);

        proposals.Should().Contain(p => p.Text.Contains("discount on the first call") && p.Class == LearningClass.Sales && p.Rule!.Contains("didnt_work"));
        proposals.Should().Contain(p => p.Text.Contains("own Gmail account") && p.Rule!.Contains("client_asked"));
        proposals.Should().Contain(p => p.Text.Contains("retainer") && p.Produced == ProducedTag.SalesObjectionScript);
        proposals.Should().Contain(p => p.Text.Contains("case study") && p.Produced == ProducedTag.CaseStudy);
        proposals.Should().Contain(p => p.Text.Contains("send the proposal within 24 hours") && p.Class == LearningClass.Sales);
    }

    [Fact]
    public void Extract_IgnoresSmallTalkWithoutALessonSignal()
    {
        var proposals = LearningExtractor.Extract(Transcript);

        proposals.Should().NotContain(p => p.Text.Contains("weather"));
        proposals.Should().NotContain(p => p.Text.Contains("walk me through"));
    }

    [Fact]
    public void Extract_IsHonest_EveryConfidenceIsLowAndTheEvidenceNamesTheSpeaker()
    {
        var proposals = LearningExtractor.Extract(Transcript);

        proposals.Should().NotBeEmpty();
        proposals.Should().OnlyContain(p => p.Confidence > 0 && p.Confidence <= LearningExtractor.MaxConfidence && p.Confidence < 0.6);
        proposals.Should().Contain(p => p.Evidence!.StartsWith("Dave: ", StringComparison.Ordinal));
        proposals.Should().OnlyContain(p => !p.Text.StartsWith("Dave:", StringComparison.Ordinal) && !p.Text.StartsWith("Alex:", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_OnMarkdownPostMortem_ClassifiesByTopic()
    {
        var proposals = LearningExtractor.Extract("""
            # Post-mortem
            - The client kept adding extra features in the last sprint; scope creep cost us four unpaid days.
            - Lesson: the model hallucinated ticket numbers until we added the ticket id to the prompt.
            """);

        proposals.Should().Contain(p => p.Text.StartsWith("The client kept adding") && p.Class == LearningClass.Delivery);
        proposals.Should().Contain(p => p.Text.StartsWith("Lesson: the model") && p.Class == LearningClass.Ai);
    }

    [Fact]
    public void Extract_OnTextWithoutLessons_ReturnsNothing()
    {
        LearningExtractor.Extract("Hello there. The weather is nice today. See you on Monday.").Should().BeEmpty();
    }
}

public sealed class LearningExtractorLabelTests
{
    [Theory]
    [InlineData("Lesson: the onboarding checklist was missing the credentials step.")]
    [InlineData("Next time: send the proposal the same day as the discovery call.")]
    public void Extract_ALabelLikeLessonIsNotASpeaker_AndKeepsItsSignal(string line)
    {
        var proposal = LearningExtractor.Extract(line).Should().ContainSingle().Subject;

        proposal.Text.Should().Be(line);
    }
}
