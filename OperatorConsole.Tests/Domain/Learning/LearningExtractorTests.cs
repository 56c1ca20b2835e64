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
    public void Find_OnTheSampleTranscript_FindsTheLessonSentences()
    {
        var candidates = LearningExtractor.Find(Transcript);

        candidates.Should().Contain(p => p.Text.Contains("discount on the first call") && p.Rule.Contains("didnt_work"));
        candidates.Should().Contain(p => p.Text.Contains("own Gmail account") && p.Rule.Contains("client_asked"));
        candidates.Should().Contain(p => p.Text.Contains("retainer") && p.Rule.Contains("objection"));
        candidates.Should().Contain(p => p.Text.Contains("case study"));
        candidates.Should().Contain(p => p.Text.Contains("send the proposal within 24 hours"));
    }

    [Fact]
    public void Extract_IgnoresSmallTalkWithoutALessonSignal()
    {
        var proposals = LearningExtractor.Find(Transcript);

        proposals.Should().NotContain(p => p.Text.Contains("weather"));
        proposals.Should().NotContain(p => p.Text.Contains("walk me through"));
    }

    [Fact]
    public void Find_KeepsTheSpeakerInTheEvidenceButNotInTheText()
    {
        var candidates = LearningExtractor.Find(Transcript);

        candidates.Should().Contain(p => p.Evidence!.StartsWith("Dave: ", StringComparison.Ordinal));
        candidates.Should().OnlyContain(p => !p.Text.StartsWith("Dave:", StringComparison.Ordinal) && !p.Text.StartsWith("Alex:", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_OnTextWithoutLessons_ReturnsNothing()
    {
        LearningExtractor.Find("Hello there. The weather is nice today. See you on Monday.").Should().BeEmpty();
    }
}

public sealed class LearningExtractorLabelTests
{
    [Theory]
    [InlineData("Lesson: the onboarding checklist was missing the credentials step.")]
    [InlineData("Next time: send the proposal the same day as the discovery call.")]
    public void Extract_ALabelLikeLessonIsNotASpeaker_AndKeepsItsSignal(string line)
    {
        var proposal = LearningExtractor.Find(line).Should().ContainSingle().Subject;

        proposal.Text.Should().Be(line);
    }
}
