using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NJsonSchema.CodeGeneration.CSharp;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace OperatorConsole.Tests.Api.Contract;

/// <summary>
/// What an integrator does with the served document: generate a typed C# client with NSwag (the generator .NET shops
/// use), compile it with their own code, and call the API through it. The integrator's code is the scenario in
/// <c>GeneratedClient/</c>; it is compiled here, next to the freshly generated client, so a document change that
/// breaks a typed call (a renamed operation, a lost field, a changed type) is a compile error in a test.
/// </summary>
public static class GeneratedClient
{
    public const string Namespace = "OperatorConsole.Integrator";
    public const string ClassName = "ConsoleApiClient";

    public static async Task<string> GenerateAsync(string openApiJson)
    {
        var document = await NSwag.OpenApiDocument.FromJsonAsync(openApiJson);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = ClassName,
            GenerateClientInterfaces = false,
            UseBaseUrl = false,
            GenerateOptionalParameters = true,
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
            CSharpGeneratorSettings =
            {
                Namespace = Namespace,
                // NSwag's default. Its System.Text.Json output ignores [EnumMember] and sends C# names ("Email"),
                // which the strict enum rule refuses (docs/api.md says so for integrators).
                JsonLibrary = CSharpJsonLibrary.NewtonsoftJson,
                GenerateNullableReferenceTypes = true,
            },
        };
        return new CSharpClientGenerator(document, settings).GenerateFile();
    }

    /// <summary>Compiles the generated client with the scenario sources; throws with the compiler's errors.</summary>
    public static Assembly Compile(string generatedClient, IEnumerable<string> scenarioSources)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = scenarioSources.Prepend(generatedClient).Select(s => CSharpSyntaxTree.ParseText(s, parse)).ToList();
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(Newtonsoft.Json.JsonConvert).Assembly.Location)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("Integrator" + Guid.NewGuid().ToString("N"), trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (!result.Success)
        {
            throw new InvalidOperationException(
                "The client generated from /openapi/v1.json no longer compiles with the integrator's code:\n"
                + string.Join("\n", errors.Take(30).Select(e => e.ToString())));
        }

        image.Position = 0;
        return new AssemblyLoadContext("integrator", isCollectible: true).LoadFromStream(image);
    }
}
