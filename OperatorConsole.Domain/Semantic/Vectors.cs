using System.Runtime.InteropServices;

namespace OperatorConsole.Domain.Semantic;

/// <summary>
/// Vector arithmetic for the semantic engine: cosine similarity and the byte form a vector is stored in
/// (little-endian float32, the same on SQLite and SQL Server, so no provider-specific column type is needed).
/// </summary>
public static class Vectors
{
    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length || a.Length == 0)
        {
            return 0;
        }

        float dot = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }

        return normA == 0 || normB == 0 ? 0 : dot / MathF.Sqrt(normA * normB);
    }

    public static byte[] ToBytes(ReadOnlySpan<float> vector) => MemoryMarshal.AsBytes(vector).ToArray();

    public static float[] FromBytes(byte[] bytes) => MemoryMarshal.Cast<byte, float>(bytes).ToArray();
}
