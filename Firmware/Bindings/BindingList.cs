using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Storage;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Bindings
{
    /// <summary>
    /// The terminal's bindings: one store record per slot (RecordKeys.FirstBinding + slot).
    /// The list shows its entries in slot order; a new binding takes the lowest free slot.
    /// Bindings are kept in their storage form (Binding.ForStorage): a card number only
    /// truncated, so two cards with the same first and last 4 digits and length count as the
    /// same card.
    ///
    /// Fail closed: a slot the store reports damaged (IsDamaged: e.g. a deregistration's
    /// tombstone may be lost, so what Read returns may be the binding that was deregistered),
    /// or one whose record does not decode, is a damaged entry: shown as damaged, never a
    /// binding, never free, and cleared only by deregistering it.
    ///
    /// Changes go into a RecordBatch (Stage...) that the command layer commits together with
    /// its audit entry, then told here (Added, Removed, Replaced): all or nothing.
    /// </summary>
    public sealed class BindingList
    {
        public const int Capacity = RecordKeys.MaxBindings;

        private readonly Binding[] _slots = (Binding[])RefArrays.Nulls(new Binding[Capacity]);
        private readonly bool[] _damaged = new bool[Capacity];

        public BindingList(IRecordStore store)
        {
            for (int slot = 0; slot < Capacity; slot++)
            {
                bool damaged;
                byte[] record = SecureRecord.Read(store, RecordKeys.FirstBinding + slot, out damaged);
                Binding binding = BindingCodec.Decode(record);
                _damaged[slot] = damaged || (record != null && binding == null);
                _slots[slot] = _damaged[slot] ? null : binding;
            }
        }

        /// <summary>Bindings (damaged entries not counted).</summary>
        public int Count { get { return CountWhere(false); } }

        /// <summary>Slots the store reports damaged (or unreadable).</summary>
        public int DamagedCount { get { return CountWhere(true); } }

        /// <summary>No free slot: bindings and damaged entries fill the list.</summary>
        public bool IsFull { get { return FreeSlot() < 0; } }

        /// <summary>The index-th binding in slot order (0-based; damaged entries skipped), or null.</summary>
        public Binding this[int index]
        {
            get
            {
                for (int slot = 0; slot < Capacity; slot++)
                {
                    if (_slots[slot] != null && index-- == 0) return _slots[slot];
                }
                return null;
            }
        }

        /// <summary>Entries the list shows: bindings and damaged slots, in slot order.</summary>
        public int EntryCount { get { return Count + DamagedCount; } }

        /// <summary>The slot of the index-th entry, or -1.</summary>
        public int EntrySlot(int index)
        {
            for (int slot = 0; slot < Capacity; slot++)
            {
                if ((_slots[slot] != null || _damaged[slot]) && index-- == 0) return slot;
            }
            return -1;
        }

        /// <summary>The binding in slot; null when empty or damaged.</summary>
        public Binding AtSlot(int slot)
        {
            return slot >= 0 && slot < Capacity ? _slots[slot] : null;
        }

        public bool IsDamaged(int slot)
        {
            return slot >= 0 && slot < Capacity && _damaged[slot];
        }

        public bool Contains(Binding binding)
        {
            return SlotOf(binding.ForStorage()) >= 0;
        }

        /// <summary>The slot holding binding (storage form), or -1.</summary>
        public int SlotOf(Binding binding)
        {
            Binding stored = binding.ForStorage();
            for (int slot = 0; slot < Capacity; slot++)
            {
                if (stored.SameAs(_slots[slot])) return slot;
            }
            return -1;
        }

        /// <summary>Checks binding against the list and puts its record into batch; slot says where. Saved when staged.</summary>
        public BindResult StageAdd(RecordBatch batch, Binding binding, out int slot)
        {
            binding = binding.ForStorage();
            slot = -1;
            if (SlotOf(binding) >= 0) return BindResult.Duplicate;
            slot = FreeSlot();
            if (slot < 0) return BindResult.ListFull;
            batch.Write(RecordKeys.FirstBinding + slot, BindingCodec.Encode(binding));
            return BindResult.Saved;
        }

        /// <summary>The batch with StageAdd's record was committed.</summary>
        public void Added(int slot, Binding binding)
        {
            _slots[slot] = binding.ForStorage();
            _damaged[slot] = false;
        }

        /// <summary>Puts the removal of slot's record into batch (a binding, or a damaged entry).</summary>
        public void StageRemove(RecordBatch batch, int slot)
        {
            batch.Delete(RecordKeys.FirstBinding + slot);
        }

        public void Removed(int slot)
        {
            _slots[slot] = null;
            _damaged[slot] = false;
        }

        /// <summary>
        /// Puts into batch a list of exactly these bindings (factory reset: none; restore: the
        /// document's), slot i = bindings[i], every other used slot removed (damaged ones included).
        /// </summary>
        public void StageReplaceAll(RecordBatch batch, Binding[] bindings)
        {
            for (int slot = 0; slot < Capacity; slot++)
            {
                int key = RecordKeys.FirstBinding + slot;
                if (bindings != null && slot < bindings.Length) batch.Write(key, BindingCodec.Encode(bindings[slot].ForStorage()));
                else if (_slots[slot] != null || _damaged[slot]) batch.Delete(key);
            }
        }

        /// <summary>
        /// Puts in batch the records that make the list exactly target (a restore: in storage
        /// form, at most Capacity, no duplicates): bindings already bound keep their slots (no
        /// flash write), new ones take the lowest free slots in target order, every other used
        /// slot is removed, damaged ones included. Returns the slots as they will be (pass them
        /// to Replaced once the batch committed); changes nothing itself.
        /// </summary>
        public Binding[] StageExactly(RecordBatch batch, Binding[] target)
        {
            if (target.Length > Capacity) throw new System.ArgumentException("at most " + Capacity.ToString() + " bindings");
            Binding[] planned = (Binding[])RefArrays.Nulls(new Binding[Capacity]);
            bool[] placed = new bool[target.Length];
            for (int slot = 0; slot < Capacity; slot++)
            {
                int t = _slots[slot] == null ? -1 : IndexIn(target, _slots[slot]);
                if (t >= 0 && !placed[t])
                {
                    planned[slot] = _slots[slot];
                    placed[t] = true;
                }
                else if (_slots[slot] != null || _damaged[slot])
                {
                    batch.Delete(RecordKeys.FirstBinding + slot);
                }
            }
            int free = 0;
            for (int t = 0; t < target.Length; t++)
            {
                if (placed[t]) continue;
                while (planned[free] != null) free++;
                planned[free] = target[t].ForStorage();
                batch.Write(RecordKeys.FirstBinding + free, BindingCodec.Encode(planned[free]));
            }
            return planned;
        }

        /// <summary>The batch of StageReplaceAll or StageExactly committed: slot i holds bindings[i] (none past its end).</summary>
        public void Replaced(Binding[] bindings)
        {
            for (int slot = 0; slot < Capacity; slot++)
            {
                _slots[slot] = bindings != null && slot < bindings.Length && bindings[slot] != null ? bindings[slot].ForStorage() : null;
                _damaged[slot] = false;
            }
        }

        private static int IndexIn(Binding[] list, Binding binding)
        {
            for (int i = 0; i < list.Length; i++)
            {
                if (binding.SameAs(list[i].ForStorage())) return i;
            }
            return -1;
        }

        private int CountWhere(bool damaged)
        {
            int n = 0;
            for (int slot = 0; slot < Capacity; slot++)
            {
                if (damaged ? _damaged[slot] : _slots[slot] != null) n++;
            }
            return n;
        }

        private int FreeSlot()
        {
            for (int slot = 0; slot < Capacity; slot++)
            {
                if (_slots[slot] == null && !_damaged[slot]) return slot;
            }
            return -1;
        }
    }
}
