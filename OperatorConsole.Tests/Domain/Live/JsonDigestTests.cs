using System.Security.Cryptography;
using System.Text.Json;
using FluentAssertions;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Tests.Domain.Live;

/// <summary>
/// What answers without their own comparison are compared on (issue 18): the SHA-256 of their JSON, hashed through
/// one small buffer. It must be exactly the hash of the whole JSON, whatever the value's size.
/// </summary>
public sealed class JsonDigestTests
{
    private static readonly JsonSerializerOptions Options = new() { IncludeFields = true };

    public static TheoryData<int> Sizes => new() { 0, 10, 5_000, 200_000 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void TheDigest_IsTheHashOfTheWholeJson_WhateverItsSize(int rows)
    {
        var value = Enumerable.Range(0, rows).Select(i => (Id: i, Name: $"deal {i}", Value: i * 1.5m)).ToList();

        JsonDigest.Of(value, Options).Should().Equal(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(value, Options)));
    }

    [Fact]
    public void AStringLongerThanTheBuffer_IsHashedWhole()
    {
        var value = new { Note = new string('x', 100_000) + "end" };

        JsonDigest.Of(value, Options).Should().Equal(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(value, Options)));
    }

    [Fact]
    public void EqualAnswers_HaveOneDigest_ADifferentOne_Another()
    {
        var a = new[] { (1, "open"), (2, "won") };
        var same = new[] { (1, "open"), (2, "won") };
        var other = new[] { (1, "open"), (2, "lost") };

        JsonDigest.Of(a, Options).Should().Equal(JsonDigest.Of(same, Options));
        JsonDigest.Of(a, Options).Should().NotEqual(JsonDigest.Of(other, Options));
    }
}
