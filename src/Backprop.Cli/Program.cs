using var signals = Backprop.Cli.Common.Signals.Listen();
using var output = Backprop.Cli.Common.StandardOutput.Open();
return Backprop.Cli.BackpropCli.Run(args, output.Out, output.Error);
