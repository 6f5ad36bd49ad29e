using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using NetTopologySuite.Geometries;

namespace LandMap.Core.Geocoding;

/// <summary>
/// Geometry the solver derives from gazetteer features alone, whatever the parcel's size: a road's 东段 within the
/// district, a 四至 box's region and the district narrowed to it, two roads' crossing. Computed once per district
/// plane and reused by every entry and column that names the same features (the same computation, so the same result).
/// Keys hold the features' plane geometries by reference: the gazetteer projects each feature once per plane; the
/// entries live as long as the district's plane geometry does.
/// </summary>
internal static class DerivedGeometries
{
    private static readonly ConditionalWeakTable<Geometry, ConcurrentDictionary<Key, object>> ByDistrict = new();

    /// <summary>The value for <paramref name="key"/> in <paramref name="district"/>'s plane, computed on first use.</summary>
    public static T Get<T>(Geometry district, Key key, Func<T> compute) where T : notnull =>
        (T)ByDistrict.GetValue(district, _ => new ConcurrentDictionary<Key, object>()).GetOrAdd(key, _ => compute());

    /// <summary>An object compared by reference (a gazetteer feature's plane geometry).</summary>
    public readonly struct Ref(object? target) : IEquatable<Ref>
    {
        private readonly object? _target = target;

        /// <inheritdoc/>
        public bool Equals(Ref other) => ReferenceEquals(_target, other._target);

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is Ref other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode() => RuntimeHelpers.GetHashCode(_target);
    }

    /// <summary>What was derived (<paramref name="Kind"/>), from which geometries, with which parameters.</summary>
    public readonly record struct Key(string Kind, Ref A, Ref B = default, Ref C = default, Ref D = default, long Code = 0, double Parameter = 0);
}
