using OperatorConsole.Domain.BuildOps;
using OperatorConsole.Domain.Common;

namespace OperatorConsole.Domain.Risk;

/// <summary>
/// The default rules (v2, issue 17: .NET, Node/TS, Python/Django, Rails, Go, Java and infra) and the checks an edited
/// list must pass. Configuration (section <c>RiskRules</c>) may replace them; operators edit them in Settings.
/// Measured against a labelled corpus of real commits: docs/features/risk-classifier.md.
/// </summary>
public static class RiskRules
{
    public const int MaxRules = 200;

    public static IReadOnlyList<RiskRule> Defaults { get; } =
    [
        // Exclusions: documentation, tests and fixtures are taken out of every other rule (docs/auth.md is low).
        new("!**/*.md", RiskClass.UiOnly, RiskLevel.Low),
        new("!**/*.mdx", RiskClass.UiOnly, RiskLevel.Low),
        new("!**/*.rst", RiskClass.UiOnly, RiskLevel.Low),
        new("!**/docs/**", RiskClass.UiOnly, RiskLevel.Low),
        new("!**/README*", RiskClass.UiOnly, RiskLevel.Low),
        new("!**/CHANGELOG*", RiskClass.UiOnly, RiskLevel.Low),
        new("!**/LICENSE*", RiskClass.UiOnly, RiskLevel.Low),
        new("!**/.changeset/**", RiskClass.UiOnly, RiskLevel.Low),
        new("!**/test/**", RiskClass.FeatureLogic, RiskLevel.Low),
        new("!**/tests/**", RiskClass.FeatureLogic, RiskLevel.Low),
        new("!**/spec/**", RiskClass.FeatureLogic, RiskLevel.Low),
        new("!**/__tests__/**", RiskClass.FeatureLogic, RiskLevel.Low),
        new("!**/*.Tests/**", RiskClass.FeatureLogic, RiskLevel.Low),
        new("!**/*.test.*", RiskClass.FeatureLogic, RiskLevel.Low),
        new("!**/*.spec.*", RiskClass.FeatureLogic, RiskLevel.Low),
        new("!**/*_test.go", RiskClass.FeatureLogic, RiskLevel.Low),
        new("!**/*_test.py", RiskClass.FeatureLogic, RiskLevel.Low),
        new("!**/test_*.py", RiskClass.FeatureLogic, RiskLevel.Low),
        new("!**/conftest.py", RiskClass.FeatureLogic, RiskLevel.Low),
        new("!**/*_test.rb", RiskClass.FeatureLogic, RiskLevel.Low),
        new("!**/*_spec.rb", RiskClass.FeatureLogic, RiskLevel.Low),
        new("!**/*Test.java", RiskClass.FeatureLogic, RiskLevel.Low),
        new("!**/*Tests.java", RiskClass.FeatureLogic, RiskLevel.Low),
        new("!**/*Tests.cs", RiskClass.FeatureLogic, RiskLevel.Low),
        new("!**/fixtures/**", RiskClass.FeatureLogic, RiskLevel.Low),
        new("!**/testdata/**", RiskClass.FeatureLogic, RiskLevel.Low),

        // UI that holds no logic: styles, images, fonts, translations. Components and templates hold logic: they fall to the default (medium).
        new("*.css", RiskClass.UiOnly, RiskLevel.Low),
        new("*.scss", RiskClass.UiOnly, RiskLevel.Low),
        new("*.sass", RiskClass.UiOnly, RiskLevel.Low),
        new("*.less", RiskClass.UiOnly, RiskLevel.Low),
        new("*.svg", RiskClass.UiOnly, RiskLevel.Low),
        new("*.png", RiskClass.UiOnly, RiskLevel.Low),
        new("*.jpg", RiskClass.UiOnly, RiskLevel.Low),
        new("*.jpeg", RiskClass.UiOnly, RiskLevel.Low),
        new("*.gif", RiskClass.UiOnly, RiskLevel.Low),
        new("*.ico", RiskClass.UiOnly, RiskLevel.Low),
        new("*.woff*", RiskClass.UiOnly, RiskLevel.Low),
        new("**/locales/**", RiskClass.UiOnly, RiskLevel.Low),

        // Pipeline code: the automated runs that touch every lead.
        new("**/pipeline/**", RiskClass.PipelineLogic, RiskLevel.Medium),
        new("**/pipelines/**", RiskClass.PipelineLogic, RiskLevel.Medium),
        new("**/*Pipeline*", RiskClass.PipelineLogic, RiskLevel.Medium),

        // Dependencies and build files: a reviewer looks, CI catches most breakage.
        new("Gemfile*", RiskClass.Infra, RiskLevel.Medium),
        new("package.json", RiskClass.Infra, RiskLevel.Medium),
        new("*.lock", RiskClass.Infra, RiskLevel.Medium),
        new("package-lock.json", RiskClass.Infra, RiskLevel.Medium),
        new("pnpm-lock.yaml", RiskClass.Infra, RiskLevel.Medium),
        new("pom.xml", RiskClass.Infra, RiskLevel.Medium),
        new("build.gradle*", RiskClass.Infra, RiskLevel.Medium),
        new("go.mod", RiskClass.Infra, RiskLevel.Medium),
        new("go.sum", RiskClass.Infra, RiskLevel.Medium),
        new("requirements*.txt", RiskClass.Infra, RiskLevel.Medium),
        new("pyproject.toml", RiskClass.Infra, RiskLevel.Medium),
        new("*.csproj", RiskClass.Infra, RiskLevel.Medium),
        new("Directory.*.props", RiskClass.Infra, RiskLevel.Medium),
        new("*.sln", RiskClass.Infra, RiskLevel.Medium),

        // Money: names and folders anywhere in the path (word patterns). Not "transaction": it names database transactions
        // as often as payments.
        new("payment|billing|invoice|checkout|price|pricing|stripe|paypal|braintree|balance|ledger|refund|subscription|payout|discount|voucher|coupon|promotion|tax|gift-card|giftcard|wallet|currency", RiskClass.MoneySensitive, RiskLevel.High),

        // Auth, identity and secrets. Not "security" (a financial security in a finance app) nor "registration" (service
        // registration in .NET): both are more often something else.
        new("auth|authn|authz|authentication|authenticate|authorization|authorize|login|logout|signin|signup|sign-in|sign-up|sign-out|session|password|passwd|token|jwt|oauth|openid|saml|sso|mfa|two-factor|otp", RiskClass.AuthSecurity, RiskLevel.High),
        new("permission|role|identity|crypto|encrypt|decrypt|secret|credential|api-key|apikey|csrf|middleware|invitation", RiskClass.AuthSecurity, RiskLevel.High),
        new("appsettings*.json", RiskClass.AuthSecurity, RiskLevel.High),
        new("*.pem", RiskClass.AuthSecurity, RiskLevel.High),
        new("*.key", RiskClass.AuthSecurity, RiskLevel.High),
        new("*.pfx", RiskClass.AuthSecurity, RiskLevel.High),

        // Human gates: approval, the risk rules, deployment.
        new("approval|approve|gate|risk", RiskClass.AuthSecurity, RiskLevel.High),
        new("deploy|deployment", RiskClass.Infra, RiskLevel.High),

        // Infrastructure and delivery: environment, containers, orchestration, CI, production configuration, database schema.
        new(".env*", RiskClass.Infra, RiskLevel.High),
        new("*.env", RiskClass.Infra, RiskLevel.High),
        new("dockerfile|docker-compose", RiskClass.Infra, RiskLevel.High),
        new("compose.y*ml", RiskClass.Infra, RiskLevel.High),
        new(".dockerignore", RiskClass.Infra, RiskLevel.High),
        new("infra/**", RiskClass.Infra, RiskLevel.High),
        new("k8s/**", RiskClass.Infra, RiskLevel.High),
        new("kubernetes/**", RiskClass.Infra, RiskLevel.High),
        new("helm/**", RiskClass.Infra, RiskLevel.High),
        new("Chart.yaml", RiskClass.Infra, RiskLevel.High),
        new("terraform/**", RiskClass.Infra, RiskLevel.High),
        new("*.tf", RiskClass.Infra, RiskLevel.High),
        new("*.tfvars", RiskClass.Infra, RiskLevel.High),
        new("*.bicep", RiskClass.Infra, RiskLevel.High),
        new("Procfile", RiskClass.Infra, RiskLevel.High),
        new("fly.toml", RiskClass.Infra, RiskLevel.High),
        new("render.yaml", RiskClass.Infra, RiskLevel.High),
        new("*build*.sh", RiskClass.Infra, RiskLevel.High),
        new(".github/**", RiskClass.Infra, RiskLevel.High),
        new(".ci/**", RiskClass.Infra, RiskLevel.High),
        new(".gitlab-ci.yml", RiskClass.Infra, RiskLevel.High),
        new(".travis.yml", RiskClass.Infra, RiskLevel.High),
        new("Jenkinsfile", RiskClass.Infra, RiskLevel.High),
        new(".circleci/**", RiskClass.Infra, RiskLevel.High),
        new("azure-pipelines*.yml", RiskClass.Infra, RiskLevel.High),
        new("bitbucket-pipelines.yml", RiskClass.Infra, RiskLevel.High),
        new(".buildkite/**", RiskClass.Infra, RiskLevel.High),
        new(".drone.yml", RiskClass.Infra, RiskLevel.High),
        new("appveyor.yml", RiskClass.Infra, RiskLevel.High),
        new("cloudbuild.yaml", RiskClass.Infra, RiskLevel.High),
        new("*production*", RiskClass.Infra, RiskLevel.High),
        new("application*.properties", RiskClass.Infra, RiskLevel.High),
        new("application*.yml", RiskClass.Infra, RiskLevel.High),
        new("settings.py", RiskClass.Infra, RiskLevel.High),
        new("settings/*.py", RiskClass.Infra, RiskLevel.High),
        new("wsgi|asgi", RiskClass.Infra, RiskLevel.High),
        new("database.yml", RiskClass.Infra, RiskLevel.High),
        new("migrations/**", RiskClass.Infra, RiskLevel.High),
        new("migrate/**", RiskClass.Infra, RiskLevel.High),
        new("db/**", RiskClass.Infra, RiskLevel.High),
        new("schema.rb", RiskClass.Infra, RiskLevel.High),
        new("structure.sql", RiskClass.Infra, RiskLevel.High),
        new("*.sql", RiskClass.Infra, RiskLevel.High),
    ];

