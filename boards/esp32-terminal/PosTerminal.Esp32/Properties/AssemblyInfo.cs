using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("PosTerminal.Esp32")]
[assembly: AssemblyDescription("PosTerminal firmware for the ESP32 terminal board")]
[assembly: AssemblyProduct("PosTerminal")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
