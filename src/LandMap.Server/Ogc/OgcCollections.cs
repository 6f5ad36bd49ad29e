using System.Text.Json.Nodes;
using LandMap.Core.Filtering;
using LandMap.Core.LandUse;
using LandMap.Data;
using LandMap.Server.Hosting;
using LandMap.Server.Parcels;
using LandMap.Server.Problems;
using LandMap.Server.Projects;
using NetTopologySuite.Geometries;

namespace LandMap.Server.Ogc;

/// <summary>One page of features and how many match in all.</summary>
public sealed record OgcPage(IReadOnlyList<JsonObject> Features, long NumberMatched);

/// <summary>A queryable property: its name, JSON type (or "geometry") and Chinese title (the queryables document of Part 3).</summary>
public sealed record OgcQueryable(string Name, string Type, string Title, IReadOnlyList<string>? Values = null)
{
    /// <summary>What CQL2 may compare it with.</summary>
    public CqlType CqlType => Type switch { "integer" => CqlType.Integer, "number" => CqlType.Number, "geometry" => CqlType.Geometry, _ => CqlType.String };

    /// <summary>The queryable of a CQL type.</summary>
    public static OgcQueryable Of(string name, CqlType type, string title, IReadOnlyList<string>? values = null) =>
        new(name, type switch { CqlType.Integer => "integer", CqlType.Number => "number", CqlType.Geometry => "geometry", _ => "string" }, title, values);
}

/// <summary>
/// A feature collection served under <c>/ogc/collections/{Id}</c>. Features are flat GeoJSON (scalar properties only), so
/// GDAL, QGIS and ArcGIS map every property to a column. Only published data: rejected parcels are never served here.
/// </summary>
public interface IOgcCollection
{
    string Id { get; }
    string Title { get; }
    string Description { get; }
    IReadOnlyList<OgcQueryable> Queryables { get; }

    /// <summary>The CRS84 box of the data (null when empty) and the plan years it spans.</summary>
    Task<(Envelope? Bbox, int? FirstYear, int? LastYear)> ExtentAsync(CancellationToken cancellationToken);

    /// <summary>One page; a problem with a filter value is added to <paramref name="errors"/> (naming the parameter).</summary>
    Task<OgcPage> ItemsAsync(OgcItemsQuery query, QueryErrors errors, CancellationToken cancellationToken);

    /// <summary>One feature by its id in <paramref name="crs"/>, or null.</summary>
    Task<JsonObject?> ItemAsync(string featureId, OgcCrs crs, CancellationToken cancellationToken);

    /// <summary>The collection's vector tiles (OGC API – Tiles), or null when no tile source draws it.</summary>
    OgcVectorTiles? Tiles => null;
}

/// <summary>Which tile source (<c>/tiles/{SourceId}</c>) draws a collection, and the dimension of its geometries (0 points, 2 surfaces).</summary>
public sealed record OgcVectorTiles(string SourceId, int GeometryDimension);

/// <summary>The land-guarantee parcels, read from the store per request (same ids as the API, tiles and exports).</summary>
internal sealed class ParcelsCollection(StoreAccess access, Districts.DistrictExtents districts) : IOgcCollection
{
    private static readonly string[] ReviewStatuses = ["candidate", "reviewed", "surveyed"];

    public string Id => "parcels";
    public string Title => "用地保障地块";
    public string Description => "规划报告“用地保障重点项目”各条目推算（或审核员修改、勘测定界）的地块；WGS 84（CRS84）。";

    // The same published parcels the map draws (/tiles/parcels): one MVT layer of polygons.
    public OgcVectorTiles? Tiles { get; } = new(LandMap.Tiles.Sources.ParcelTileSource.LayerName, GeometryDimension: 2);

    // Every property of the store's allow-list, as the GeoJSON names it; land use and review status with their values.
    public IReadOnlyList<OgcQueryable> Queryables { get; } = ParcelFilterFields.All.Select(f => OgcQueryable.Of(f.Name, f.Type, f.Title, f.Name switch
    {
        "landUse" => Enum.GetValues<LandUseClass>().Select(LandUseClassifier.Code).ToList(),
        "reviewStatus" => ReviewStatuses,
        _ => null,
    })).ToList();

