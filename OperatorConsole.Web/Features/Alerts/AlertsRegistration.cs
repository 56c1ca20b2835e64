using Polly;
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
            .AddResilienceHandler("alerts-webhook", pipeline =>
            {
                // Retry scheduling is wall-clock on purpose (like the live coalescing window): the business clock
                // may be a fake in tests, and a retry 200 ms later is not business time.
                pipeline.TimeProvider = TimeProvider.System;
                pipeline
                    .AddTimeout(options.WebhookTimeout * 3 + TimeSpan.FromSeconds(1))
                    .AddRetry(new HttpRetryStrategyOptions
                    {
                        // A few quick retries inside one queue attempt; longer outages are the queue's backoff.
                        MaxRetryAttempts = 2,
                        Delay = TimeSpan.FromMilliseconds(200),
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                    })
                    .AddTimeout(options.WebhookTimeout);
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
