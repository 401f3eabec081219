using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Tests.Support;
using Xunit.Sdk;

namespace Backprop.Tests.Nn;

/// <summary>The same network in float and in double (float weights cast from the double ones) agrees to about 1e-4 relative.</summary>
public class FloatDoubleAgreementTests
{
    private const double Relative = 1e-4;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var hidden in new[] { "sigmoid", "tanh", "relu", "leaky_relu:0.1" })
            foreach (var loss in new[] { "softmax_ce", "bce_logits", "mse_half", "mse_mean" })
                data.Add(hidden, loss);
        data.Add("softmax", "mse_half");
        data.Add("identity", "softmax_ce");
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LossAndGradientsAgree(string hiddenActivation, string lossName)
    {
        const int n = 8, inputs = 5, hidden = 7;
        var loss = Loss.Parse(lossName);
        int outputs = lossName == "bce_logits" ? 1 : 3;
        var model = Mlp.Create<double>([inputs, hidden, hidden, outputs], Activation.Parse(hiddenActivation), seed: 17);
        foreach (var layer in model.Layers.Cast<Dense<double>>())
            TestData.Normal(TestData.Seed(layer.Outputs), 0.3, layer.Outputs).Span.CopyTo(layer.B.Span);
        var floatModel = new Sequential<float>(model.Layers.Cast<Dense<double>>()
            .Select(d => (Module<float>)new Dense<float>(d.W.Cast<float>(), d.B.Cast<float>(), d.Activation)).ToArray());

        var x = TestData.Normal(3, 1, n, inputs);
        var target = lossName switch
        {
            "softmax_ce" => TestData.Labels(4, n, outputs),
            "bce_logits" => Tensor<double>.FromArray([1, 0, 0, 1, 1, 1, 0, 1]),
            _ => TestData.Normal(4, 1, n, outputs),
        };

        var lossD = loss.Compute(model.Forward(x), target);
        lossD.Backward();
        var lossF = loss.Compute(floatModel.Forward(x.Cast<float>()), target.Cast<float>());
        lossF.Backward();

        AssertAgree([lossD.Item], [lossF.Item], "loss");
        var pd = model.NamedParameters().ToArray();
        var pf = floatModel.NamedParameters().ToArray();
        Assert.Equal(pd.Length, pf.Length);
        for (int i = 0; i < pd.Length; i++)
        {
            Assert.Equal(pd[i].Name, pf[i].Name);
            AssertAgree(pd[i].Value.Grad!.ToArray(), pf[i].Value.Grad!.ToArray(), $"d loss/d {pd[i].Name}");
        }
    }

    /// <summary>|f - d| ≤ 1e-4·|d|, with a floor of 1e-4 of the tensor's largest entry for entries that nearly cancel.</summary>
    private static void AssertAgree(double[] d, float[] f, string what)
    {
        Assert.Equal(d.Length, f.Length);
        double scale = d.Max(Math.Abs);
        for (int i = 0; i < d.Length; i++)
        {
            double diff = Math.Abs(f[i] - d[i]);
            if (!(diff <= Relative * Math.Max(Math.Abs(d[i]), 1e-2 * scale) + 1e-9))
                throw new XunitException($"{what}[{i}]: double {d[i]:R}, float {f[i]:R}, relative difference {diff / Math.Abs(d[i]):E2}.");
        }
    }
}
