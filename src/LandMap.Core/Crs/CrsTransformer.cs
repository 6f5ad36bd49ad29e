using NetTopologySuite;
using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace LandMap.Core.Crs;

/// <summary>Options for <see cref="CrsTransformer"/>.</summary>
public sealed record CrsTransformOptions
{
    /// <summary>Local parameters for Xi'an 1980 / Beijing 1954, at most one per datum. Empty by default.</summary>
    public IReadOnlyList<DatumShift> DatumShifts { get; init; } = [];
}

/// <summary>
/// Transforms NTS geometries between two <see cref="CrsDefinition"/>s with ProjNet. Coordinates are
/// (lon, lat) in degrees or (E, N) in the CRS unit; Z is passed through unchanged.
/// </summary>
/// <remarks>
/// <para>The work is done in up to three steps, in order:</para>
/// <list type="number">
/// <item>inverse projection to the source's geographic CRS, when the source is projected;</item>
/// <item>a datum step, when the datums differ: none between WGS 84 and CGCS2000 (one datum at map scale;
/// ProjNet would otherwise go through geocentric coordinates and lose ~4 mm per trip), a 7-parameter
/// Helmert with the caller's <see cref="DatumShift"/> for Xi'an 1980 / Beijing 1954, and an error when
/// those parameters are missing — never a silent ellipsoid swap;</item>
/// <item>forward projection, when the target is projected.</item>
/// </list>
/// <para>Not guaranteed thread-safe (ProjNet does not promise it for its transforms): use one instance per thread.</para>
/// </remarks>
public sealed class CrsTransformer
{
    private readonly MathTransform[] _steps;
    private readonly GeometryFactory _targetFactory;

    private CrsTransformer(CrsDefinition source, CrsDefinition target, MathTransform[] steps)
    {
        Source = source;
        Target = target;
        _steps = steps;
        _targetFactory = NtsGeometryServices.Instance.CreateGeometryFactory(target.Srid);
    }

    /// <summary>The CRS of the input.</summary>
    public CrsDefinition Source { get; }

    /// <summary>The CRS of the output.</summary>
    public CrsDefinition Target { get; }

    /// <summary>
    /// Builds a transformer, or says why it cannot: <see cref="CrsErrorCode.NeedsDatumShift"/> when Xi'an 1980
    /// or Beijing 1954 meets another datum and <paramref name="options"/> has no parameters for it.
    /// </summary>
    public static CrsResult<CrsTransformer> Create(CrsDefinition source, CrsDefinition target, CrsTransformOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var shifts = options?.DatumShifts ?? [];
        foreach (var shift in shifts)
        {
            if (shift.Validate() is { } invalid)
            {
                return CrsResult<CrsTransformer>.Fail(invalid);
            }
        }

        if (ReferenceEquals(source, target))
        {
            return CrsResult<CrsTransformer>.Ok(new CrsTransformer(source, target, []));
        }

        var datumStep = DatumStep(source, target, shifts);
        if (!datumStep.IsSuccess)
        {
            return CrsResult<CrsTransformer>.Fail(datumStep.Error!);
        }

        var factory = new CoordinateTransformationFactory();
        var steps = new List<MathTransform>(3);
        if (source.CoordinateSystem is ProjectedCoordinateSystem sp)
        {
            steps.Add(factory.CreateFromCoordinateSystems(sp, sp.GeographicCoordinateSystem).MathTransform);
        }

        if (datumStep.Value is { } shiftStep)
        {
            steps.Add(shiftStep);
        }

        if (target.CoordinateSystem is ProjectedCoordinateSystem tp)
        {
            steps.Add(factory.CreateFromCoordinateSystems(tp.GeographicCoordinateSystem, tp).MathTransform);
        }

        return CrsResult<CrsTransformer>.Ok(new CrsTransformer(source, target, [.. steps]));
    }

    /// <summary>Convenience: <see cref="Create"/> then <see cref="Transform(Geometry)"/>.</summary>
    public static CrsResult<Geometry> Transform(Geometry geometry, CrsDefinition source, CrsDefinition target, CrsTransformOptions? options = null)
    {
        var transformer = Create(source, target, options);
        return transformer.IsSuccess ? transformer.Value.Transform(geometry) : CrsResult<Geometry>.Fail(transformer.Error!);
    }

    /// <summary>
    /// Transforms a copy of <paramref name="geometry"/> (the input is never changed); the copy's SRID is
    /// <see cref="CrsDefinition.Srid"/> of the target. Fails on NaN/infinite input or output coordinates.
    /// </summary>
    public CrsResult<Geometry> Transform(Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);

        // CreateGeometry deep-copies the coordinate sequences: ProjNet and the filter below write in place.
        var copy = _targetFactory.CreateGeometry(geometry);
        var filter = new TransformFilter(this);
        copy.Apply(filter);
        if (filter.Problem is { } problem)
        {
            return CrsResult<Geometry>.Fail(CrsErrorCode.NonFiniteCoordinate, problem);
        }

