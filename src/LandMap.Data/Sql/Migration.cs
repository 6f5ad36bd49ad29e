namespace LandMap.Data.Sql;

/// <summary>One schema step: applied once, in version order, inside the transaction that records it.</summary>
/// <param name="Version">The schema version this step brings the store to.</param>
/// <param name="Description">What it adds.</param>
/// <param name="Statements">The DDL, one statement each (no parameters: schema only).</param>
public sealed record Migration(int Version, string Description, IReadOnlyList<string> Statements);
