// On the device the firmware is two assemblies (a .pe holds at most 64 KiB of byte code), and
// Commands and Service use Security's internal helpers (LittleEndian, AsciiText). The desktop
// build is one assembly and needs no grant: this file is compiled only by Firmware/Nano/Core and
// the device's PosTerminal.Firmware.Core.nfproj. mscorlib 1.17.11 has the attribute, and nanoCLR
// honours it (harness2 ran the firmware split this way).
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("PosTerminal.Firmware")]
