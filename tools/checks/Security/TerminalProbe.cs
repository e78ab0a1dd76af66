using System;
using System.Collections.Generic;
using System.Linq;
using PosTerminal.Firmware;
using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Security;
using PosTerminal.Virtual;

namespace PosTerminal.Tools.Checks.Security
{
    /// <summary>
    /// What a freshly booted terminal DOES when someone tries the old credentials on it, one
    /// probe after another, noting every answer (the transcript) and every rollback or
    /// resurrection it shows:
    /// - the anonymous console asks for the first technician code (a vanished code would let it);
    /// - the fleet's unlock, accepted once, is replayed with the clock known;
    /// - the locked screen gets the old unlock code, then the current one;
    /// - the keypad gets the old password, the factory one, then the current one; with a
    ///   damaged slot, a device is bound and must not land in it;
    /// - the console gets the old technician code, then the current one.
    /// Plus what no probe can reach while locked: the old secrets checked on the firmware's
    /// objects, the guards' counts, the fleet sequence, the lock, the pause and the bindings.
    /// </summary>
    public sealed class TerminalProbe
    {
        private readonly EventBoard _board;
        private readonly FleetWire _wire;
        private readonly TerminalScript _script;

        public TerminalProbe(EventBoard board, FleetWire wire)
        {
            _board = board;
            _wire = wire;
            _script = new TerminalScript(board);
        }

        /// <summary>The answers, in order (compared with the undamaged terminal's when nothing changed).</summary>
        public List<string> Transcript { get; } = new List<string>();

        public List<string> Rollbacks { get; } = new List<string>();

        public List<string> Resurrections { get; } = new List<string>();

        /// <summary>Caught faults, screens the probes should never meet.</summary>
        public List<string> Faults { get; } = new List<string>();

        private Terminal T { get { return _board.Terminal; } }

        public void Run(TerminalState now, TerminalState before)
        {
            Objects(now, before);
            Bindings(now, before);
            FirstTechnicianCode();
            ReplayFleetUnlock(before);
            UnlockCodes();
            Logins(now);
            TechnicianCodes();
        }

        private void Objects(TerminalState now, TerminalState before)
        {
            SecurityServices s = T.Security;
            if (s.Password.IsCurrent(TerminalImage.PasswordOld)) Rollbacks.Add("the old password is current again");
            if (s.Password.IsCurrent(Firmware.Security.PasswordPolicy.FactoryPassword)) Rollbacks.Add("the factory password is current again");
            if (s.Technician.IsCurrent(TerminalImage.TechnicianOld)) Rollbacks.Add("the old technician code is current again");
            if (s.Lock.UnlockCode.IsCurrent(TerminalImage.UnlockOld)) Rollbacks.Add("the old unlock code is current again");
            if (!s.Technician.IsSet && !s.Technician.Damaged) Rollbacks.Add("the technician code vanished");
            if (!s.Lock.HasUnlockCode && !s.Lock.UnlockCode.Damaged) Rollbacks.Add("the unlock code vanished");
            if (before.Locked && !now.Locked) Rollbacks.Add("the lock disappeared");
            Guard("login guard", s.Guard, before);
            Guard("technician guard", s.Technician.Guard, before);
            Guard("unlock guard", s.Lock.UnlockCode.Guard, before);
            Firmware.Fleet.CommandGuard fleet = T.Fleet.Guard;
            if (!fleet.Damaged && fleet.HighestSequence < TerminalImage.HighestFleetSequence) Rollbacks.Add("the fleet sequence went back to " + fleet.HighestSequence);
            Firmware.Lifecycle.TerminalLifecycle life = T.Lifecycle;
            if (before.Fields["lifecycle"].StartsWith("True Fleet", StringComparison.Ordinal) && !life.FleetHold)
                Rollbacks.Add("the fleet's pause was lifted (" + now.Fields["lifecycle"] + ")");
        }

        private void Guard(string name, LoginGuard guard, TerminalState before)
        {
            if (guard.Damaged) return;
            string[] was = before.Fields[name].Split(' ');
            if (guard.FailedCount < int.Parse(was[0])) Rollbacks.Add("the " + name + "'s count went back to " + guard.FailedCount);
        }

        private void Bindings(TerminalState now, TerminalState before)
        {
            for (int slot = 0; slot < BindingList.Capacity; slot++)
            {
                Binding b = now.Slots[slot];
                if (b == null) continue;
                if (b.SameAs(TerminalImage.DeviceGone.ForStorage()) || b.SameAs(TerminalImage.CardGone.ForStorage()))
                    Resurrections.Add("deregistered " + b.Describe() + " is back in slot " + (slot + 1));
                else if (before.Slots[slot] == null || !b.SameAs(before.Slots[slot]))
                    Resurrections.Add(b.Describe() + " in slot " + (slot + 1) + " where it was not");
            }
        }

