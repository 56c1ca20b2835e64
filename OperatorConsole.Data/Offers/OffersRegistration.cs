using OperatorConsole.Data.Offers;

namespace Microsoft.Extensions.DependencyInjection;

public static class OffersRegistration
{
    /// <summary>The offer ladder: each lead's offer type and why it was chosen.</summary>
    public static IServiceCollection AddOffersData(this IServiceCollection services)
    {
        services.AddSingleton<OfferService>();
        return services;
    }
}
