using System.Collections.Generic;
using System.Linq;
using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Commands;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Service;
using PosTerminal.Firmware.Settings;
using PosTerminal.Firmware.Text;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Parts;

namespace PosTerminal.Firmware.Tests.Support
{
    /// <summary>
    /// The command layer and the maintenance console over a RAM store and a virtual clock.
    /// By default the store holds three bindings (a merchant, a card, a device) and a
    /// technician code, the console is logged in and someone listens on it; login: false
    /// leaves it anonymous. The keypad's side (an operator session, binding, deregistering,
    /// the language) goes through the same command layer (OperatorSession, Bind, ...).
    /// </summary>
    public sealed class ConsoleRig
    {
        public const string TechnicianCode = "73920418";

        public static readonly Binding Merchant = new Binding(BindingKind.Merchant, "102030405060708", "11223344");
        public static readonly Binding Card = new Binding(BindingKind.SettlementCard, "6222********1234", null);
        public static readonly Binding Device = new Binding(BindingKind.Device, "8877665544", null);

        private readonly string _terminalId;
        private readonly int _maxLine;

        public ConsoleRig(MemoryRecordStore store = null, VirtualClock clock = null, bool login = true, bool bindings = true,
            bool technicianCode = true, PosTerminal.Hal.ICrypto crypto = null, string terminalId = "PT000001", int maxLine = 200,
            int seed = 1)
        {
            Store = store ?? new MemoryRecordStore();
            Clock = clock ?? new VirtualClock();
            if (bindings && store == null) Seed(Store, Merchant, Card, Device);
            Crypto = crypto ?? new SimCrypto(seed);
            _terminalId = terminalId;
            _maxLine = maxLine;
            Port.Listening = true;
            Boot();
            if (technicianCode && !Security.Technician.IsSet && !Security.Technician.Damaged) Security.Technician.Replace(Security.HashSecret(TechnicianCode, false));
            if (login) Run("login " + TechnicianCode);
            AllOutput.Clear();
        }

        public MemoryRecordStore Store { get; }
        public VirtualClock Clock { get; }
        public PosTerminal.Hal.ICrypto Crypto { get; }
        public SecurityServices Security { get; private set; }
        public TerminalCommands Commands { get; private set; }
        public FakeHost Host { get; private set; }
        public SimConsolePort Port { get; } = new SimConsolePort();
        public MaintenanceConsole Console { get; private set; }

        public BindingList Bindings { get { return Commands.Bindings; } }

        /// <summary>The backup secret (the command layer's).</summary>
        public TerminalSecret Secret { get { return Commands.Secret; } }

        /// <summary>Restores that committed so far (audit entries "restore ok").</summary>
        public int Restores
        {
            get { return Security.Audit.ReadNewestFirst(AuditLog.Capacity).Count(e => e.Event == AuditEvent.Restore && e.Outcome == AuditOutcome.Ok); }
        }

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

        // ---- the keypad's side, through the command layer ----

        /// <summary>Opens the operator's session as the login screen does (the factory password unless given).</summary>
        public void OperatorSession(string password = PasswordPolicy.FactoryPassword)
        {
            LoginOutcome outcome = Commands.OperatorLogin(password);
            if (!Commands.OperatorSessionOpen) throw new System.InvalidOperationException("operator login: " + outcome);
        }

        /// <summary>Binds through the command layer in an operator session; throws unless Done.</summary>
        public void Bind(Binding binding)
        {
            if (!Commands.OperatorSessionOpen) OperatorSession();
            CommandStatus status = Commands.Bind(Channel.Keypad, binding);
            if (status != CommandStatus.Done) throw new System.InvalidOperationException("bind: " + status);
        }

        /// <summary>Deregisters a bound binding as the keypad does (the password again); throws unless Done.</summary>
        public void Deregister(Binding binding, string password = PasswordPolicy.FactoryPassword)
        {
            if (!Commands.OperatorSessionOpen) OperatorSession(password);
            int slot = Bindings.SlotOf(binding);
            CommandStatus status = Commands.Deregister(Channel.Keypad, slot, binding, password);
            if (status != CommandStatus.Done) throw new System.InvalidOperationException("deregister: " + status);
        }

        /// <summary>Deregisters every binding (as the keypad would, one by one).</summary>
        public void DeregisterAll()
        {
            while (Bindings.Count > 0) Deregister(Bindings[0]);
        }

        /// <summary>Sets the language as the keypad's language screen does; throws unless Done.</summary>
        public void SetLanguage(Language language)
        {
            if (!Commands.OperatorSessionOpen) OperatorSession();
            CommandStatus status = Commands.SetLanguage(Channel.Keypad, language);
            if (status != CommandStatus.Done) throw new System.InvalidOperationException("language: " + status);
        }

        /// <summary>The bindings' identifiers (merchant no., truncated card, serial), sorted.</summary>
        public string[] BindingIds()
        {
            var ids = new List<string>();
            for (int i = 0; i < Bindings.Count; i++) ids.Add(Bindings[i].Primary);
            ids.Sort(System.StringComparer.Ordinal);
            return ids.ToArray();
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
            Commands = new TerminalCommands(Store, Security, new BindingList(Store), TerminalSettings.Load(Store), _terminalId, _maxLine, Host);
            Console = new MaintenanceConsole(Port, Commands);
            Commands.ReportDamage(); // as Terminal.Boot does
        }
    }
}