        private void FirstTechnicianCode()
        {
            string[] answer = _board.SendConsoleLine("set-technician-code 55554444");
            Note("anonymous set-technician-code", answer);
            if (answer.Length > 0 && answer[0].StartsWith("ok", StringComparison.Ordinal)) Rollbacks.Add("the anonymous console set a technician code");
        }

        private void ReplayFleetUnlock(TerminalState before)
        {
            // As SNTP: the clock is known, so only the sequence can refuse the replay.
            _board.Clock.SetWallClock(TerminalImage.Clock.AddDays(1));
            _wire.DeliverCommand(TerminalImage.TerminalId, TerminalImage.UnlockCommand);
            _board.Advance(20 * SimBoard.LoopPeriodMicros);
            string code = _wire.AckCode(TerminalImage.TerminalId, TerminalImage.UnlockCommandId);
            Transcript.Add("fleet replay: " + (code ?? "no ack"));
            if (code == null) Faults.Add("the replayed fleet command got no ack");
            else if (code != "replayed" && code != "damaged" && code != "no-key") Rollbacks.Add("the replayed fleet unlock was accepted (" + code + ")");
            if (before.Locked && _board.ScreenId != "locked") Rollbacks.Add("the replayed fleet unlock lifted the lock");
        }

        private void UnlockCodes()
        {
            if (_board.ScreenId != "locked") return;
            _script.Keys(TerminalImage.UnlockOld + " ENTER");
            Screen("old unlock code");
            if (_board.ScreenId != "locked") Rollbacks.Add("the old unlock code unlocked the terminal");
            _script.Keys(TerminalImage.UnlockNew + " ENTER");
            Screen("unlock code");
            if (_board.ScreenId == "message") _script.Keys("ENTER");
        }

        private void Logins(TerminalState now)
        {
            if (_board.ScreenId != "idle") return;
            TryLogin(TerminalImage.PasswordOld, "old password");
            TryLogin(PasswordPolicy.FactoryPassword, "factory password");
            _script.Keys("MENU " + TerminalImage.PasswordNew + " ENTER");
            Screen("password");
            if (T.SessionOpen && now.DamagedSlots > 0) BindBesideDamage(now);
            ToIdle();
        }

        private void TryLogin(string password, string what)
        {
            _script.Keys("MENU " + password + " ENTER");
            Screen(what);
            if (T.SessionOpen) Rollbacks.Add("the " + what + " logged in");
            ToIdle();
        }

        /// <summary>With a damaged slot: a new binding must go to a free slot, never through the damaged one.</summary>
        private void BindBesideDamage(TerminalState now)
        {
            var probe = new Binding(BindingKind.Device, "99887766", null);
            _script.Keys("1 1 3 " + probe.Primary + " ENTER ENTER ENTER");
            Screen("bind beside a damaged slot");
            int slot = T.Bindings.SlotOf(probe);
            if (slot >= 0 && now.SlotDamaged[slot]) Resurrections.Add("a device was bound through damaged slot " + (slot + 1));
            for (int s = 0; s < BindingList.Capacity; s++)
            {
                if (now.SlotDamaged[s] && s != slot && !T.Bindings.IsDamaged(s)) Resurrections.Add("damaged slot " + (s + 1) + " stopped being damaged without a deregistration");
            }
        }

        private void TechnicianCodes()
        {
            string[] old = _board.SendConsoleLine("login " + TerminalImage.TechnicianOld);
            Note("old technician code", old);
            if (old.Length > 0 && old[0].StartsWith("ok", StringComparison.Ordinal)) Rollbacks.Add("the old technician code logged in");
            Note("technician code", _board.SendConsoleLine("login " + TerminalImage.TechnicianNew));
        }

        private void ToIdle()
        {
            for (int i = 0; i < 6 && _board.ScreenId != "idle" && _board.ScreenId != "locked"; i++) _script.Keys("CANCEL");
        }

        private void Screen(string step)
        {
            string id = _board.ScreenId;
            if (id == "system-error" || id == "service") Faults.Add(step + ": " + id);
            Transcript.Add(step + ": " + id + " | " + string.Join(" | ", _board.ScreenLines()));
        }

        private void Note(string step, string[] answer)
        {
            Transcript.Add(step + ": " + string.Join(" | ", answer));
        }
    }
}
