using System;
using System.Linq;
using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Fleet;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Storage;
using PosTerminal.Firmware.Text;
using PosTerminal.Tools.Checks.Store;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Tools.Checks.Security
{
    /// <summary>
    /// A flash image of a terminal with a past, made by driving a real simulated terminal
    /// (EventBoard) through its keypad, console and fleet link, never by writing records:
    ///
    /// 1. First boot, the technician's first code, a reboot; then two bits flip in the first
    ///    boot's record, so the next boot finds damage no key can be blamed for: every key with
    ///    no newer record fails closed (locked, guards at their longest, password damaged, 8
    ///    damaged slots, a fleet hold). A technician repairs it the way the docs say: an unlock
    ///    code while locked, an hour's wait, unlock on the keypad, factory reset, the first
    ///    login, the fleet key, the fleet's reactivate, the operator's reactivate.
    /// 2. A working life: the clock; technician and unlock codes changed (older hashes stay in
    ///    flash); merchants, cards and devices bound, two deregistered (one slot reused);
    ///    the password changed away from an older one; language, reminder, buzzer; a caught
    ///    fault; fleet set-merchant-name, lock, unlock and pause; lock, unlock and lock again
    ///    from the console and keypad; a backup; routine work until the ring has wrapped.
    /// 3. The end: with the network down (events stay in the outbox), failed logins on all
    ///    three guards, and the terminal locked.
    ///
    /// Keys and codes are in the facts (TerminalFacts); KdfRounds is small so that a sweep
    /// can boot it thousands of times (the rounds are stored with each hash and change no
    /// decision).
    /// </summary>
    public static class TerminalImage
    {
        public const int KdfRounds = 8;
        public const string TerminalId = "PT000001";

        public const string TechnicianOld = Technician.Code;
        public const string TechnicianNew = "61830294";
        public const string UnlockOld = "80417263";
        public const string UnlockNew = "52960318";
        public const string PasswordReset = "481516";
        public const string PasswordOld = "135790";
        public const string PasswordNew = "246801";
        public const string WrongPassword = "999111";
        public const string WrongCode = "12121212";

        public static readonly Binding Merchant = new Binding(BindingKind.Merchant, "898100000000001", "12345678");
        public static readonly Binding Merchant2 = new Binding(BindingKind.Merchant, "898100000000002", "87654321");
        public static readonly Binding Card = new Binding(BindingKind.SettlementCard, "6222021234567894", null);
        public static readonly Binding Device = new Binding(BindingKind.Device, "87654321", null);
        public static readonly Binding DeviceGone = new Binding(BindingKind.Device, "11223344", null);
        public static readonly Binding CardGone = new Binding(BindingKind.SettlementCard, "4111111111111111", null);
        public static readonly Binding Device3 = new Binding(BindingKind.Device, "55667788", null);

        /// <summary>The fleet key (set-fleet-key) and the epoch all commands expire against.</summary>
        public static readonly byte[] FleetKey = Enumerable.Range(0, 32).Select(i => (byte)(0xA0 ^ i * 7)).ToArray();
        public static readonly DateTime Clock = new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);
        public static readonly long Expires = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

        /// <summary>The fleet's unlock (sequence 4): accepted once; replayed it must be refused, whatever a flip did.</summary>
        public static readonly byte[] UnlockCommand = FleetWire.Signed(TerminalId, FleetKey, "c-4", 4, Expires, FleetCommand.Unlock, "");
        public const string UnlockCommandId = "c-4";
        public const long HighestFleetSequence = 5;

        public static SimFlash Build()
        {
            var wire = new FleetWire();
            var board = new EventBoard(new SimFlash()) { KdfRounds = KdfRounds, TerminalId = TerminalId, LanguageOverride = Language.English };
            board.UseLink(wire);
            board.PowerOn();
            var t = new TerminalScript(board);
            DamagedAndRepaired(t, wire);
            WorkingLife(t, wire);
            TheEnd(t, wire);
            return board.Flash.Snapshot();
        }

        private static void DamagedAndRepaired(TerminalScript t, FleetWire wire)
        {
            t.Console("set-technician-code " + TechnicianOld, "ok: technician code set");
            t.Console("login " + TechnicianOld, "ok: logged in");
            t.Keys("reboot");
            SimFlash flash = t.Board.Flash;
            FlashRecord first = FlashMap.Of(flash).Entries.Where(r => r.Key == RecordKeys.BootCount).OrderBy(r => r.Sequence).First();
            flash.Image[first.ValueAddress + 1] ^= 0x10;
            flash.Image[first.ValueAddress + 2] ^= 0x01;
            t.Keys("reboot").Expect("locked", "Storage damaged");
            t.Console("login " + TechnicianOld, "ok: logged in");
            t.Console("set-unlock-code " + UnlockOld, "ok: unlock code set");
            // Every guard started at its longest wait: an hour of uptime, then the code.
            t.Keys("wait 3601").Expect("locked", "Unlock code");
            t.Keys(UnlockOld + " ENTER").Expect("message", "Unlocked").Keys("ENTER").Expect("idle", "Service needed");
            t.Console("login " + TechnicianOld, "ok: logged in");
            t.Console("factory-reset", "factory reset erases");
            t.Console("factory-reset confirm", "ok: factory reset done");
            t.Console("set-fleet-key " + Convert.ToHexString(FleetKey), "ok: fleet key set");
            t.Console("set-time 2026-11-25T09:00:00Z", "ok: wall clock set");
            t.Keys("MENU 123456 ENTER").Expect("change-password");
            t.Keys(PasswordOld + " ENTER " + PasswordOld + " ENTER ENTER").Expect("settings");
            t.Keys("3 2 CANCEL").Expect("idle", "Paused");
            Fleet(t, wire, "c-1", 1, FleetCommand.Reactivate, "", "done");
            t.Keys("MENU " + PasswordOld + " ENTER 8").Expect("reactivate-password");
            t.Keys(PasswordOld + " ENTER").Expect("message").Keys("ENTER CANCEL").Expect("idle", "MENU: settings");
            t.Keys("reboot").Expect("idle", "MENU: settings");
        }

        private static void WorkingLife(TerminalScript t, FleetWire wire)
        {
            t.Console("login " + TechnicianOld, "ok: logged in");
            // Routine work until the log has wrapped the region (retire records): what follows
            // stays in the newer sectors, older values and all.
            for (int i = 0; i < 3000 && FlashMap.Of(t.Board.Flash).RetireRecords < 2; i++)
            {
                t.Console("set-time 2026-11-" + (20 + i % 5).ToString("00") + "T10:" + (i % 60).ToString("00") + ":00Z", "ok: wall clock set");
                t.Keys("MENU " + PasswordOld + " ENTER 7 " + (i % 2 == 0 ? "1" : "2") + " CANCEL").Expect("idle");
            }
            t.Console("set-time 2026-11-25T10:00:00Z", "ok: wall clock set");
            t.Console("set-technician-code " + TechnicianOld + " " + TechnicianNew, "ok: technician code set");
            t.Console("set-unlock-code " + UnlockOld + " " + UnlockNew, "ok: unlock code set");
            t.Keys("MENU " + PasswordOld + " ENTER 1").Expect("bindings");
            Bind(t, "1 " + Merchant.Primary + " ENTER " + Merchant.Secondary);
            Bind(t, "2 " + Card.Primary);
            Bind(t, "3 " + Device.Primary);
            Bind(t, "3 " + DeviceGone.Primary);
            Bind(t, "2 " + CardGone.Primary);
            Bind(t, "1 " + Merchant2.Primary + " ENTER " + Merchant2.Secondary);
            Deregister(t, "5", PasswordOld); // DeviceGone, slot 4
            Deregister(t, "5", PasswordOld); // CardGone, slot 5
            Bind(t, "3 " + Device3.Primary); // takes slot 4 again
            t.Keys("CANCEL 2 " + PasswordNew + " ENTER " + PasswordNew + " ENTER").Expect("message").Keys("ENTER").Expect("settings");
            t.Keys("6 30 ENTER").Expect("message").Keys("ENTER").Expect("settings");
            t.Keys("7 2").Expect("settings");
            // A caught fault: one program fails under the buzzer setting (LastFault, the fault entry).
            t.Board.FaultyFlash.WritesOnly = true;
            t.Board.FaultyFlash.FailNext = 1;
            t.Keys("7 1").Expect("system-error");
            t.Board.FaultyFlash.Heal();
            t.Board.FaultyFlash.WritesOnly = false;
            t.Keys("wait 4").Expect("idle");
            Fleet(t, wire, "c-2", 2, FleetCommand.SetMerchantName, "Flip Cafe", "done");
            Fleet(t, wire, "c-3", 3, FleetCommand.Lock, "lost", "done");
            t.Expect("locked");
            wire.DeliverCommand(TerminalId, UnlockCommand);
            Settle(t);
            Expect(wire, UnlockCommandId, "done");
            t.Expect("idle");
            t.Console("lock stolen", "ok: terminal locked");
            t.Keys(UnlockNew + " ENTER").Expect("message", "Unlocked").Keys("ENTER").Expect("idle");
            t.Console("backup", "{\"Line\":1");
            Fleet(t, wire, "c-5", 5, FleetCommand.Pause, "", "done");
            t.Expect("idle", "Paused");
        }

        private static void TheEnd(TerminalScript t, FleetWire wire)
        {
            wire.Unplug();
            t.Keys("MENU " + WrongPassword + " ENTER ENTER " + WrongPassword + " ENTER ENTER CANCEL").Expect("idle");
            t.Console("lock lost again", "ok: terminal locked");
            t.Expect("locked");
            t.Console("logout", "ok: logged out");
            t.Console("login " + WrongCode, "error");
            t.Console("login " + WrongCode, "error");
            t.Keys(WrongCode + " ENTER " + WrongCode + " ENTER").Expect("locked", "Wrong code");
            t.Keys("reboot").Expect("locked");
        }

        private static void Bind(TerminalScript t, string entry)
        {
            t.Keys("1 " + entry + " ENTER").Expect("binding-review");
            t.Keys("ENTER").Expect("message").Keys("ENTER").Expect("bindings");
        }

        private static void Deregister(TerminalScript t, string entry, string password)
        {
            t.Keys(entry + " 1 ENTER").Expect("deregister-password");
            t.Keys(password + " ENTER").Expect("message", "Deregistered").Keys("ENTER").Expect("bindings");
        }

        private static void Fleet(TerminalScript t, FleetWire wire, string id, long seq, string op, string arg, string code)
        {
            wire.DeliverCommand(TerminalId, FleetWire.Signed(TerminalId, FleetKey, id, seq, Expires, op, arg));
            Settle(t);
            Expect(wire, id, code);
        }

        private static void Settle(TerminalScript t)
        {
            t.Board.Advance(50 * SimBoard.LoopPeriodMicros);
        }

        private static void Expect(FleetWire wire, string id, string code)
        {
            string got = wire.AckCode(TerminalId, id);
            if (got != code) throw new InvalidOperationException("fleet command " + id + ": expected " + code + ", got " + (got ?? "no ack"));
        }
    }
}
