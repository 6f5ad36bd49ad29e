using System.Globalization;
using LandMap.Core.Crs;
using LandMap.Core.Gazetteer.Import;
using LandMap.Core.Layers.Sources;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Valid;

namespace LandMap.Core.Layers;

/// <summary>
/// An opened layer file: what it declares, and its features in WGS 84 as a stream read once.
/// </summary>
/// <remarks>
/// <para>Per record, in order: the record's own read problem; X/Y only; empty, vertex cap, NaN checks; on the first
/// feature the zone-prefix check (a 38 435 126 easting in a CRS without prefix, or the reverse, stops the import);
/// validity, and an invalid geometry repaired with NTS GeometryFixer (counted, never Buffer(0)); the transformation to
/// WGS 84; the lon/lat range; the area in the layer's GK zone; the key. A record that fails a step is a counted
/// problem naming file and record, and is skipped; the rest are imported.</para>
/// <para>Areas are plane areas in the CGCS2000 3° Gauss-Krüger zone (without prefix) of the data: the source's own
/// central meridian when it is a Gauss-Krüger CRS, else the 3° zone of the centre of the extent the file states, else
/// of the first feature.</para>
/// </remarks>
public sealed class LayerReading : IDisposable
{
    private readonly ILayerSource? _source;
    private readonly LayerReadOptions _options;
    private readonly ImportProblems _problems;
    private readonly Action? _cleanup;
    private readonly List<string> _warnings = [];
    private readonly List<string> _repairs = [];
    private CrsDefinition? _areaCrs;
    private bool _started;

    internal LayerReading(ImportProblems problems, string file)
    {
        (_problems, _options, SourceFile) = (problems, new LayerReadOptions(), file);
    }

    internal LayerReading(ILayerSource source, LayerReadOptions options, ImportProblems problems, Action cleanup)
    {
        (_source, _options, _problems, _cleanup) = (source, options, problems, cleanup);
        SourceFile = source.Where;
    }

    /// <summary>False when the file cannot be imported at all; <see cref="Problems"/> says why.</summary>
    public bool IsOpen => _source is not null;

    /// <summary>The file, with table or archive member, as stored (<c>dltb.zip/DLTB.shp</c>).</summary>
    public string SourceFile { get; }

    /// <summary><c>shapefile</c>, <c>geopackage</c>, <c>geojson</c>.</summary>
    public string? Format => _source?.Format;

    /// <summary>The CRS the data is read in: <c>--crs</c>, else the declared one, else WGS 84 (GeoJSON). Final once features are read.</summary>
    public SourceCrs? Crs => _options.Crs ?? _source?.DeclaredCrs ?? (_source?.Format == "geojson" ? SourceCrs.Wgs84 : null);

    /// <summary>Where areas are computed (<c>EPSG:4547</c>); known after the first feature.</summary>
    public string? AreaCrs => _areaCrs?.Epsg is { } e ? $"EPSG:{e}" : null;

    /// <summary>The fields the file declares.</summary>
    public IReadOnlyList<LayerField> Fields => _source?.Fields.Select(f => f with { Label = _options.Kind.Label(f.Name) }).ToList() ?? [];

    /// <summary>The attribute encoding and how it was chosen.</summary>
    public string? Encoding => _source?.Encoding;

    /// <summary>Records in the file, when it says.</summary>
    public long? Count => _source?.Count;

    /// <summary>Records read so far (imported or not).</summary>
    public long Read { get; private set; }

    /// <summary>Features yielded so far.</summary>
    public long Imported { get; private set; }

    /// <summary>Of those, repaired by GeometryFixer.</summary>
    public long Repaired { get; private set; }

    /// <summary>Up to <see cref="LayerReadOptions.MaxProblems"/> problems (file-level, or records skipped).</summary>
    public IReadOnlyList<ImportProblem> Problems => _problems.Items;

    /// <summary>Problems beyond those listed.</summary>
    public int OmittedProblems => _problems.Omitted;

    /// <summary>Records skipped for a problem.</summary>
    public int Skipped => _problems.Count;

    /// <summary>What the user should know: the first repairs, an overridden CRS.</summary>
    public IReadOnlyList<string> Warnings => [.. _warnings, .. _repairs];

    /// <summary>The features, read once; throws <see cref="LayerReadException"/> when the file breaks off midway.</summary>
    public IEnumerable<LayerFeature> Features(CancellationToken cancellationToken = default)
    {
        if (_source is null) throw new InvalidOperationException("The file is not open; check IsOpen and Problems.");
        if (_started) throw new InvalidOperationException("The features are read once.");
        _started = true;
        return Stream(cancellationToken);
    }

