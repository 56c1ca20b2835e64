using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OperatorConsole.Web.Api.Contract;

/// <summary>
/// Enums as lower snake_case strings, read exactly: the framework's string-enum converter also takes any
/// casing, the C# name and comma-joined flag lists ("Fail, Success"), so two clients could spell one value
/// three ways and none of them would learn the documented one. Anything else is a JSON conversion error,
/// which the exception handler turns into a 422 naming the field.
/// </summary>
public sealed class StrictEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert))!;

    /// <summary>The documented spelling of an enum value.</summary>
    public static string Spell(Enum value) => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}

public sealed class StrictEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<string, TEnum> ByName =
        Enum.GetValues<TEnum>().ToFrozenDictionary(v => StrictEnumConverterFactory.Spell(v), v => v, StringComparer.Ordinal);

    private static readonly FrozenDictionary<TEnum, string> ByValue =
        Enum.GetValues<TEnum>().DistinctBy(v => v).ToFrozenDictionary(v => v, v => StrictEnumConverterFactory.Spell(v));

    /// <summary>Every accepted spelling, in declaration order (for messages and the OpenAPI document).</summary>
    public static IReadOnlyList<string> Names { get; } = Enum.GetValues<TEnum>().Select(v => StrictEnumConverterFactory.Spell(v)).Distinct().ToList();

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // A null message makes System.Text.Json write its "could not be converted … Path: $.field" message.
        if (reader.TokenType == JsonTokenType.String && ByName.TryGetValue(reader.GetString()!, out var value))
        {
            return value;
        }

        throw new JsonException();
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        if (!ByValue.TryGetValue(value, out var name))
        {
            throw new JsonException($"{typeof(TEnum).Name} has no value {value}.");
        }

        writer.WriteStringValue(name);
    }

    public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ByName.TryGetValue(reader.GetString()!, out var value) ? value : throw new JsonException();

    public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WritePropertyName(ByValue[value]);
}
