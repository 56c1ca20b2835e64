using Microsoft.Extensions.Http.Resilience;

namespace OperatorConsole.Web.Features.Alerts;

public static class AlertsRegistration
{
    /// <summary>Senders (webhook with a resilience pipeline, SMTP), the rule engine and the delivery worker.</summary>
    public static IServiceCollection AddAlertsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(AlertsOptions.Section);
        services.Configure<AlertsOptions>(section);
        var options = section.Get<AlertsOptions>() ?? new AlertsOptions();
        services.AddHttpClient(WebhookAlertSender.ClientName, c => c.DefaultRequestHeaders.UserAgent.ParseAdd("OperatorConsole-Alerts/1.0"))
            .AddStandardResilienceHandler(r =>
            {
                // A few quick retries inside one queue attempt; longer outages are the queue's backoff.
                r.Retry.MaxRetryAttempts = 2;
                r.Retry.Delay = TimeSpan.FromMilliseconds(200);
                r.AttemptTimeout.Timeout = options.WebhookTimeout;
                r.TotalRequestTimeout.Timeout = options.WebhookTimeout * 3 + TimeSpan.FromSeconds(1);
                r.CircuitBreaker.SamplingDuration = options.WebhookTimeout * 2 + TimeSpan.FromSeconds(1);
            });
        services.AddSingleton<IAlertSender, WebhookAlertSender>();
        services.AddSingleton<IAlertSender, EmailAlertSender>();
        services.AddSingleton<AlertEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertEngine>());
        services.AddSingleton<AlertDeliveryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertDeliveryWorker>());
        return services;
    }
}