    public async Task<(Envelope? Bbox, int? FirstYear, int? LastYear)> ExtentAsync(CancellationToken cancellationToken)
    {
        // The extent of the districts holding land columns: it contains every parcel and costs no scan of them.
        var store = await access.GetAsync(cancellationToken);
        var reports = (await store.ListReportsAsync(cancellationToken)).Where(r => r.SupersededBy is null && r.EntryCount > 0).ToList();
        var years = reports.Select(r => r.PlanYear).OfType<int>().ToList();
        var box = new Envelope();
        foreach (var d in districts.All.Where(d => reports.Any(r => r.District == d.Name)))
            box.ExpandToInclude(new Envelope(d.Bbox[0], d.Bbox[2], d.Bbox[1], d.Bbox[3]));
        return (box.IsNull ? null : box, years.Count > 0 ? years.Min() : null, years.Count > 0 ? years.Max() : null);
    }

    public async Task<OgcPage> ItemsAsync(OgcItemsQuery query, QueryErrors errors, CancellationToken cancellationToken)
    {
        // The filter is pushed down to the store: SQL on both backends, counts and pages exact (ParcelQuery.Filter).
        var filter = new Data.ParcelQuery
        {
            ExcludeRejected = true, Limit = query.Limit, Offset = query.Offset, BoundingBox = query.Bbox,
            PlanYearFrom = query.YearFrom, PlanYearTo = query.YearTo, Filter = query.Filter,
        };
        if (errors.Any) return new OgcPage([], 0);

        var store = await access.GetAsync(cancellationToken);
        try
        {
            var matched = await store.CountParcelsAsync(filter, cancellationToken);
            var features = query.Offset >= matched ? []
                : (await store.QueryParcelsAsync(filter, cancellationToken)).Select(r => ToFeature(r, query.Crs)).ToList();
            return new OgcPage(features, matched);
        }
        catch (FilterTooBroadException e)
        {
            errors.Add("filter", e.Message);
            return new OgcPage([], 0);
        }
    }

    public async Task<JsonObject?> ItemAsync(string featureId, OgcCrs crs, CancellationToken cancellationToken)
    {
        if (!long.TryParse(featureId, out var id)) return null;
        var store = await access.GetAsync(cancellationToken);
        var record = (await store.QueryParcelsAsync(new Data.ParcelQuery { PublicIds = [id], ExcludeRejected = true, Limit = 1 }, cancellationToken))
            .SingleOrDefault();
        return record is null ? null : ToFeature(record, crs);
    }

    private static JsonObject ToFeature(ParcelRecord record, OgcCrs crs)
    {
        var p = ParcelMapping.ToProperties(ParcelView.From(record));
        return new JsonObject
        {
            ["type"] = "Feature",
            ["id"] = p.Id,
            ["geometry"] = GeoJsonGeometry.ToNode(record.Geometry is { } g ? crs.FromCrs84(g) : null),
            ["properties"] = new JsonObject
            {
                ["id"] = p.Id, ["name"] = p.Name, ["company"] = p.Company, ["planYear"] = p.PlanYear, ["district"] = p.District, ["seq"] = p.Seq,
                ["location"] = p.Location, ["areaMu"] = p.AreaMu, ["areaMuComputed"] = p.AreaMuComputed, ["status"] = p.Status,
                ["confidence"] = p.Confidence, ["method"] = p.Method, ["landUse"] = p.LandUse, ["landUseName"] = p.LandUseName,
                ["projectStage"] = p.ProjectStage, ["projectStageName"] = p.ProjectStageText, ["reviewStatus"] = p.ReviewStatus,
                ["constraintsSatisfied"] = p.Constraints.Count(c => c.Satisfied), ["constraintsTotal"] = p.Constraints.Count,
                ["file"] = p.File,
            },
        };
    }
}

/// <summary>Key projects as points on the newest parcel they sit on (none when they sit on no published parcel).</summary>
internal sealed class ProjectsCollection(IParcelSource source, StoreAccess access) : IOgcCollection
{
    public string Id => "projects";
    public string Title => "重点项目";
    public string Description => "报告中点名的重点项目及其最新阶段；点位为项目所在最新地块的内部点（WGS 84），无地块者无几何。";

    public IReadOnlyList<OgcQueryable> Queryables { get; } =
    [
        new("id", "integer", "项目编号"),
        new("name", "string", "项目名称"),
        new("district", "string", "区县"),
        new("stage", "string", "当前阶段", StageKeys.All),
        new("parcelId", "integer", "所在地块编号"),
        new("mentions", "integer", "报告提及次数"),
        new("firstYear", "integer", "首次提及年度"),
        new("lastYear", "integer", "最近提及年度"),
        new("geometry", "geometry", "项目点位（WGS 84）"),
    ];