    private IEnumerable<LayerFeature> Stream(CancellationToken cancellationToken)
    {
        Func<Geometry, CrsResult<Geometry>>? toWgs84 = null;
        CrsTransformer? toArea = null;
        var areaInSourcePlane = false;
        var keyField = _options.Kind.KeyField();
        foreach (var raw in _source!.Read(cancellationToken))
        {
            Read++;
            var crs = Crs!;
            if (toWgs84 is null)
            {
                if (_options.Crs is { } given && _source.DeclaredCrs is { } declared && declared.Label != given.Label)
                    _warnings.Add($"{_source.Where}: --crs {given.Label} overrides the file's CRS {declared.Label}.");
                var built = crs.ToWgs84(_options.DatumShifts);
                if (!built.IsSuccess)
                {
                    var hint = built.Error!.Code == CrsErrorCode.NeedsDatumShift
                        ? " Pass the bureau's seven parameters: --towgs84 dx,dy,dz,rx,ry,rz,ds (metres, arc-seconds, ppm; position vector as in PROJ's +towgs84)." : "";
                    throw Fatal(raw.Index, ImportProblemCode.NeedsDatumShift, $"{crs}: {built.Error.Message}{hint}");
                }
                toWgs84 = built.Value;
            }
            if (raw.Problem is { } p || raw.Geometry is null)
            {
                Skip(raw, raw.Problem?.Code ?? ImportProblemCode.EmptyGeometry, raw.Problem?.Message ?? "No geometry.");
                continue;
            }
            var geometry = GeometryGuard.ToXY(raw.Geometry);
            if (Check(geometry) is { } bad)
            {
                Skip(raw, bad.Code, bad.Message);
                continue;
            }
            if (Imported == 0 && ZonePrefixMismatch(geometry, crs) is { } mismatch) throw Fatal(raw.Index, ImportProblemCode.CrsMismatch, mismatch);
            var repaired = false;
            if (new IsValidOp(geometry).ValidationError is { } error)
            {
                var fixedGeometry = GeometryFixer.Fix(geometry);
                if (fixedGeometry.IsEmpty)
                {
                    Skip(raw, ImportProblemCode.InvalidGeometry, $"Invalid {geometry.GeometryType} ({error.Message}) that GeometryFixer reduces to nothing.");
                    continue;
                }
                if (_repairs.Count < 5)
                    _repairs.Add(string.Create(CultureInfo.InvariantCulture, $"{_source.Where}: record {raw.Index} repaired ({error.Message}), area {geometry.Area:0.##} → {fixedGeometry.Area:0.##} in the source plane."));
                (geometry, repaired) = (fixedGeometry, true);
            }
            var wgs84 = toWgs84(geometry);
            if (!wgs84.IsSuccess)
            {
                Skip(raw, ImportProblemCode.CrsMismatch, wgs84.Error!.Message);
                continue;
            }
            var e = wgs84.Value.EnvelopeInternal;
            if (e.MinX < -180 || e.MaxX > 180 || e.MinY < -90 || e.MaxY > 90)
            {
                Skip(raw, ImportProblemCode.CoordinateOutOfRange, $"In WGS 84 the geometry spans {e}, outside lon/lat: the data is not in {crs}; pass the right --crs.");
                continue;
            }
            wgs84.Value.SRID = 4326;
            if (_areaCrs is null)
            {
                _areaCrs = ChooseAreaCrs(crs, toWgs84, e);
                areaInSourcePlane = crs.Definition is { Datum: GeodeticDatum.Cgcs2000 or GeodeticDatum.Wgs84 } && crs.CentralMeridian == _areaCrs.TransverseMercatorMeridian;
                toArea = areaInSourcePlane ? null : CrsTransformer.Create(KnownCrs.Wgs84, _areaCrs).Value;
            }
            var area = geometry is IPolygonal
                ? areaInSourcePlane ? geometry.Area : toArea!.Transform(wgs84.Value) is { IsSuccess: true } plane ? plane.Value.Area : 0
                : 0;
            Imported++;
            if (repaired) Repaired++;
            yield return new LayerFeature(raw.Index, Key(raw, keyField), raw.Attributes, wgs84.Value, area, repaired);
        }
    }

