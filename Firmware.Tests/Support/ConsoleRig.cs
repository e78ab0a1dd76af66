using System;
using System.Collections.Generic;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Service;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Parts;

namespace PosTerminal.Firmware.Tests.Support
{
    /// <summary>A maintenance console over a RAM store, virtual clock and fake terminal.</summary>
    public sealed class ConsoleRig
    {
        public ConsoleRig(MemoryRecordStore store = null, VirtualClock clock = null, string terminalId = "PT000001", int maxLine = 200, int seed = 1)
        {
            Store = store ?? new MemoryRecordStore();
            Clock = clock ?? new VirtualClock();
            Crypto = new SimCrypto(seed);
            Security = new SecurityServices(Store, Clock, Crypto);
            Secret = new TerminalSecret(Store, Crypto);
            Backup = new BackupService(Security, Crypto, Secret, terminalId, maxLine, Terminal);
            Console = new MaintenanceConsole(Port, Security, Backup, Terminal, Terminal);
            Port.Listening = true;
        }

        public MemoryRecordStore Store { get; }
        public VirtualClock Clock { get; }
        public SimCrypto Crypto { get; }
        public TerminalSecret Secret { get; }
        public SecurityServices Security { get; }
        public BackupService Backup { get; }
        public FakeTerminal Terminal { get; } = new FakeTerminal();
        public SimConsolePort Port { get; } = new SimConsolePort();
        public MaintenanceConsole Console { get; }

        /// <summary>Every line typed so far, for the "no secret in the output" checks.</summary>
        public List<string> AllOutput { get; } = new List<string>();

        public string[] Run(string line)
        {
            Port.Send(line);
            Console.Poll();
            string[] output = Port.TakeOutput();
            AllOutput.AddRange(output);
            return output;
        }

        /// <summary>Pastes lines one by one (as a terminal program sends them) and returns all the output.</summary>
        public string[] Paste(IEnumerable<string> lines)
        {
            var output = new List<string>();
            foreach (string line in lines) output.AddRange(Run(line));
            return output.ToArray();
        }

        public string RunOne(string line)
        {
            return string.Join("\n", Run(line));
        }
    }
}
