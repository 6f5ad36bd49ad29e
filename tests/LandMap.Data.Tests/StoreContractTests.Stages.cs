namespace LandMap.Data.Tests;

public abstract partial class StoreContractTests
{
    /// <summary>The project-stage filters: parcels without a stage pass an exclusion (NULL NOT IN … is not true in SQL) and never match an inclusion.</summary>
    protected async Task CheckProjectStageFilters()
    {
        var store = await OpenAsync();
        await ImportSeedsAsync(store);
        var all = await store.QueryParcelsAsync(new ParcelQuery());
        Assert.Contains(all, p => p.ProjectStage == "operating");
        Assert.Contains(all, p => p.ProjectStage is null);

        var withoutOperating = await store.QueryParcelsAsync(new ParcelQuery { ExcludeProjectStages = ["operating", "at-capacity"] });
        Assert.Equal(all.Where(p => p.ProjectStage is not ("operating" or "at-capacity")).Select(p => p.Id), withoutOperating.Select(p => p.Id));
        Assert.Equal(withoutOperating.Count, await store.CountParcelsAsync(new ParcelQuery { ExcludeProjectStages = ["operating", "at-capacity"] }));

        var operating = await store.QueryParcelsAsync(new ParcelQuery { ProjectStages = ["operating"] });
        Assert.Equal(all.Where(p => p.ProjectStage == "operating").Select(p => p.Id), operating.Select(p => p.Id));
    }
}
