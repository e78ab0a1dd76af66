using PosTerminal.Firmware.Audit;

namespace PosTerminal.Firmware.Commands
{
    /// <summary>One row of the authorization table (Authorization.Rules): who may run an operation and what it audits.</summary>
    public sealed class OperationRule
    {
        public OperationRule(Operation operation, string name, Role roles, WhileLocked whileLocked, Condition condition,
            bool destructive, AuditEvent audit)
        {
            Operation = operation;
            Name = name;
            Roles = roles;
            WhileLocked = whileLocked;
            Condition = condition;
            Destructive = destructive;
            Audit = audit;
        }

        public Operation Operation { get; private set; }

        /// <summary>Its console command, or its keypad screen's name (docs and the README table).</summary>
        public string Name { get; private set; }

        public Role Roles { get; private set; }
        public WhileLocked WhileLocked { get; private set; }
        public Condition Condition { get; private set; }

        /// <summary>Erases or replaces stored data: asks for a confirmation (and on the keypad, the password again).</summary>
        public bool Destructive { get; private set; }

        /// <summary>The audit event it writes (0: a read-only view, nothing audited).</summary>
        public AuditEvent Audit { get; private set; }
    }
}
