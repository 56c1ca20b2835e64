using OperatorConsole.Domain.Risk;

namespace OperatorConsole.Tests.Domain.Risk;

public sealed class RiskPatternTests
{
    [Theory]
    [InlineData("TokenValidator.cs", new[] { "token", "validator", "cs" })]
    [InlineData("JWTMiddleware.cs", new[] { "jwt", "middleware", "cs" })]
    [InlineData("reset_password.html.erb", new[] { "reset", "password", "html", "erb" })]
    [InlineData("OAuth2Callback.tsx", new[] { "o", "auth", "2", "callback", "tsx" })]
    [InlineData("docker-compose.prod.yml", new[] { "docker", "compose", "prod", "yml" })]
    public void SplitWords_AtPunctuationCamelCaseAndDigits(string name, string[] words) =>
        RiskPattern.SplitWords(name).Should().Equal(words);

    [Theory]
    [InlineData("auth", "src/Web/Auth/CookieSetup.cs", true)]
    [InlineData("auth", "src/OAuthCallback.cs", true)]
    [InlineData("auth", "src/Models/Author.cs", false)]
    [InlineData("auth", "src/authorship/list.py", false)]
    [InlineData("session", "app/controllers/sessions_controller.rb", true)]
    [InlineData("password", "app/controllers/passwords_controller.rb", true)]
    [InlineData("tax", "src/syntax/highlight.js", false)]
    [InlineData("tax", "saleor/tax/utils.py", true)]
    [InlineData("tax|price", "web/PriceTag.tsx", true)]
    [InlineData("api-key", "src/Data/Access/ApiKeyService.cs", true)]
    [InlineData("api-key", "src/api_keys.ts", true)]
    [InlineData("api-key", "src/key/api.ts", false)]
    [InlineData("two-factor", "Components/Account/TwoFactor.razor", true)]
    [InlineData("docker-compose", "docker-compose.yml", true)]
    [InlineData("docker-compose", "docs/compose-docker.txt", false)]
    [InlineData("dockerfile", "services/api/Dockerfile.dev", true)]
    public void WordPatterns_MatchWholeWordsOfAnyFolderOrFileName(string pattern, string path, bool expected) =>
        RiskPattern.IsMatch(pattern, path).Should().Be(expected);

    [Theory]
    [InlineData("auth|login", true)]
    [InlineData("docker-compose", true)]
    [InlineData("*.cs", false)]
    [InlineData("infra/**", false)]
    [InlineData(".env*", false)]
    public void WordPattern_IsLettersDigitsDashUnderscoreAndBarOnly(string pattern, bool isWord) =>
        RiskPattern.IsWordPattern(pattern).Should().Be(isWord);

    [Fact]
    public void Exclusion_IsMarkedWithABang_AndMatchesItsBody()
    {
        RiskPattern.IsExclusion("!**/*.md").Should().BeTrue();
        RiskPattern.IsExclusion("**/*.md").Should().BeFalse();
        RiskPattern.IsMatch("!**/*.md", "docs/auth.md").Should().BeTrue();
        RiskPattern.IsMatch("!tests", "src/tests/AuthTests.cs").Should().BeTrue();
    }

    [Theory]
    [InlineData("!", "'!' must be followed")]
    [InlineData("auth||login", "none empty")]
    [InlineData(" ", "required")]
    public void Validate_RefusesEmptyPartsWithAReason(string pattern, string message) =>
        RiskPattern.Validate(pattern).Should().Contain(message);

    [Fact]
    public void Validate_AcceptsExclusionsWordsAndGlobs()
    {
        RiskPattern.Validate("!**/*.md").Should().BeNull();
        RiskPattern.Validate("auth|login|session").Should().BeNull();
        RiskPattern.Validate(".github/**").Should().BeNull();
    }
}
