using System.Net;
using OperatorConsole.Domain.Access;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Foundation;

/// <summary>
/// Who may call each foundation endpoint: anonymous and bad keys get 401 problem documents (never a redirect),
/// a key without the scope or a viewer writing gets 403, and no API key ever passes an operator-only action.
/// A refused request writes nothing.
/// </summary>
public sealed class AuthMatrixTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    public static TheoryData<string> All => FoundationApi.Names(_ => true);
    public static TheoryData<string> MachineEndpoints => FoundationApi.Names(e => e.Access is Access.Read or Access.Record);
    public static TheoryData<string> RecordEndpoints => FoundationApi.Names(e => e.Access == Access.Record);
    public static TheoryData<string> ReadEndpoints => FoundationApi.Names(e => e.Access == Access.Read);
    public static TheoryData<string> PeopleOnlyEndpoints => FoundationApi.Names(e => e.Access is Access.People or Access.Operator);
    public static TheoryData<string> Writes => FoundationApi.Names(e => e.IsWrite);
    public static TheoryData<string> ViewerReads => FoundationApi.Names(e => !e.IsWrite && e.Access is Access.Read or Access.People);
    public static TheoryData<string> OperatorOnly => FoundationApi.Names(e => e.Access == Access.Operator);

    [Theory]
    [MemberData(nameof(All))]
    public async Task Anonymous_Gets401ProblemNotARedirect(string name)
    {
        var lead = await factory.CreateLeadAsync();
        var before = await factory.CountRowsAsync();

        var response = await factory.CreateAnonymousClient().SendAsync(FoundationApi.Find(name), lead.Id);

        await response.ShouldBeProblemAsync(401);
        response.Headers.Location.Should().BeNull();
        (await factory.CountRowsAsync()).Should().Be(before);
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task WrongKey_Gets401(string name)
    {
        var lead = await factory.CreateLeadAsync();
        var before = await factory.CountRowsAsync();

        var response = await factory.CreateBearerClient("oc_not_a_real_key_0000000000000000").SendAsync(FoundationApi.Find(name), lead.Id);

        await response.ShouldBeProblemAsync(401);
        (await factory.CountRowsAsync()).Should().Be(before);
    }

    [Theory]
    [MemberData(nameof(MachineEndpoints))]
    public async Task RevokedKey_Gets401_AfterWorkingBeforeRevocation(string name)
    {
        var endpoint = FoundationApi.Find(name);
        var lead = await factory.CreateLeadAsync();
        var operatorClient = await factory.CreateOperatorClientAsync();
        var created = await operatorClient.SendRawAsync("POST", "/api/api-keys", """{"name":"to revoke","scopes":["read","leads:write","touches:write","runs:write","integrations:write"]}""");
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var json = await created.ReadJsonAsync();
        var secret = json.GetProperty("secret").GetString()!;
        var keyId = json.GetProperty("key").GetProperty("id").GetInt32();
        var machine = factory.CreateBearerClient(secret);
        ((int)(await machine.SendAsync(endpoint, lead.Id)).StatusCode).Should().BeInRange(200, 299, "the key works before it is revoked");

        (await operatorClient.SendRawAsync("POST", $"/api/api-keys/{keyId}/revoke", """{"reason":"leaked"}""")).StatusCode.Should().Be(HttpStatusCode.OK);
        var before = await factory.CountRowsAsync();
        var response = await machine.SendAsync(endpoint, lead.Id);

        await response.ShouldBeProblemAsync(401);
        (await factory.CountRowsAsync()).Should().Be(before);
    }

    [Theory]
    [MemberData(nameof(RecordEndpoints))]
    public async Task KeyWithoutTheWriteScope_Gets403(string name)
    {
        var endpoint = FoundationApi.Find(name);
        var lead = await factory.CreateLeadAsync();
        var otherScopes = ApiScopes.All.Where(s => s != endpoint.Scope).ToArray();
        var client = factory.CreateBearerClient(await factory.CreateKeyAsync(otherScopes));
        var before = await factory.CountRowsAsync();

        var response = await client.SendAsync(endpoint, lead.Id);

        await response.ShouldBeProblemAsync(403);
        (await factory.CountRowsAsync()).Should().Be(before);
    }

    [Theory]
    [MemberData(nameof(RecordEndpoints))]
    public async Task KeyWithTheWriteScope_IsAllowed(string name)
    {
        var endpoint = FoundationApi.Find(name);
        var lead = await factory.CreateLeadAsync();
        var client = factory.CreateBearerClient(await factory.CreateKeyAsync(endpoint.Scope!));

        var response = await client.SendAsync(endpoint, lead.Id);

        ((int)response.StatusCode).Should().BeInRange(200, 299, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(ReadEndpoints))]
    public async Task KeyWithoutReadScope_Gets403_AndWithIt200(string name)
    {
        var endpoint = FoundationApi.Find(name);
        var lead = await factory.CreateLeadAsync();
        var writer = factory.CreateBearerClient(await factory.CreateKeyAsync(ApiScopes.LeadsWrite, ApiScopes.RunsWrite));
        var reader = factory.CreateBearerClient(await factory.CreateKeyAsync(ApiScopes.Read));

        await (await writer.SendAsync(endpoint, lead.Id)).ShouldBeProblemAsync(403);
        (await reader.SendAsync(endpoint, lead.Id)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(PeopleOnlyEndpoints))]
    public async Task ApiKeyWithEveryScope_CannotDoPeopleOrOperatorThings(string name)
    {
        var lead = await factory.CreateLeadAsync();
        var before = await factory.CountRowsAsync();

        var response = await factory.CreateAgentClient().SendAsync(FoundationApi.Find(name), lead.Id);

        await response.ShouldBeProblemAsync(403);
        (await factory.CountRowsAsync()).Should().Be(before);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Viewer_CannotWrite(string name)
    {
        var lead = await factory.CreateLeadAsync();
        var viewer = await factory.CreateViewerClientAsync();
        var before = await factory.CountRowsAsync();

        var response = await viewer.SendAsync(FoundationApi.Find(name), lead.Id);

        await response.ShouldBeProblemAsync(403);
        response.Headers.Location.Should().BeNull();
        (await factory.CountRowsAsync()).Should().Be(before);
    }

    [Theory]
    [MemberData(nameof(ViewerReads))]
    public async Task Viewer_CanRead(string name)
    {
        var lead = await factory.CreateLeadAsync();
        var viewer = await factory.CreateViewerClientAsync();

        var response = await viewer.SendAsync(FoundationApi.Find(name), lead.Id);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(OperatorOnly))]
    public async Task Operator_CanDoOperatorOnlyThings(string name)
    {
        var lead = await factory.CreateLeadAsync();
        var client = await factory.CreateOperatorClientAsync();

        var response = await client.SendAsync(FoundationApi.Find(name), lead.Id);

        ((int)response.StatusCode).Should().BeInRange(200, 299, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Viewer_CannotReadTheAuditLogOrKeys()
    {
        var viewer = await factory.CreateViewerClientAsync();

        await (await viewer.GetAsync("/api/audit")).ShouldBeProblemAsync(403);
        await (await viewer.GetAsync("/api/api-keys")).ShouldBeProblemAsync(403);
    }

    [Fact]
    public async Task ApiKeyCannotRevokeKeys_EvenItsOwn()
    {
        var before = await factory.CountRowsAsync();

        var response = await factory.CreateAgentClient().SendRawAsync("POST", "/api/api-keys/1/revoke", "{}");

        await response.ShouldBeProblemAsync(403);
        (await factory.CountRowsAsync()).Should().Be(before);
    }
}