        return CrsResult<Geometry>.Ok(copy);
    }

    /// <summary>Transforms one position; NaN for input outside the CRS's domain.</summary>
    public (double X, double Y) Transform(double x, double y)
    {
        try
        {
            foreach (var step in _steps)
            {
                (x, y) = step.Transform(x, y);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ArithmeticException or ArgumentException)
        {
            // ProjNet's inverse Transverse Mercator throws "No convergence" far outside its zone (a forged file's
            // 1e300 easting): no position, as NaN says for every other such input.
            return (double.NaN, double.NaN);
        }

        return (x, y);
    }

    private static CrsResult<MathTransform?> DatumStep(CrsDefinition source, CrsDefinition target, IReadOnlyList<DatumShift> shifts)
    {
        var sg = source.Geographic;
        var tg = target.Geographic;
        var factory = new CoordinateTransformationFactory();
        if (SameDatum(source.Datum, target.Datum))
        {
            var sameUnits = Math.Abs(sg.AngularUnit.RadiansPerUnit - tg.AngularUnit.RadiansPerUnit) < 1e-15
                && Math.Abs(sg.PrimeMeridian.Longitude - tg.PrimeMeridian.Longitude) < 1e-12;
            if (sameUnits)
            {
                return CrsResult<MathTransform?>.Ok(null);
            }

            // Same datum, other angular unit or prime meridian: give the target the source's datum so
            // ProjNet converts units only.
            var aligned = new CoordinateSystemFactory().CreateGeographicCoordinateSystem(tg.Name, tg.AngularUnit,
                sg.HorizontalDatum, tg.PrimeMeridian, new AxisInfo("Lon", AxisOrientationEnum.East), new AxisInfo("Lat", AxisOrientationEnum.North));
            return CrsResult<MathTransform?>.Ok(factory.CreateFromCoordinateSystems(sg, aligned).MathTransform);
        }

        if (source.Datum == GeodeticDatum.Other || target.Datum == GeodeticDatum.Other)
        {
            return sg.HorizontalDatum.EqualParams(tg.HorizontalDatum)
                ? CrsResult<MathTransform?>.Ok(factory.CreateFromCoordinateSystems(sg, tg).MathTransform)
                : CrsResult<MathTransform?>.Fail(CrsErrorCode.UnsupportedDatumPair,
                    $"Cannot relate datum '{sg.HorizontalDatum.Name}' of {source} to '{tg.HorizontalDatum.Name}' of {target}; " +
                    "reproject the data to CGCS2000 (EPSG:4490/4547) in a desktop GIS first.");
        }

        var missing = new List<GeodeticDatum>();
        var sourceShift = FindShift(source.Datum, shifts, missing);
        var targetShift = FindShift(target.Datum, shifts, missing);
        if (missing.Count > 0)
        {
            var names = string.Join(" and ", missing.Select(DatumName));
            return CrsResult<MathTransform?>.Fail(CrsErrorCode.NeedsDatumShift,
                $"{DatumName(source.Datum)} → {DatumName(target.Datum)} needs local transformation parameters for {names} " +
                "from the bureau (自然资源局), as there are no public ones; pass them with CrsTransformOptions.DatumShifts " +
                "(a DatumShift with the seven Helmert values and their rotation convention).");
        }

        var from = WithShift(sg, sourceShift);
        var to = WithShift(tg, targetShift);
        return CrsResult<MathTransform?>.Ok(factory.CreateFromCoordinateSystems(from, to).MathTransform);
    }

    private static bool SameDatum(GeodeticDatum a, GeodeticDatum b) =>
        (a == b && a != GeodeticDatum.Other) || (IsModern(a) && IsModern(b));

    private static bool IsModern(GeodeticDatum d) => d is GeodeticDatum.Wgs84 or GeodeticDatum.Cgcs2000;

    private static DatumShift? FindShift(GeodeticDatum datum, IReadOnlyList<DatumShift> shifts, List<GeodeticDatum> missing)
    {
        if (IsModern(datum))
        {
            return null;
        }

        var shift = shifts.FirstOrDefault(s => s.From == datum);
        if (shift is null)
        {
            missing.Add(datum);
        }

        return shift;
    }

    private static GeographicCoordinateSystem WithShift(GeographicCoordinateSystem gcs, DatumShift? shift)
    {
        if (shift is null)
        {
            return gcs;
        }

        var factory = new CoordinateSystemFactory();
        var datum = factory.CreateHorizontalDatum(gcs.HorizontalDatum.Name, DatumType.HD_Geocentric,
            gcs.HorizontalDatum.Ellipsoid, shift.ToProjNet());
        return factory.CreateGeographicCoordinateSystem(gcs.Name, gcs.AngularUnit, datum, gcs.PrimeMeridian,
            new AxisInfo("Lon", AxisOrientationEnum.East), new AxisInfo("Lat", AxisOrientationEnum.North));
    }

    private static string DatumName(GeodeticDatum datum) => datum switch
    {
        GeodeticDatum.Xian1980 => "Xi'an 1980",
        GeodeticDatum.Beijing1954 => "Beijing 1954",
        GeodeticDatum.Cgcs2000 => "CGCS2000",
        GeodeticDatum.Wgs84 => "WGS 84",
        _ => "another datum",
    };

    /// <summary>Runs the steps over every coordinate of a (copied) geometry, stopping at the first non-finite one.</summary>
    private sealed class TransformFilter(CrsTransformer owner) : ICoordinateSequenceFilter
    {
        public string? Problem { get; private set; }

        public bool Done => Problem is not null;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var (x, y) = (seq.GetX(i), seq.GetY(i));
            if (!double.IsFinite(x) || !double.IsFinite(y))
            {
                Problem = $"Input coordinate ({x}, {y}) is not finite; fix the source data.";
                return;
            }

            var (tx, ty) = owner.Transform(x, y);
            if (!double.IsFinite(tx) || !double.IsFinite(ty))
            {
                Problem = $"({x}, {y}) has no position in {owner.Target}: is it really in {owner.Source}?";
                return;
            }

            seq.SetX(i, tx);
            seq.SetY(i, ty);
        }
    }
}
