using System.Globalization;
using LandMap.Core.Crs;
using NetTopologySuite.Geometries;

namespace LandMap.Core.Gazetteer.Import;

/// <summary>
/// Imports an authoritative layer (GeoJSON, Shapefile, GeoPackage, OSM) into the gazetteer so that it replaces
/// the sketched features with the same (name, kind, district).
/// </summary>
/// <remarks>
/// <para>Per record, in order: attribute mapping (<see cref="AttributeMapper"/>; unnamed records are skipped),
/// geometry checks (<see cref="GeometryGuard"/>: empty, vertex cap, NaN, validity in the source CRS), CRS
/// checks (<see cref="CoordinateChecks"/>: swapped axes, zone prefix), transformation to WGS 84 with
/// <see cref="CrsTransformer"/> (Xi'an 1980 / Beijing 1954 need <see cref="GazetteerImportOptions.DatumShifts"/>),
/// and a lon/lat range check. Then records sharing a key are merged (<see cref="FeatureMerger"/>), and
/// <see cref="Import(string, IProgress{ImportProgress}, CancellationToken)"/> publishes the result
/// (<see cref="GazetteerPublisher"/>).</para>
/// <para>All or nothing: any problem fails the import and nothing is written.</para>
/// </remarks>
public sealed class GazetteerImporter(GazetteerImportOptions? options = null)
{
    // See OutsideZone: 6° zones reach ±3° from their meridian; degrees read as metres land 4.49° away.
    private const double MaxDegreesFromMeridian = 4.0;

    private readonly GazetteerImportOptions _options = options ?? new GazetteerImportOptions();

    /// <summary>Imports <paramref name="path"/> with <paramref name="options"/>: read, check, write, verify.</summary>
    public static GazetteerImportResult Import(string path, GazetteerImportOptions? options) => new GazetteerImporter(options).Import(path);

    /// <summary>Reads, checks, maps and merges <paramref name="path"/> without writing anything (a dry run).</summary>
    public GazetteerImportResult Read(string path, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = Path.GetFileName(path);
        var problems = new ImportProblems(_options.MaxProblems);
        var source = GazetteerSources.For(path);
        if (source is null)
        {
            problems.FileProblem(ImportProblemCode.UnsupportedFormat, file, $"Cannot import this file type; LandMap reads {GazetteerSources.Supported}.");
            return Failed(file, null, problems, []);
        }

        if (!File.Exists(path))
        {
            problems.FileProblem(ImportProblemCode.ReadFailed, file, "The file does not exist.");
            return Failed(file, source.Format, problems, []);
        }

        var read = source.Read(path, _options, progress, cancellationToken);
        var warnings = new List<string>(read.Warnings);
        problems.AddRange(read.Problems, read.OmittedProblems);
        if (problems.Any)
        {
            return Failed(file, source.Format, problems, warnings);
        }

        var context = new RecordContext(_options, source, _options.Source ?? $"import: {file}", problems, warnings);
        context.Mapper.CheckFields(read.Features, problems);
        if (problems.Any)
        {
            return Failed(file, source.Format, problems, warnings);
        }

        var records = new List<(SourceFeature, GazetteerFeature)>();
        var done = 0;
        foreach (var record in read.Features)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (context.Process(record) is { } feature)
            {
                records.Add((record, feature));
            }

            if (++done % 1000 == 0)
            {
                progress?.Report(new ImportProgress("checking", done, read.Features.Count));
            }
        }

        var merged = problems.Any ? [] : FeatureMerger.Merge(records, _options, problems);
        if (!problems.Any && merged.Count == 0)
        {
            problems.FileProblem(ImportProblemCode.NoFeatures, file,
                context.Unnamed > 0 ? $"All {context.Unnamed} records lack a name; pass --name-field FIELD." : "The file holds no features to import.");
        }

        if (problems.Any)
        {
            return Failed(file, source.Format, problems, warnings);
        }

