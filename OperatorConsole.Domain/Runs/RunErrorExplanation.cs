using System.Text.RegularExpressions;

namespace OperatorConsole.Domain.Runs;

/// <summary>A plain-words reading of a run's error: what probably happened and what a person can do about it.</summary>
public sealed record RunErrorHelp(string Kind, string Cause, string WhatToDo);

/// <summary>
/// Turns the error text a runner reported ("fetch: HTTP 429 from the enrichment provider") into plain words for
/// the operator. Only the common, recognisable cases are explained; anything else returns null and the page shows
/// the raw error alone, so the console never guesses.
/// </summary>
public static partial class RunErrorExplanation
{
    public static RunErrorHelp? Explain(string? error)
    {
        if (string.IsNullOrWhiteSpace(error))
        {
            return null;
        }

        var status = StatusCode(error);
        if (status is 401 || Unauthorized().IsMatch(error))
        {
            return new("unauthorized", "The other service refused the credentials: the token or API key is missing, wrong or expired.",
                "Renew the key or token in that service, update it where the runner reads it, then run again.");
        }

        if (status is 403 || Forbidden().IsMatch(error))
        {
            return new("forbidden", "The credentials were accepted but are not allowed to do this (missing permission or scope).",
                "Give the key or account the permission it needs in that service, then run again.");
        }

        if (status is 429 || RateLimited().IsMatch(error))
        {
            return new("rate-limited", "The other service is rate-limiting: too many requests in a short time.",
                "Wait for the limit to reset (often a minute or an hour) and run again; if it keeps happening, space the runs out or raise the plan's limit.");
        }

        if (status is 408 or 504 || TimedOut().IsMatch(error))
        {
            return new("timeout", "The other service did not answer in time.",
                "Run again later; if it keeps timing out, check that service's status page or give the step a longer timeout.");
        }

        if (status is >= 500 and <= 599 || Unreachable().IsMatch(error))
        {
            return new("unavailable", "The other service failed or could not be reached; the problem is on its side or in the network, not in the lead's data.",
                "Check the integration's heartbeat and the service's status, then run again.");
        }

        if (status is 404)
        {
            return new("not-found", "The address or record the step asked for does not exist (anymore).",
                "Check the URL or the id the runner used (a renamed endpoint or a deleted record), fix it, then run again.");
        }

        return null;
    }

    /// <summary>An HTTP status written as "HTTP 429", "status 429", "429 Too Many Requests" or "(503)".</summary>
    private static int? StatusCode(string error)
    {
        var match = HttpStatus().Match(error);
        return match.Success ? int.Parse(match.Groups["code"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"(?:\bHTTP[ /]?(?:1\.1 |2 )?|\bstatus(?: code)?[ :=]*|\()(?<code>[1-5]\d\d)\b|\b(?<code>[45]\d\d)\s+(?-i:[A-Z][a-z])", RegexOptions.IgnoreCase)]
    private static partial Regex HttpStatus();

    [GeneratedRegex(@"unauthori[sz]ed|invalid[_ ]token|token expired|expired token|invalid api key|authentication failed", RegexOptions.IgnoreCase)]
    private static partial Regex Unauthorized();

    [GeneratedRegex(@"\bforbidden\b|permission denied|insufficient scope|access denied", RegexOptions.IgnoreCase)]
    private static partial Regex Forbidden();

    [GeneratedRegex(@"rate.?limit|too many requests|quota exceeded|throttl", RegexOptions.IgnoreCase)]
    private static partial Regex RateLimited();

    [GeneratedRegex(@"time[d ]?.?out|deadline exceeded", RegexOptions.IgnoreCase)]
    private static partial Regex TimedOut();

    [GeneratedRegex(@"connection refused|could not resolve|name or service not known|no such host|service unavailable|bad gateway|ECONNRESET|ECONNREFUSED", RegexOptions.IgnoreCase)]
    private static partial Regex Unreachable();
}
