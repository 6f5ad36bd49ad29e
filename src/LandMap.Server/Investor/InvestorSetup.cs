namespace LandMap.Server.Investor;

/// <summary>The investor facts' services: options (<see cref="InvestorOptions"/>) and <see cref="InvestorFacts"/>.</summary>
public static class InvestorSetup
{
    public static IServiceCollection AddLandMapInvestor(this IServiceCollection services)
    {
        services.AddOptions<InvestorOptions>().BindConfiguration(InvestorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<InvestorFacts>();
        return services;
    }
}