        var envelope = new Envelope();
        merged.ForEach(f => envelope.ExpandToInclude(f.Geometry.EnvelopeInternal));
        // Data far from every district of the folder's registry is almost surely in the wrong CRS.
        if (Registry.DistrictRegistry.ForFolderWithOutlines(_options.GazetteerDirectory) is { } districts && !districts.IsNearADistrict(envelope))
        {
            warnings.Add($"{file}: the data lies at {envelope}, more than 0.5° from every district of the registry ({districts.DescribeOutlined()}); is the CRS right?");
        }

        if (context.Unnamed > 0)
        {
            warnings.Add($"{file}: {context.Unnamed} record(s) without a name skipped (first: {string.Join(", ", context.UnnamedSample)}).");
        }

        return new GazetteerImportResult
        {
            File = file, Format = source.Format, Encoding = read.Encoding, Features = merged, Unnamed = context.Unnamed, Warnings = warnings,
            ReadPerKind = records.GroupBy(r => r.Item2.Kind).ToDictionary(g => g.Key, g => g.Count()),
        };
    }

    /// <summary>
    /// Reads as <see cref="Read"/>, then writes the features as <c>zz-import-&lt;stem&gt;.geojson</c> into
    /// <see cref="GazetteerImportOptions.GazetteerDirectory"/> and loads the folder to prove it still loads.
    /// </summary>
    public GazetteerImportResult Import(string path, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var read = Read(path, progress, cancellationToken);
        if (!read.IsSuccess)
        {
            return read;
        }

        progress?.Report(new ImportProgress("writing", 0, read.Features.Count));
        var problems = new ImportProblems(_options.MaxProblems);
        var warnings = new List<string>(read.Warnings);
        var name = GazetteerPublisher.OutputName(path);
        var (output, load) = GazetteerPublisher.Publish(read.Features, name, _options, problems, warnings);
        if (output is null || load is null)
        {
            return read with { Features = [], Problems = problems.Items, OmittedProblems = problems.Omitted, Warnings = warnings };
        }

        var replaced = load.Overrides.Where(o => o.By.File == name && o.Replaced.File != name).ToList();
        var replacedKeys = replaced.Select(o => o.By.Key).ToHashSet();
        var added = load.Features.Where(f => f.File == name && !replacedKeys.Contains(f.Key)).ToList();
        return read with { OutputPath = output, Replaced = replaced, Added = added, Warnings = warnings };
    }

    private static GazetteerImportResult Failed(string file, string? format, ImportProblems problems, List<string> warnings) =>
        new() { File = file, Format = format, Problems = problems.Items, OmittedProblems = problems.Omitted, Warnings = warnings };

    /// <summary>Turns one source record into a WGS 84 gazetteer feature, or records why not.</summary>
    private sealed class RecordContext(GazetteerImportOptions options, IGazetteerSource source, string sourceText, ImportProblems problems, List<string> warnings)
    {
        private readonly Dictionary<CrsDefinition, CrsTransformer?> _transformers = [];
        private readonly HashSet<string> _overrideWarned = [];

        public AttributeMapper Mapper { get; } = new(options);

        public int Unnamed { get; private set; }

        public List<string> UnnamedSample { get; } = [];

        public GazetteerFeature? Process(SourceFeature record)
        {
            var mapped = Mapper.Map(record, problems, out var unnamed);
            if (unnamed)
            {
                if (Unnamed++ < 5)
                {
                    UnnamedSample.Add($"{record.Where} feature {record.Index}");
                }

                return null;
            }

            var crs = Crs(record);
            if (mapped is null || crs is null)
            {
                return null;
            }

            var geometry = GeometryGuard.ToXY(record.Geometry);
            var bad = GeometryGuard.Check(geometry, options.MaxVerticesPerFeature) ?? CoordinateChecks.Check(geometry, crs);
            if (bad is { } b)
            {
                problems.Add(b.Code, record.Where, record.Index, record.Id, "geometry", b.Message);
                return null;
            }

            if (Transformer(crs, record.Where) is not { } transformer)
            {
                return null;
            }

            var wgs84 = transformer.Transform(geometry);
            // A web datum reads as lon/lat; its offset from WGS 84 comes off here.
            if (wgs84.IsSuccess && options.WebDatum is { } web && SourceCrs.Of(web).ToWgs84([]) is { IsSuccess: true } toWgs84)
            {
                wgs84 = toWgs84.Value(wgs84.Value);
            }

            if (!wgs84.IsSuccess)
            {
                problems.Add(ImportProblemCode.CrsMismatch, record.Where, record.Index, record.Id, "geometry", wgs84.Error!.Message);
                return null;
            }

            var e = wgs84.Value.EnvelopeInternal;
            if (e.MinX < -180 || e.MaxX > 180 || e.MinY < -90 || e.MaxY > 90)
            {
                problems.Add(ImportProblemCode.CoordinateOutOfRange, record.Where, record.Index, record.Id, "geometry",
                    $"In WGS 84 the geometry spans {e}, outside lon/lat range; the data is not in {crs}: pass the right --crs.");
                return null;
            }

            if (OutsideZone(geometry, e, crs) is { } outside)
            {
                problems.Add(ImportProblemCode.CrsMismatch, record.Where, record.Index, record.Id, "geometry", outside);
                return null;
            }

            return new GazetteerFeature
            {
                Name = mapped.Name, Aliases = mapped.Aliases, Kind = mapped.Kind, District = mapped.District,
                PrecisionM = options.PrecisionM, Source = sourceText, Geometry = wgs84.Value,
                Ways = mapped.Kind == PlaceKind.Road ? record.Ways : null,
            };
        }

        // A Gauss-Krüger zone is used within a few degrees of its meridian (3° zones ±1.5°, 6° zones ±3°); beyond
        // MaxDegreesFromMeridian the numbers are not in that CRS.
        private static string? OutsideZone(Geometry source, Envelope wgs84, CrsDefinition crs)
        {
            if (crs.TransverseMercatorMeridian is not { } meridian
                || (Math.Abs(wgs84.MinX - meridian) <= MaxDegreesFromMeridian && Math.Abs(wgs84.MaxX - meridian) <= MaxDegreesFromMeridian))
            {
                return null;
            }

            var raw = source.EnvelopeInternal;
            var degrees = Math.Abs(raw.MinX) <= 180 && Math.Abs(raw.MaxX) <= 180 && Math.Abs(raw.MinY) <= 90 && Math.Abs(raw.MaxY) <= 90;
            return string.Create(CultureInfo.InvariantCulture,
                $"In {crs} these coordinates land at {wgs84.MinX:0.###}–{wgs84.MaxX:0.###}°E, more than {MaxDegreesFromMeridian}° from its central meridian {meridian}°E: impossible for that CRS. ")
                + (degrees
                    ? "The numbers look like longitude/latitude in degrees: declare EPSG:4490 (CGCS2000) or EPSG:4326, or pass --crs."
                    : "Pass the CRS the data is really in with --crs.");
        }

        private CrsDefinition? Crs(SourceFeature record)
        {
            if (options.Crs is { } given)
            {
                if (record.Crs is { } declared && declared != given && _overrideWarned.Add(record.Where))
                {
                    warnings.Add($"{record.Where}: --crs {given} overrides the file's CRS {declared}.");
                }

                return given;
            }

            // Sources report a missing CRS themselves where it is an error (Shapefile without .prj).
            return record.Crs ?? source.DefaultCrs;
        }

        private CrsTransformer? Transformer(CrsDefinition crs, string where)
        {
            if (_transformers.TryGetValue(crs, out var cached))
            {
                return cached;
            }

            var created = CrsTransformer.Create(crs, KnownCrs.Wgs84, new CrsTransformOptions { DatumShifts = options.DatumShifts });
            if (!created.IsSuccess)
            {
                var code = created.Error!.Code == CrsErrorCode.NeedsDatumShift ? ImportProblemCode.NeedsDatumShift : ImportProblemCode.UnsupportedCrs;
                var hint = code == ImportProblemCode.NeedsDatumShift ? " On the command line: --datum-shift xian1980|beijing1954,dx,dy,dz,rx,ry,rz,ds,position-vector|coordinate-frame." : "";
                problems.FileProblem(code, where, $"{crs}: {created.Error.Message}{hint}");
            }

            return _transformers[crs] = created.IsSuccess ? created.Value : null;
        }
    }
}
