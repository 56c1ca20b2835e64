using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OperatorConsole.Data.Import;
using OperatorConsole.Domain.Import;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Import;

/// <summary>The console with the demo business, for exports and search.</summary>
public sealed class DemoConsoleFactory : ConsoleFactory
{
    public DemoConsoleFactory()
    {
        SeedDemo = true;
    }
}

internal static class ImportTestSupport
{
    /// <summary>The Maven CRM sample: walking up from the test binaries to a folder holding shared/datasets/maven-crm, else /work/shared.</summary>
    public static string MavenFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "datasets", "maven-crm");
            if (File.Exists(Path.Combine(candidate, MavenCrmMapping.PipelineFile)))
            {
                return candidate;
            }
        }

        const string fallback = "/work/shared/datasets/maven-crm";
        File.Exists(Path.Combine(fallback, MavenCrmMapping.PipelineFile)).Should().BeTrue("the Maven CRM dataset must be next to the repository");
        return fallback;
    }

    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, string csv, string duplicateMode = "skip", string? mapping = null, string url = "/api/imports/leads")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "leads.csv");
        form.Add(new StringContent(duplicateMode), "duplicateMode");
        if (mapping is not null)
        {
            form.Add(new StringContent(mapping), "mapping");
        }

        return await client.PostAsync(url, form);
    }

    /// <summary>Follows a queued job on GET /api/imports/{id} until the background worker finishes it.</summary>
    public static async Task<ImportJobView> WaitForJobAsync(this HttpClient client, HttpResponseMessage accepted)
    {
        accepted.StatusCode.Should().Be(HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync());
        var job = await accepted.ReadAsync<ImportJobView>();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (job.Status is ImportJobStatus.Queued or ImportJobStatus.Running)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the import should finish");
            await Task.Delay(200);
            job = await (await client.GetAsync($"/api/imports/{job.Id}")).ReadAsync<ImportJobView>();
        }

        return job;
    }
}
