using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("PosTerminal.Hal")]
[assembly: AssemblyDescription("PosTerminal hardware contracts and portable drivers")]
[assembly: AssemblyProduct("PosTerminal")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
