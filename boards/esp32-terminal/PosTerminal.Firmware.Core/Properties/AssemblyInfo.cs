using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("PosTerminal.Firmware.Core")]
[assembly: AssemblyDescription("PosTerminal firmware lower layers")]
[assembly: AssemblyProduct("PosTerminal")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
