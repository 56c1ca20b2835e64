using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace OperatorConsole.Web.Live;

/// <summary>
/// The SHA-256 of a value's JSON, hashed as it is written through one small buffer, so a value of any size costs
/// neither its whole JSON in memory nor a large rented buffer.
/// </summary>
internal static class JsonDigest
{
    public static byte[] Of<T>(T value, JsonSerializerOptions options)
    {
        using var sink = new HashingWriter();
        using (var json = new Utf8JsonWriter(sink, new JsonWriterOptions { SkipValidation = true }))
        {
            JsonSerializer.Serialize(json, value, options);
        }

        return sink.Digest();
    }

    /// <summary>
    /// Hands the writer the same buffer every time: <see cref="Utf8JsonWriter"/> advances what it wrote before it asks
    /// for more room, and each advance is hashed at once.
    /// </summary>
    private sealed class HashingWriter : IBufferWriter<byte>, IDisposable
    {
        private const int Size = 16 * 1024;
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Size);

        public void Advance(int count) => _hash.AppendData(_buffer, 0, count);

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            if (sizeHint > _buffer.Length)
            {
                // One value longer than the buffer (a very long string): a larger one, kept until this digest is done.
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = ArrayPool<byte>.Shared.Rent(sizeHint);
            }

            return _buffer;
        }

        public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

        public byte[] Digest() => _hash.GetHashAndReset();

        public void Dispose()
        {
            _hash.Dispose();
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }
}
