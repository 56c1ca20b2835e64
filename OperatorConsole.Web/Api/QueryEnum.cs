using System.Text.Json;

namespace OperatorConsole.Web.Api;

/// <summary>
/// Query-string enums in the same spelling as JSON ("money_sensitive", "fail"). Parsed by hand because the
/// framework's binder knows only C# names; an unknown value is a 400 with a field error, never ignored.
/// </summary>
public static class QueryEnum
{
    public static bool TryParse<TEnum>(string? text, out TEnum? value)
        where TEnum : struct, Enum
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            var name = candidate.ToString();
            if (string.Equals(JsonNamingPolicy.SnakeCaseLower.ConvertName(name), text.Trim(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        return false;
    }

    public static string Spell<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static string Allowed<TEnum>()
        where TEnum : struct, Enum => string.Join(", ", Enum.GetValues<TEnum>().Select(Spell));

    /// <summary>Collects parse failures of several query parameters into one 400.</summary>
    public sealed class Errors
    {
        private readonly Dictionary<string, string[]> _errors = [];

        public TEnum? Parse<TEnum>(string field, string? text)
            where TEnum : struct, Enum
        {
            if (TryParse<TEnum>(text, out var value))
            {
                return value;
            }

            _errors[field] = [$"'{text}' is not one of: {Allowed<TEnum>()}."];
            return null;
        }

        /// <summary>The Leads list's <c>status</c>: a stage, or "open" / "won" (<see cref="Domain.Leads.StageFilter"/>).</summary>
        public Domain.Leads.StageFilter? Stage(string field, string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            var filter = Domain.Leads.StageFilter.Parse(text);
            if (filter is null)
            {
                Add(field, $"'{text}' is not one of: {Domain.Leads.StageFilter.Allowed}.");
            }

            return filter;
        }

        /// <summary>A sort key of the list's own (a name, "-" in front for descending); anything else is a field error.</summary>
        public void Sort(string? sort, IReadOnlyList<string> keys)
        {
            if (sort is not null && !keys.Contains(sort))
            {
                Add("sort", $"Sort by one of: {string.Join(", ", keys)}.");
            }
        }

        /// <summary>
        /// A range of amounts (<c>minValue</c>, <c>maxValue</c>): neither below zero, and the lower end not above the
        /// upper one; an empty range is a client mistake, not an empty list.
        /// </summary>
        public void Range(string minField, decimal? min, string maxField, decimal? max)
        {
            if (min < 0)
            {
                Add(minField, $"{minField} must be 0 or more.");
            }

            if (max < 0)
            {
                Add(maxField, $"{maxField} must be 0 or more.");
            }
            else if (min > max)
            {
                Add(maxField, $"{maxField} must not be below {minField}.");
            }
        }

        /// <summary>A span of days, both ends inclusive: the end must not come before the start.</summary>
        public void Range(string fromField, DateOnly? from, string toField, DateOnly? to)
        {
            if (from > to)
            {
                Add(toField, $"{toField} must not be before {fromField}.");
            }
        }

        /// <summary>A query parameter that is not an enum but is just as wrong (a bad boolean, an unknown sort key).</summary>
        public void Add(string field, string message) => _errors[field] = [message];

        public bool Any => _errors.Count > 0;

        public Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult ToProblem() => ApiResults.BadRequest("Invalid query parameter.", _errors);
    }
}