    // What a filter reads of a project, as its GeoJSON shows it. Projects are few and held in memory: filtered there.
    private static readonly Dictionary<string, Func<Located, object?>> Fields = new(StringComparer.Ordinal)
    {
        ["id"] = f => f.Project.Id, ["name"] = f => f.Project.Name, ["district"] = f => f.Project.District,
        ["stage"] = f => f.Project.CurrentStage is { } k ? StageKeys.Key(k) : null, ["parcelId"] = f => f.ParcelId,
        ["mentions"] = f => f.Project.Project.Events.Count, ["firstYear"] = f => f.Project.Project.Events.Select(e => e.Year).Min(),
        ["lastYear"] = f => f.Project.Project.Events.Select(e => e.Year).Max(), ["geometry"] = f => f.Point,
    };

    public async Task<(Envelope? Bbox, int? FirstYear, int? LastYear)> ExtentAsync(CancellationToken cancellationToken)
    {
        var all = await AllAsync(cancellationToken);
        var box = new Envelope();
        foreach (var f in all.Where(f => f.Point is not null)) box.ExpandToInclude(f.Point!.Coordinate);
        var years = all.SelectMany(f => f.Project.Project.Events.Select(e => e.Year)).OfType<int>().ToList();
        return (box.IsNull ? null : box, years.Count > 0 ? years.Min() : null, years.Count > 0 ? years.Max() : null);
    }

    public async Task<OgcPage> ItemsAsync(OgcItemsQuery query, QueryErrors errors, CancellationToken cancellationToken)
    {
        if (errors.Any) return new OgcPage([], 0);
        var evaluator = query.Filter is { } filter ? new CqlEvaluator(filter) : null;
        var matches = (await AllAsync(cancellationToken))
            .Where(f => evaluator is null || evaluator.Matches(name => Fields[name](f)))
            .Where(f => query.Bbox is null || (f.Point is { } p && query.Bbox.Contains(p.Coordinate)))
            .Where(f => (query.YearFrom is null && query.YearTo is null) || f.Project.Project.Events.Any(e =>
                e.Year is { } y && (query.YearFrom is null || y >= query.YearFrom) && (query.YearTo is null || y <= query.YearTo)))
            .ToList();
        return new OgcPage(matches.Skip(query.Offset).Take(query.Limit).Select(f => ToFeature(f, query.Crs)).ToList(), matches.Count);
    }

    public async Task<JsonObject?> ItemAsync(string featureId, OgcCrs crs, CancellationToken cancellationToken) =>
        (await AllAsync(cancellationToken)).FirstOrDefault(f => f.Project.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == featureId) is { } found
            ? ToFeature(found, crs)
            : null;

    private sealed record Located(ProjectView Project, long? ParcelId, Point? Point);

    // Projects are few (tens per district); their parcels' geometries come from the store in one query.
    private async Task<IReadOnlyList<Located>> AllAsync(CancellationToken cancellationToken)
    {
        var projects = await source.GetProjectsAsync(cancellationToken);
        var parcelIds = projects.Where(p => p.ParcelIds.Count > 0).Select(p => p.ParcelIds[0]).Distinct().ToList();
        var store = await access.GetAsync(cancellationToken);
        var geometries = new Dictionary<long, Geometry>();
        foreach (var chunk in parcelIds.Chunk(Parcels.ParcelQuery.MaxIds))
        {
            var query = new Data.ParcelQuery { PublicIds = chunk, ExcludeRejected = true, MapFieldsOnly = true, Limit = chunk.Length };
            foreach (var r in await store.QueryParcelsAsync(query, cancellationToken))
                if (r.Geometry is { IsEmpty: false } g) geometries[r.PublicId] = g;
        }
        return projects.Select(p =>
        {
            var parcel = p.ParcelIds.Count > 0 ? p.ParcelIds[0] : (long?)null;
            var point = parcel is { } id && geometries.TryGetValue(id, out var g) ? g.InteriorPoint : null;
            return new Located(p, point is null ? null : parcel, point);
        }).ToList();
    }

    private static JsonObject ToFeature(Located f, OgcCrs crs)
    {
        var p = f.Project;
        return new JsonObject
        {
            ["type"] = "Feature",
            ["id"] = p.Id,
            ["geometry"] = GeoJsonGeometry.ToNode(f.Point is { } point ? crs.FromCrs84(point) : null),
            ["properties"] = new JsonObject
            {
                ["id"] = p.Id, ["name"] = p.Name, ["district"] = p.District,
                ["stage"] = p.CurrentStage is { } k ? StageKeys.Key(k) : null, ["stageName"] = p.CurrentStage is { } s ? Core.Reports.ProjectStageNames.Chinese(s) : null,
                ["parcelId"] = f.ParcelId, ["mentions"] = p.Project.Events.Count,
                ["firstYear"] = p.Project.Events.Select(e => e.Year).Min(), ["lastYear"] = p.Project.Events.Select(e => e.Year).Max(),
            },
        };
    }
}
