using System.Reflection;
using System.Text.Json;
using Backprop.Tensors;

namespace Backprop.Tests.Packaging;

/// <summary>
/// Each package depends only on what its job needs, as ML.NET splits Microsoft.ML.Parquet and Microsoft.ML.OnnxTransformer
/// off its core: the core <c>Backprop</c> on System.Numerics.Tensors and the CSV parser, Parquet and ONNX in packages of
/// their own. Read from the dependency graph NuGet resolved for this build (the test assembly's <c>.deps.json</c>, whose
/// entry for each project lists the packages and projects it depends on, as its package's nuspec will).
/// </summary>
public class PackageDependencyTests
{
    [Fact]
    public void TheCoreDependsOnlyOnTensorsAndTheCsvParser() =>
        Assert.Equal(["Sylvan.Data.Csv", "System.Numerics.Tensors"], DependenciesOf("Backprop"));

    [Fact]
    public void ParquetAndOnnxEachBringTheirOwnDependencies()
    {
        Assert.Equal(["Backprop", "Parquet.Net", "Snappier", "ZstdSharp.Port"], DependenciesOf("Backprop.Parquet"));
        Assert.Equal(["Backprop", "Google.Protobuf"], DependenciesOf("Backprop.Onnx"));
    }

    /// <summary>The compiled core references no assembly besides the framework's and the two packages' (a reference in code, not only in the project file).</summary>
    [Fact]
    public void TheCompiledCoreReferencesOnlyTheFrameworkAndTheTwoPackages()
    {
        string framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string[] others = [.. typeof(Tensor<>).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => !File.Exists(Path.Combine(framework, name + ".dll")))
            .Order()];
        Assert.Equal(["Sylvan.Data.Csv", "System.Numerics.Tensors"], others);
    }

    // The names of the packages and projects `project` depends on, sorted.
    private static string[] DependenciesOf(string project)
    {
        string file = Path.Combine(AppContext.BaseDirectory, Assembly.GetExecutingAssembly().GetName().Name + ".deps.json");
        using var deps = JsonDocument.Parse(File.ReadAllText(file));
        var target = deps.RootElement.GetProperty("targets").EnumerateObject().First().Value;
        var entry = target.EnumerateObject().Single(e => e.Name.StartsWith(project + "/", StringComparison.Ordinal)).Value;
        return entry.TryGetProperty("dependencies", out var dependencies) ? [.. dependencies.EnumerateObject().Select(d => d.Name).Order(StringComparer.Ordinal)] : [];
    }
}
