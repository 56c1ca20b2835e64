using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace OperatorConsole.Data.Infrastructure;

/// <summary>Reaching the interceptors a context was built with (the write gate, the live interceptor).</summary>
internal static class ContextInterceptors
{
    /// <summary>The context's registered interceptor of type <typeparamref name="T"/>; null for a context built without it (tests).</summary>
    public static T? FindInterceptor<T>(this DbContext db)
        where T : class, IInterceptor =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<T>().FirstOrDefault();
}
