using System.Text;
using Emulation.Cli;

Console.OutputEncoding = new UTF8Encoding(false);
return CommandLine.Run(args, Console.Out, Console.Error);
