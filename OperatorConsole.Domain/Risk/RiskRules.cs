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

        // Translations are copy, whatever folder they sit in: config/locales/views/accounts/en.yml is not the accounts code.
        new("!**/locales/**", RiskClass.UiOnly, RiskLevel.Low),

        // Example environment files document which settings a deploy needs but hold no secrets: a reviewer looks, as at
        // any configuration, without the weight of the real .env (which stays infra/high below).
        new("!**/.env.example", RiskClass.Infra, RiskLevel.Medium),
        new("!**/.env.sample", RiskClass.Infra, RiskLevel.Medium),
        new("!**/.env.template", RiskClass.Infra, RiskLevel.Medium),
        new("!**/.env.dist", RiskClass.Infra, RiskLevel.Medium),

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

        // Server-rendered markup (Rails, Spring, Express, Django/Jinja, PHP, XAML): the logic lives in the controllers and
        // models they are rendered from. A template in an auth or money flow (sessions/new.html.erb, checkout.jsp) is still
        // high through the word rules, since the riskiest match wins. Components that hold code (.razor, .cshtml, .tsx,
        // .vue, .svelte) are not markup and fall to the default.
        new("*.erb", RiskClass.UiOnly, RiskLevel.Low),
        new("*.haml", RiskClass.UiOnly, RiskLevel.Low),
        new("*.slim", RiskClass.UiOnly, RiskLevel.Low),
        new("*.jsp", RiskClass.UiOnly, RiskLevel.Low),
        new("*.html", RiskClass.UiOnly, RiskLevel.Low),
        new("*.pug", RiskClass.UiOnly, RiskLevel.Low),
        new("*.jade", RiskClass.UiOnly, RiskLevel.Low),
        new("*.hbs", RiskClass.UiOnly, RiskLevel.Low),
        new("*.handlebars", RiskClass.UiOnly, RiskLevel.Low),
        new("*.mustache", RiskClass.UiOnly, RiskLevel.Low),
        new("*.ejs", RiskClass.UiOnly, RiskLevel.Low),
        new("*.twig", RiskClass.UiOnly, RiskLevel.Low),
        new("*.jinja*", RiskClass.UiOnly, RiskLevel.Low),
        new("*.liquid", RiskClass.UiOnly, RiskLevel.Low),
        new("*.xaml", RiskClass.UiOnly, RiskLevel.Low),

        // Error and exception pages are where stack traces and internals leak: never low, whatever their file type.
        new("error|errors|exception|exceptions", RiskClass.FeatureLogic, RiskLevel.Medium),

        // Version stamps: a release bumps a string.
        new("version.rb", RiskClass.FeatureLogic, RiskLevel.Low),
        new("version.py", RiskClass.FeatureLogic, RiskLevel.Low),
        new("_version.py", RiskClass.FeatureLogic, RiskLevel.Low),
        new("version.txt", RiskClass.FeatureLogic, RiskLevel.Low),

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
        // What a finance app values and charges (holdings, valuations, fees), and the payment and tax gateways by name.
        new("valuation|holding|portfolio|fee|money|cash|fund|adyen|klarna|mollie|razorpay|avatax|taxjar", RiskClass.MoneySensitive, RiskLevel.High),

        // Auth, identity and secrets. Not "security" (a financial security in a finance app) nor "registration" (service
        // registration in .NET): both are more often something else.
        new("auth|authn|authz|authentication|authenticate|authorization|authorize|login|logout|signin|signup|sign-in|sign-up|sign-out|session|password|passwd|token|jwt|oauth|openid|saml|sso|mfa|two-factor|otp", RiskClass.AuthSecurity, RiskLevel.High),
        new("permission|role|identity|crypto|encrypt|decrypt|secret|credential|api-key|apikey|csrf|middleware|invitation", RiskClass.AuthSecurity, RiskLevel.High),
        // Users and accounts: the sign-up, profile and password code of most web apps lives in a users/ or accounts/ package
        // (Django's account app, Go and Node users/ modules, Rails users_controller). In a finance app an account holds money:
        // high either way.
        new("user|users|account|accounts", RiskClass.AuthSecurity, RiskLevel.High),
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
