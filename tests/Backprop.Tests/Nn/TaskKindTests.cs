using Backprop.Data;
using Backprop.IO;
using Backprop.Nn;
using Backprop.Tests.Support;
using Backprop.Training;

namespace Backprop.Tests.Nn;

/// <summary>
/// One task type: the data's task, a loss's targets, a PyTorch import's task and the model file's task are all <see cref="TaskKind"/>;
/// files keep spelling it <c>classification</c> (binary too) or <c>regression</c>.
/// </summary>
public sealed class TaskKindTests : TempDirTest
{
    [Fact]
    public void TheDataTheLossTheImportAndTheModelFileShareOneTaskType()
    {
        Type[] types =
        [
            typeof(CsvOptions).GetProperty(nameof(CsvOptions.Task))!.PropertyType, typeof(TorchImportOptions).GetProperty(nameof(TorchImportOptions.Task))!.PropertyType,
            typeof(ModelMetadata).GetProperty(nameof(ModelMetadata.Task))!.PropertyType, typeof(Loss).GetProperty(nameof(Loss.Task))!.PropertyType,
            typeof(TabularSchema).GetProperty(nameof(TabularSchema.Task))!.PropertyType,
        ];
        Assert.All(types, t => Assert.Equal(typeof(TaskKind), Nullable.GetUnderlyingType(t) ?? t));
        Assert.DoesNotContain(typeof(Loss).Assembly.GetExportedTypes(), t => t.Name is "TargetKind" or "ImportTask");
    }

    [Fact]
    public void EachBuiltInLossNamesItsTask()
    {
        Assert.Equal(TaskKind.Classification, Loss.Parse("softmax_ce").Task);
        Assert.Equal(TaskKind.Binary, Loss.Parse("bce_logits").Task);
        Assert.Equal(TaskKind.Regression, Loss.Parse("mse_mean").Task);
        Assert.Equal(TaskKind.Regression, Loss.Parse("mse_half").Task);
        Assert.True(TaskKind.Binary.IsClassification());
        Assert.False(TaskKind.Regression.IsClassification());
    }

    [Theory]
    [InlineData(TaskKind.Classification, "classification")]
    [InlineData(TaskKind.Binary, "classification")]
    [InlineData(TaskKind.Regression, "regression")]
    public void FilesKeepTheirSpelling(TaskKind task, string spelled)
    {
        Assert.Equal(spelled, task.FileName());
        var data = Backprop.Datasets.BuiltIn.Iris<float>().Data;
        // A model file's task must agree with its loss (a file that contradicts itself is neither written nor read): regression's is mse.
        var network = Network<float>.For(data, hidden: [4], loss: task.IsClassification() ? null : Loss.Parse("mse_mean"), metadata: new ModelMetadata { Task = task });
        string path = Dir.Path($"{task}.safetensors");
        network.Save(path);
        Assert.Equal(spelled, SafetensorsFile.Read(path).Metadata["task"]);
        Assert.Equal(spelled == "regression" ? TaskKind.Regression : TaskKind.Classification, Network<float>.Load(path).Metadata.Task);
    }

    [Fact]
    public void ABinaryTaskReadsItsTargetAsClassLabels()
    {
        var table = Csv.Load(Dir.File("b.csv", "x,y\n1,no\n2,yes\n3,no\n"), new CsvOptions { Target = "y", Task = TaskKind.Binary });
        Assert.Equal(["no", "yes"], table.Schema.ClassNames);
        Assert.Equal([0.0, 1.0, 0.0], table.Data.Y.ToArray());
    }
}
