using System.Data.Common;

namespace LandMap.Data.Sql;

/// <summary>One schema step: applied once, in version order, inside the transaction that records it.</summary>
/// <param name="Version">The schema version this step brings the store to.</param>
/// <param name="Description">What it adds.</param>
/// <param name="Statements">The DDL, one statement each (no parameters: schema only).</param>
/// <param name="Backfill">Fills new columns with values only code can compute (public ids, land use), after <paramref name="Statements"/>.</param>
/// <param name="AfterBackfill">DDL that needs the filled values (unique indexes), run last.</param>
public sealed record Migration(int Version, string Description, IReadOnlyList<string> Statements,
    Func<SqlParcelStore, DbConnection, DbTransaction, CancellationToken, Task>? Backfill = null, IReadOnlyList<string>? AfterBackfill = null);
