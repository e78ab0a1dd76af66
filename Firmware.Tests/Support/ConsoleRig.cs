using System.Collections.Generic;
using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Commands;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Service;
using PosTerminal.Firmware.Settings;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Parts;

namespace PosTerminal.Firmware.Tests.Support
{
    /// <summary>
    /// The command layer and the maintenance console over a RAM store and a virtual clock.
    /// By default the store holds three bindings (a merchant, a card, a device) and a
    /// technician code, and the console is logged in; login: false leaves it anonymous.
    /// </summary>
    public sealed class ConsoleRig
    {
        public const string TechnicianCode = "73920418";

        public static readonly Binding Merchant = new Binding(BindingKind.Merchant, "102030405060708", "11223344");
        public static readonly Binding Card = new Binding(BindingKind.SettlementCard, "6222********1234", null);
        public static readonly Binding Device = new Binding(BindingKind.Device, "8877665544", null);

        public ConsoleRig(MemoryRecordStore store = null, VirtualClock clock = null, bool login = true, bool bindings = true,
            bool technicianCode = true, PosTerminal.Hal.ICrypto crypto = null)
        {
            Store = store ?? new MemoryRecordStore();
            Clock = clock ?? new VirtualClock();
            if (bindings && store == null) Seed(Store, Merchant, Card, Device);
            Crypto = crypto ?? new SimCrypto();
            Json = new SimJson();
            Boot();
            if (technicianCode && !Security.Technician.IsSet && !Security.Technician.Damaged) Security.Technician.Replace(Security.HashSecret(TechnicianCode, false));
            if (login) Run("login " + TechnicianCode);
            AllOutput.Clear();
        }

        public MemoryRecordStore Store { get; }
        public VirtualClock Clock { get; }
        public PosTerminal.Hal.ICrypto Crypto { get; }
        public SimJson Json { get; }
        public SecurityServices Security { get; private set; }
        public TerminalCommands Commands { get; private set; }
        public FakeHost Host { get; private set; }
        public SimConsolePort Port { get; } = new SimConsolePort();
        public MaintenanceConsole Console { get; private set; }

        public BindingList Bindings { get { return Commands.Bindings; } }

        /// <summary>Every line written so far (after the rig's own login), for the "no secret in the output" checks.</summary>
        public List<string> AllOutput { get; } = new List<string>();

        /// <summary>A power cycle: everything is read back from the store (the console is logged out).</summary>
        public void Reboot()
        {
            Clock.PowerOn();
            Boot();
        }

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

        /// <summary>Writes binding records straight into a store, as a terminal that bound them would have.</summary>
        public static void Seed(MemoryRecordStore store, params Binding[] bindings)
        {
            for (int i = 0; i < bindings.Length; i++)
            {
                store.Write(Storage.RecordKeys.FirstBinding + i, BindingCodec.Encode(bindings[i].ForStorage()));
            }
        }

        private void Boot()
        {
            Security = new SecurityServices(Store, Clock, Crypto);
            Host = new FakeHost();
            Commands = new TerminalCommands(Store, Security, new BindingList(Store), TerminalSettings.Load(Store), Json, "PT000001", Host);
            Console = new MaintenanceConsole(Port, Commands);
            Commands.ReportDamage(); // as Terminal.Boot does
        }
    }
}
