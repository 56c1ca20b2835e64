using OperatorConsole.Data.Accounts;

namespace Microsoft.Extensions.DependencyInjection;

public static class AccountsRegistration
{
    /// <summary>Accounts: the companies deals belong to.</summary>
    public static IServiceCollection AddAccountsData(this IServiceCollection services)
    {
        services.AddSingleton<AccountService>();
        return services;
    }
}
