using System.Runtime.CompilerServices;

namespace Backprop.Tests.Support;

/// <summary>The test assembly reads <c>*.parquet</c> through <see cref="Data.DataFile"/> as the tool does: Parquet is registered on load.</summary>
internal static class Formats
{
    [ModuleInitializer]
    internal static void RegisterParquet() => Parquet.ParquetTable.Register();
}