    private (ImportProblemCode Code, string Message)? Check(Geometry geometry)
    {
        if (geometry.IsEmpty) return (ImportProblemCode.EmptyGeometry, "The geometry is empty; delete the record or draw it.");
        if (geometry.NumPoints > _options.MaxVerticesPerFeature)
            return (ImportProblemCode.TooManyVertices, $"{geometry.NumPoints} vertices, over the cap of {_options.MaxVerticesPerFeature}; simplify or split the feature.");
        var finite = new FiniteCheck();
        geometry.Apply(finite);
        return finite.Done ? (ImportProblemCode.NonFiniteCoordinate, "A vertex is NaN or infinite; remove or fix it.") : null;
    }

    // A Gauss-Krüger CRS with the zone in its false easting expects eastings of zone·10⁶ + …, one without expects < 10⁶.
    private static string? ZonePrefixMismatch(Geometry geometry, SourceCrs crs)
    {
        if (crs.Definition is not { IsProjected: true } d || crs.CentralMeridian is not { } meridian) return null;
        var x = geometry.Coordinate.X;
        var prefixed = FalseEasting(d) >= 1_000_000;
        var (zone, _) = SurveyCoordinates.SplitZone(x);
        var zoneHint = zone is { } z
            ? GaussKrugerZones.ThreeDegreeEpsg(d.Datum, z, prefixed: true) is { } three && Math.Abs(3 * z - meridian) < 1e-9 ? $" (EPSG:{three})" : ""
            : GaussKrugerZones.ThreeDegreeEpsg(d.Datum, (int)Math.Round(meridian / 3), prefixed: false) is { } cm ? $" (EPSG:{cm})" : "";
        return (zone, prefixed) switch
        {
            (not null, false) => string.Create(CultureInfo.InvariantCulture,
                $"The first easting {x:0.###} carries zone prefix {zone}, but {crs} has none: the data is in the zone-{zone} CRS with prefix{zoneHint}; pass --crs."),
            (null, true) => string.Create(CultureInfo.InvariantCulture,
                $"The first easting {x:0.###} has no zone prefix, but {crs} expects one: the data is in the CRS without prefix{zoneHint}; pass --crs."),
            _ => null,
        };
    }

    private static double FalseEasting(CrsDefinition d)
    {
        var projection = ((ProjNet.CoordinateSystems.ProjectedCoordinateSystem)d.CoordinateSystem).Projection;
        for (var i = 0; i < projection.NumParameters; i++)
        {
            if (string.Equals(projection.GetParameter(i).Name, "false_easting", StringComparison.OrdinalIgnoreCase)) return projection.GetParameter(i).Value;
        }
        return 0;
    }

    private CrsDefinition ChooseAreaCrs(SourceCrs crs, Func<Geometry, CrsResult<Geometry>> toWgs84, Envelope first)
    {
        if (crs.CentralMeridian is { } meridian && Math.Abs(meridian / 3 - Math.Round(meridian / 3)) < 1e-9) return GaussKrugerZones.AreaCrs(meridian);
        if (_source!.DeclaredExtent is { IsNull: false } declared
            && toWgs84(new GeometryFactory().CreatePoint(declared.Centre)) is { IsSuccess: true } centre && double.IsFinite(centre.Value.Coordinate.X))
            return GaussKrugerZones.AreaCrs(centre.Value.Coordinate.X);
        return GaussKrugerZones.AreaCrs(first.Centre.X);
    }

    private static string Key(RawFeature raw, string? keyField)
    {
        if (keyField is not null)
        {
            foreach (var (name, value) in raw.Attributes)
            {
                if (string.Equals(name, keyField, StringComparison.OrdinalIgnoreCase)
                    && Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() is { Length: > 0 } key)
                    return key;
            }
        }
        return "fid:" + (raw.Fid ?? raw.Index.ToString(CultureInfo.InvariantCulture));
    }

    private void Skip(RawFeature raw, ImportProblemCode code, string message) =>
        _problems.Add(code, _source!.Where, raw.Index, raw.Fid is null ? null : "fid " + raw.Fid, "geometry", message);

    private LayerReadException Fatal(int index, ImportProblemCode code, string message) =>
        new(new ImportProblem(code, _source!.Where, index, null, null, message));

    /// <summary>Closes the file and removes temporary files.</summary>
    public void Dispose()
    {
        _source?.Dispose();
        _cleanup?.Invoke();
    }

    // Reads the sequences in place: Geometry.Coordinates would copy every vertex of a million features.
    private sealed class FiniteCheck : IEntireCoordinateSequenceFilter
    {
        public bool Done { get; private set; }

        public bool GeometryChanged => false;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count && !Done; i++) Done = !double.IsFinite(seq.GetX(i)) || !double.IsFinite(seq.GetY(i));
        }
    }
}
