using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Security;

namespace PosTerminal.Firmware.Commands
{
    /// <summary>Binding and deregistering: each one commit with its audit entry.</summary>
    public sealed partial class TerminalCommands
    {
        /// <summary>Saves a new binding (in its storage form) and its audit entry as one commit.</summary>
        public CommandStatus Bind(Channel channel, Binding binding)
        {
            CommandStatus allowed = Authorize(channel, Operation.Bind);
            if (allowed != CommandStatus.Done) return allowed;
            NewBatch();
            int slot;
            BindResult staged = Bindings.StageAdd(_batch, binding, out slot);
            if (staged == BindResult.Duplicate) return CommandStatus.Duplicate;
            if (staged == BindResult.ListFull) return CommandStatus.ListFull;
            Binding stored = binding.ForStorage();
            Security.Audit.Stage(_batch, AuditEvent.BindingAdded, AuditOutcome.Ok, Describe(stored));
            if (!CommitBatch()) return CommandStatus.StorageFull;
            Bindings.Added(slot, stored);
            return CommandStatus.Done;
        }

        /// <summary>
        /// Deregisters the entry in slot (a binding, or a damaged slot: expected null) after the
        /// operator's password again (one recorded attempt on the login guard, one derivation),
        /// as one commit with its audit entry. A wrong password is audited like a failed login;
        /// one that arms the lockout also ends the session.
        /// </summary>
        public CommandStatus Deregister(Channel channel, int slot, Binding expected, string password)
        {
            CommandStatus allowed = Authorize(channel, Operation.Deregister);
            if (allowed != CommandStatus.Done) return allowed;
            bool damaged = Bindings.IsDamaged(slot);
            Binding current = Bindings.AtSlot(slot);
            if (expected == null ? !damaged : (current == null || !expected.ForStorage().SameAs(current))) return CommandStatus.NoSuchBinding;
            CommandStatus check = CheckPasswordAgain(password, "deregister");
            if (check != CommandStatus.Done) return check;
            NewBatch();
            Bindings.StageRemove(_batch, slot);
            string detail = damaged ? "damaged slot " + (slot + 1).ToString() : Describe(current);
            Security.Audit.Stage(_batch, AuditEvent.BindingDeregistered, AuditOutcome.Ok, detail);
            if (!CommitBatch()) return CommandStatus.StorageFull;
            Bindings.Removed(slot);
            return CommandStatus.Done;
        }

        /// <summary>"card *7894": the kind's name and the identifier masked to its last 4 characters.</summary>
        public static string Describe(Binding binding)
        {
            return KindName(binding.Kind) + " " + AuditLog.Masked(binding.Primary);
        }

        /// <summary>The kind's name in audit details, on the console and in backups (ASCII).</summary>
        public static string KindName(BindingKind kind)
        {
            if (kind == BindingKind.Merchant) return "merchant";
            if (kind == BindingKind.SettlementCard) return "card";
            return "device";
        }
    }
}
