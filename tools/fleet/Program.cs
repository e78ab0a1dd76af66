using System;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Threading.Tasks;

namespace PosTerminal.Tools.Fleet
{
    /// <summary>
    /// fleet --broker HOST:PORT [--credentials FILE] [--keys FILE] [--data DIR] [--timeout S] VERB ...
    /// Verbs: list, status ID, lock ID REASON, unlock ID, pause ID, reactivate ID, events ID,
    /// set-merchant-name ID NAME, enroll ID (at provisioning). Secrets come only from files.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            Console.OutputEncoding = Encoding.UTF8;
            return Run(args, Console.Out);
        }

        public static int Run(string[] args, System.IO.TextWriter output)
        {
            var broker = new Option<string>("--broker") { Description = "the broker, HOST:PORT", Required = true, Recursive = true };
            var credentials = new Option<string>("--credentials") { Description = "JSON file with the fleet user's broker username and password", Recursive = true };
            var keys = new Option<string>("--keys") { Description = "JSON file: terminal id -> fleet key (64 hex digits)", Recursive = true };
            var data = new Option<string>("--data") { Description = "folder for the event logs and sequence numbers", Recursive = true };
            var timeout = new Option<double>("--timeout") { Description = "seconds to wait for an answer (default 10)", DefaultValueFactory = _ => 10, Recursive = true };
            var root = new RootCommand("PosTerminal fleet tool: commands, state and events over the fleet's MQTT broker (docs/fleet.md)");
            root.Options.Add(broker);
            root.Options.Add(credentials);
            root.Options.Add(keys);
            root.Options.Add(data);
            root.Options.Add(timeout);

            DeskOptions Options(ParseResult r)
            {
                string address = r.GetValue(broker);
                int colon = address.LastIndexOf(':');
                if (colon <= 0 || !int.TryParse(address.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port))
                    throw new DeskException("--broker takes HOST:PORT, e.g. 127.0.0.1:1883");
                var (user, password) = DeskFiles.Credentials(r.GetValue(credentials));
                return new DeskOptions
                {
                    Host = address.Substring(0, colon).Trim('[', ']'),
                    Port = port,
                    User = user,
                    Password = password,
                    KeysFile = r.GetValue(keys),
                    DataFolder = r.GetValue(data) ?? DeskFiles.DefaultDataFolder(),
                    Timeout = TimeSpan.FromSeconds(r.GetValue(timeout)),
                };
            }

            int Guarded(Func<Task<int>> verb)
            {
                try
                {
                    return verb().GetAwaiter().GetResult();
                }
                catch (DeskException e)
                {
                    output.WriteLine("error: " + e.Message);
                    return FleetDesk.Usage;
                }
            }

            var list = new Command("list", "terminals: state, online, firmware, last seen");
            list.SetAction(r => Guarded(() => new FleetDesk(Options(r), output).ListAsync()));
            root.Subcommands.Add(list);

            void Simple(string name, string op, string help)
            {
                var id = new Argument<string>("ID") { Description = "terminal id" };
                var command = new Command(name, help);
                command.Arguments.Add(id);
                command.SetAction(r => Guarded(() => new FleetDesk(Options(r), output).CommandAsync(Id(r.GetValue(id)), op, "")));
                root.Subcommands.Add(command);
            }

            void WithText(string name, string op, string textName, string help)
            {
                var id = new Argument<string>("ID") { Description = "terminal id" };
                var text = new Argument<string[]>(textName) { Description = textName.ToLowerInvariant(), Arity = ArgumentArity.OneOrMore };
                var command = new Command(name, help);
                command.Arguments.Add(id);
                command.Arguments.Add(text);
                command.SetAction(r => Guarded(() => new FleetDesk(Options(r), output).CommandAsync(Id(r.GetValue(id)), op, string.Join(" ", r.GetValue(text)))));
                root.Subcommands.Add(command);
            }

            Simple("status", "status", "the terminal's state, answered by the terminal");
            WithText("lock", "lock", "REASON", "lock a lost or stolen terminal");
            Simple("unlock", "unlock", "lift the lock");
            Simple("pause", "pause", "pause: card reader off, bindings kept");
            Simple("reactivate", "reactivate", "end a pause");
            WithText("set-merchant-name", "set-merchant-name", "NAME", "the name on the idle screen (at most 16 LCD cells)");

            var eventsId = new Argument<string>("ID") { Description = "terminal id" };
            var events = new Command("events", "the terminal's events, each once, including those sent while this tool was not running");
            events.Arguments.Add(eventsId);
            events.SetAction(r => Guarded(() => new FleetDesk(Options(r), output).EventsAsync(Id(r.GetValue(eventsId)))));
            root.Subcommands.Add(events);

            var enrollId = new Argument<string>("ID") { Description = "terminal id" };
            var enroll = new Command("enroll", "at provisioning, before the terminal first comes online: the broker keeps its events for this desk from now on");
            enroll.Arguments.Add(enrollId);
            enroll.SetAction(r => Guarded(() => new FleetDesk(Options(r), output).EnrollAsync(Id(r.GetValue(enrollId)))));
            root.Subcommands.Add(enroll);

            ParseResult parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                foreach (var error in parsed.Errors) output.WriteLine("error: " + error.Message);
                output.WriteLine("usage: fleet --broker HOST:PORT --credentials FILE [--keys FILE] VERB ...; --help for more");
                return FleetDesk.Usage;
            }
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = output });
        }

        /// <summary>The terminal's own rule for its id (TerminalHardware.TerminalId): 1-16 of A-Z, 0-9 and '-'.</summary>
        public static bool IsTerminalId(string id)
        {
            if (string.IsNullOrEmpty(id) || id.Length > 16) return false;
            foreach (char c in id)
            {
                if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return false;
            }
            return true;
        }

        private static string Id(string id)
        {
            if (!IsTerminalId(id)) throw new DeskException("a terminal id is 1-16 of A-Z, 0-9 and '-' (capitals), not '" + id + "'");
            return id;
        }
    }
}
