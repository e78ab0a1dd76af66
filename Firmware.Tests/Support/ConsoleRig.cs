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
        public ConsoleRig(MemoryRecordStore store = null, VirtualClock clock = null)
        {
            Store = store ?? new MemoryRecordStore();
            Clock = clock ?? new VirtualClock();
            Crypto = new SimCrypto();
            Json = new SimJson();
            Security = new SecurityServices(Store, Clock, Crypto);
            Backup = new BackupService(Security, Crypto, Json, Terminal);
            Console = new MaintenanceConsole(Port, Security, Backup, Terminal, Terminal);
        }

        public MemoryRecordStore Store { get; }
        public VirtualClock Clock { get; }
        public SimCrypto Crypto { get; }
        public SimJson Json { get; }
        public SecurityServices Security { get; }
        public BackupService Backup { get; }
        public FakeTerminal Terminal { get; } = new FakeTerminal();
        /// <summary>Long enough for today's one-line backups (see SimConsolePort.OneLineBackupLimit).</summary>
        public SimConsolePort Port { get; } = new SimConsolePort(SimConsolePort.OneLineBackupLimit, false);
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

        public string RunOne(string line)
        {
            return string.Join("\n", Run(line));
        }
    }
}