    /// <summary>Field errors keyed "rules[3].pattern" so the editor can point at the row.</summary>
    public static ValidationErrors Validate(IReadOnlyList<RiskRule>? rules)
    {
        var errors = new ValidationErrors();
        if (rules is null)
        {
            return errors.Add("rules", "'rules' is required.");
        }

        if (rules.Count > MaxRules)
        {
            errors.Add("rules", $"At most {MaxRules} rules.");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (rule is null)
            {
                errors.Add($"rules[{i}]", "A rule is required.");
                continue;
            }

            if (RiskPattern.Validate(rule.Pattern) is { } problem)
            {
                errors.Add($"rules[{i}].pattern", problem);
            }
            else if (!seen.Add(rule.Pattern.Trim()))
            {
                errors.Add($"rules[{i}].pattern", $"'{rule.Pattern.Trim()}' is already an earlier rule; a second one could never be reported.");
            }

            errors.Defined($"rules[{i}].class", (RiskClass?)rule.Class).Defined($"rules[{i}].level", (RiskLevel?)rule.Level);
        }

        return errors;
    }

    /// <summary>Trims the patterns; the stored list is what the operator saw.</summary>
    public static IReadOnlyList<RiskRule> Clean(IReadOnlyList<RiskRule> rules) =>
        rules.Select(r => r with { Pattern = r.Pattern.Trim() }).ToList();
}
