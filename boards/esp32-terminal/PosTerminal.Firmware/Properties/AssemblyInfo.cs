using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("PosTerminal.Firmware")]
[assembly: AssemblyDescription("PosTerminal terminal application")]
[assembly: AssemblyProduct("PosTerminal")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
