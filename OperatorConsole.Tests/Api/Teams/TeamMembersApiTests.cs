using System.Net;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Tests.Api.Foundation;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Teams;

/// <summary>
/// PUT /api/team-members: an operator puts a deal owner in a team (manager, office), matched by name with case and
/// spacing ignored; people who only read, and machines, cannot; a bad body writes nothing.
/// </summary>
public sealed class TeamMembersApiTests(TeamMembersApiTests.OwnFactory factory) : IClassFixture<TeamMembersApiTests.OwnFactory>
{
    /// <summary>A database of its own: the member counts below are exact.</summary>
    public sealed class OwnFactory : ConsoleFactory;

    [Fact]
    public async Task AnOperator_SetsATeam_ByName_AndASecondSpellingUpdatesTheSameMember()
    {
        var client = await factory.CreateOperatorClientAsync();
        var agent = factory.CreateAgentClient();
        (await agent.PostJsonAsync("/api/leads", new { title = "Imported deal", owner = "Grace Hopper" })).EnsureSuccessStatusCode();

        var set = await client.SendRawAsync("PUT", "/api/team-members", """{"name":"Grace Hopper","manager":"Ada Lovelace","office":" West "}""");
        set.StatusCode.Should().Be(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        var again = await client.SendRawAsync("PUT", "/api/team-members", """{"name":"grace  HOPPER","manager":"Ada Lovelace"}""");
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        var view = await again.ReadJsonAsync();
        (view.GetProperty("name").GetString(), view.GetProperty("office").ValueKind).Should().Be(("Grace Hopper", System.Text.Json.JsonValueKind.Null),
            "the record keeps its first spelling, and an office left out is cleared");

        var listed = (await (await client.GetAsync("/api/team-members?manager=ada%20lovelace")).ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();
        listed.Should().ContainSingle().Which.GetProperty("deals").GetInt32().Should().Be(1, "the member is matched to the deals' owner by name");
        await using var db = factory.CreateDbContext();
        (await db.AuditEntries.CountAsync(a => a.Action == "team_member.set")).Should().Be(2);
    }

    [Fact]
    public async Task ABadBody_IsAProblemNamingTheField_AndWritesNothing()
    {
        var client = await factory.CreateOperatorClientAsync();
        await using var before = factory.CreateDbContext();
        var members = await before.Set<OperatorConsole.Domain.Teams.TeamMember>().CountAsync();

        await (await client.SendRawAsync("PUT", "/api/team-members", """{"name":"  ","office":"West"}""")).ShouldHaveFieldErrorAsync("name");
        await (await client.SendRawAsync("PUT", "/api/team-members", $$"""{"name":"Long Office","office":"{{new string('x', 101)}}"}""")).ShouldHaveFieldErrorAsync("office");
        await (await client.SendRawAsync("PUT", "/api/team-members", """{"name":"Typo","ofice":"West"}""")).ShouldHaveFieldErrorAsync("ofice");

        await using var after = factory.CreateDbContext();
        (await after.Set<OperatorConsole.Domain.Teams.TeamMember>().CountAsync()).Should().Be(members);
    }

    [Fact]
    public async Task AViewerAndAnAgentKey_CannotSetATeam()
    {
        var viewer = await factory.CreateViewerClientAsync();
        (await viewer.SendRawAsync("PUT", "/api/team-members", """{"name":"Grace Hopper"}""")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await factory.CreateAgentClient().SendRawAsync("PUT", "/api/team-members", """{"name":"Grace Hopper"}""")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    /// <summary>
    /// DELETE /api/team-members/{id}: a record could be emptied but never removed, so a person who left stayed counted
    /// in their manager's team. Removed, the deals keep their owner with no team; audited; 404 for an unknown id; an
    /// operator only.
    /// </summary>
    [Fact]
    public async Task AnOperator_RemovesARecord_TheDealsKeepTheirOwner_AndItIsAudited()
    {
        using var own = new ConsoleFactory();
        var client = await own.CreateOperatorClientAsync();
        (await own.CreateAgentClient().PostJsonAsync("/api/leads", new { title = "Imported deal", owner = "Grace Hopper" })).EnsureSuccessStatusCode();
        var grace = (await (await client.SendRawAsync("PUT", "/api/team-members", """{"name":"Grace Hopper","manager":"Ada Lovelace","office":"West"}""")).ReadJsonAsync()).GetProperty("id").GetInt32();
        var left = (await (await client.SendRawAsync("PUT", "/api/team-members", """{"name":"Mei Left","manager":"Ada Lovelace","office":"West"}""")).ReadJsonAsync()).GetProperty("id").GetInt32();

        (await (await own.CreateViewerClientAsync()).DeleteAsync($"/api/team-members/{left}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await own.CreateAgentClient().DeleteAsync($"/api/team-members/{left}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var removed = await client.DeleteAsync($"/api/team-members/{left}");
        removed.StatusCode.Should().Be(HttpStatusCode.OK, await removed.Content.ReadAsStringAsync());
        (await removed.ReadJsonAsync()).GetProperty("name").GetString().Should().Be("Mei Left");
        (await client.DeleteAsync($"/api/team-members/{left}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.DeleteAsync($"/api/team-members/{grace}")).StatusCode.Should().Be(HttpStatusCode.OK);

        var all = (await (await client.GetAsync("/api/team-members")).ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();
        all.Should().ContainSingle("the member without deals is gone; the owner stays, with no team")
            .Which.GetProperty("name").GetString().Should().Be("Grace Hopper");
        all[0].GetProperty("manager").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        (await (await client.GetAsync("/api/team-members?manager=Ada%20Lovelace")).ReadJsonAsync()).GetProperty("total").GetInt32().Should().Be(0);
        await using var db = own.CreateDbContext();
        (await db.AuditEntries.Where(a => a.Action == "team_member.removed").Select(a => a.RecordId).ToListAsync())
            .Should().BeEquivalentTo([left.ToString(System.Globalization.CultureInfo.InvariantCulture), grace.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
    }
}
