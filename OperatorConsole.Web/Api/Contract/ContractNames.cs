using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OperatorConsole.Web.Api.Contract;

/// <summary>
/// The seed plan's field names are the contract; the names the API shipped with first stay accepted (and are
/// still written next to the canonical one) for one release, as deprecated aliases. One table, applied to every
/// type of the feature's namespace, so a new request or view in that feature gets the same names without a
/// second place to remember. docs/api.md carries the same table for integrators.
/// </summary>
public static class ContractNames
{
    /// <param name="Namespace">The feature's model namespace the rename applies to.</param>
    /// <param name="ClrName">The C# property.</param>
    /// <param name="Canonical">The seed plan's JSON name.</param>
    public sealed record Rename(string Namespace, string ClrName, string Canonical)
    {
        /// <summary>The name the API used before: the C# name in camelCase.</summary>
        public string Alias => JsonNamingPolicy.CamelCase.ConvertName(ClrName);
    }

    public static IReadOnlyList<Rename> Renames { get; } =
    [
        new("OperatorConsole.Data.Assets", "StoredAt", "whereStored"),
        new("OperatorConsole.Data.Assets", "NotExtractedReason", "reasonNone"),
        new("OperatorConsole.Data.Offers", "WhyChosen", "offerChosenReason"),
        new("OperatorConsole.Data.Packages", "PromisedOutcome", "promiseOutcome"),
        new("OperatorConsole.Data.Packages", "PriceMin", "basePriceMin"),
        new("OperatorConsole.Data.Packages", "PriceMax", "basePriceMax"),
        new("OperatorConsole.Data.Packages", "UpgradeOptions", "customUpgradeOptions"),
        new("OperatorConsole.Data.Templates", "Niche", "nicheUseCase"),
        new("OperatorConsole.Data.Templates", "Modules", "reusableModulesInside"),
    ];

    /// <summary>Alias → canonical for one type (what the OpenAPI transformer marks deprecated).</summary>
    public static IReadOnlyDictionary<string, string> AliasesOf(Type type) =>
        Renames.Where(r => r.Namespace == type.Namespace && type.GetProperty(r.ClrName) is not null).ToDictionary(r => r.Alias, r => r.Canonical);

    /// <summary>Every alias and canonical name pair, for "did you mean" hints.</summary>
    public static IEnumerable<(string Alias, string Canonical)> All => Renames.Select(r => (r.Alias, r.Canonical));

    /// <summary>A <see cref="DefaultJsonTypeInfoResolver"/> modifier: renames to the canonical name and adds the alias.</summary>
    public static void Apply(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var rename in Renames.Where(r => r.Namespace == info.Type.Namespace))
        {
            var property = info.Properties.FirstOrDefault(p => p.AttributeProvider is PropertyInfo m && m.Name == rename.ClrName);
            if (property is null || property.Name != rename.Alias)
            {
                continue;
            }

            property.Name = rename.Canonical;
            info.Properties.Add(AliasOf(info, property, (PropertyInfo)property.AttributeProvider!, rename.Alias));
        }
    }

    private static JsonPropertyInfo AliasOf(JsonTypeInfo info, JsonPropertyInfo canonical, PropertyInfo member, string alias)
    {
        // Typed as object so System.Text.Json does not bind the alias to the record's constructor parameter (the
        // canonical name does); the value is read as a JsonElement and converted to the member's type when set.
        var property = info.CreateJsonPropertyInfo(typeof(object), alias);
        property.Get = canonical.Get;
        property.ShouldSerialize = canonical.ShouldSerialize;
        var options = info.Options;
        if (member.SetMethod is { } set)
        {
            property.Set = (target, value) => set.Invoke(target, [value is JsonElement json ? json.Deserialize(member.PropertyType, options) : value]);
        }

        return property;
    }
}
