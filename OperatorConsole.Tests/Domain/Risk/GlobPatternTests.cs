using OperatorConsole.Domain.Risk;

namespace OperatorConsole.Tests.Domain.Risk;

public sealed class GlobPatternTests
{
    [Theory]
    // '*' stays inside one segment; patterns float to any folder.
    [InlineData("*.razor", "Pages/Home.razor", true)]
    [InlineData("*.razor", "Home.razor", true)]
    [InlineData("*.razor", "Home.razor.cs", false)]
    [InlineData("*.css", "src/Web/wwwroot/app.css", true)]
    [InlineData("src/*.cs", "src/a/b.cs", false)]
    [InlineData("src/*.cs", "src/b.cs", true)]
    // '?' is exactly one character, never '/'.
    [InlineData("v?.json", "v1.json", true)]
    [InlineData("v?.json", "v10.json", false)]
    [InlineData("a?b", "a/b", false)]
    // '**' is zero or more whole segments.
    [InlineData("**/pipeline/**", "pipeline/run.cs", true)]
    [InlineData("**/pipeline/**", "src/Data/Pipeline/Steps/Run.cs", true)]
    [InlineData("**/pipeline/**", "src/pipelines/Run.cs", false)]
    [InlineData("src/**/Run.cs", "src/Run.cs", true)]
    [InlineData("src/**/Run.cs", "src/a/b/c/Run.cs", true)]
    [InlineData("wwwroot/**", "src/Web/wwwroot/js/app.js", true)]
    [InlineData("infra/**", "infra/main.bicep", true)]
    [InlineData("infra/**", "infrastructure/main.bicep", false)]
    // A leading '/' anchors at the repository root.
    [InlineData("/infra/**", "infra/main.tf", true)]
    [InlineData("/infra/**", "deploy/infra/main.tf", false)]
    // A matched folder covers what is inside it (like .gitignore).
    [InlineData("*billing*", "src/Billing/Plans.cs", true)]
    [InlineData("*billing*", "src/BillingService.cs", true)]
    [InlineData("auth", "src/Web/Auth/Handler.cs", true)]
    [InlineData("auth", "src/Web/Author.cs", false)]
    [InlineData("Dockerfile", "Dockerfile", true)]
    [InlineData("Dockerfile", "build/Dockerfile", true)]
    [InlineData("Dockerfile", "Dockerfile.dev", false)]
    [InlineData(".github/**", ".github/workflows/ci.yml", true)]
    [InlineData("appsettings*.json", "src/Web/appsettings.Production.json", true)]
    [InlineData("appsettings*.json", "src/Web/appsettings.json", true)]
    [InlineData("appsettings*.json", "src/Web/appsettings.json.bak", false)]
    // Case-insensitive, and separators normalised on both sides.
    [InlineData("*.RAZOR", "pages/home.razor", true)]
    [InlineData("**/*Pipeline*", "SRC\\Runs\\PIPELINERUNNER.cs", true)]
    [InlineData("Components\\**", "src/Web/components/Nav.razor", true)]
    [InlineData("*.tf", "./deploy//main.tf", true)]
    [InlineData("*.tf", "/deploy/main.tf", true)]
    // Several stars and stars at the ends.
    [InlineData("*a*b*c*", "xxaxxbxxcxx", true)]
    [InlineData("*a*b*c*", "xxaxxcxxbxx", false)]
    [InlineData("a*", "a", true)]
    [InlineData("*", "anything/at/all.cs", true)]
    public void IsMatch_FollowsTheDocumentedRules(string pattern, string path, bool expected) =>
        GlobPattern.IsMatch(pattern, path).Should().Be(expected, $"'{pattern}' vs '{path}'");

    [Theory]
    [InlineData(" ./src\\Web//x.cs ", "src/Web/x.cs")]
    [InlineData("/a/b", "a/b")]
    [InlineData("", "")]
    public void NormalizePath_UsesForwardSlashesWithoutLeadingOrDoubledSeparators(string path, string expected) =>
        GlobPattern.NormalizePath(path).Should().Be(expected);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("/")]
    [InlineData("//")]
    public void Validate_RejectsEmptyPatterns(string pattern) => GlobPattern.Validate(pattern).Should().NotBeNull();

    [Fact]
    public void Validate_AcceptsAnOrdinaryPattern() => GlobPattern.Validate("src/**/*.cs").Should().BeNull();

    [Fact]
    public void IsMatch_ManyStarsOnALongPath_IsStillAnswered()
    {
        // Would take exponential time with naive backtracking; the segment table keeps it polynomial.
        var pattern = string.Join('/', Enumerable.Repeat("**", 30)) + "/x*x*x*x*x*x*x*y";
        var path = string.Join('/', Enumerable.Repeat("a", 40)) + "/" + new string('x', 60);
        GlobPattern.IsMatch(pattern, path).Should().BeFalse();
    }
}
