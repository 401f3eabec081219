using var signals = Backprop.Cli.Common.Signals.Listen();
return Backprop.Cli.BackpropCli.Run(args, Console.Out, Console.Error);
