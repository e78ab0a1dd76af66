using PosTerminal.Firmware.Storage;

namespace PosTerminal.Firmware.Bindings
{
    /// <summary>
    /// The terminal's bindings: one store record per slot (RecordKeys.FirstBinding + slot),
    /// so binding or deregistering is one atomic record commit. The list shows bindings in
    /// slot order; a new binding takes the lowest free slot. An unreadable slot record
    /// counts as free. Bindings are kept in their storage form (Binding.ForStorage): a card
    /// number only truncated, so two cards with the same first and last 4 digits and length
    /// count as the same card.
    /// </summary>
    public sealed class BindingList
    {
        public const int Capacity = RecordKeys.MaxBindings;

        private readonly IRecordStore _store;
        private readonly Binding[] _slots = (Binding[])PosTerminal.Hal.RefArrays.Nulls(new Binding[Capacity]);

        public BindingList(IRecordStore store)
        {
            _store = store;
            for (int slot = 0; slot < Capacity; slot++)
            {
                _slots[slot] = BindingCodec.Decode(store.Read(RecordKeys.FirstBinding + slot));
            }
        }

        public int Count
        {
            get
            {
                int n = 0;
                for (int slot = 0; slot < Capacity; slot++)
                {
                    if (_slots[slot] != null) n++;
                }
                return n;
            }
        }

        public bool IsFull { get { return Count >= Capacity; } }

        /// <summary>The index-th binding in list order (0-based), or null.</summary>
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

        public bool Contains(Binding binding)
        {
            return SlotOf(binding.ForStorage()) >= 0;
        }

        /// <summary>Stores binding (in its storage form) in a free slot; refuses duplicates and a full list.</summary>
        public BindResult Add(Binding binding)
        {
            binding = binding.ForStorage();
            if (SlotOf(binding) >= 0) return BindResult.Duplicate;
            int slot = FreeSlot();
            if (slot < 0) return BindResult.ListFull;
            try
            {
                _store.Write(RecordKeys.FirstBinding + slot, BindingCodec.Encode(binding));
            }
            catch (StoreFullException)
            {
                return BindResult.StorageFull;
            }
            _slots[slot] = binding;
            return BindResult.Saved;
        }

        /// <summary>
        /// Deletes the binding's record: gone for good, across reboots. False, changing
        /// nothing, when the store has no room to commit the removal.
        /// </summary>
        public bool Remove(Binding binding)
        {
            int slot = SlotOf(binding.ForStorage());
            if (slot < 0) return true;
            try
            {
                _store.Delete(RecordKeys.FirstBinding + slot);
            }
            catch (StoreFullException)
            {
                return false;
            }
            _slots[slot] = null;
            return true;
        }

        /// <summary>Deletes every binding (factory reset, restore). False when a removal could not be committed.</summary>
        public bool Clear()
        {
            for (int slot = 0; slot < Capacity; slot++)
            {
                if (_slots[slot] != null && !Remove(_slots[slot])) return false;
            }
            return true;
        }

        /// <summary>
        /// Puts in batch the records that make the list exactly target (in storage form, at most
        /// Capacity, no duplicates): slots of bindings not in target are deleted, bindings
        /// already bound keep their slots, new ones take the lowest free slots in target order.
        /// Changes nothing itself: call Reload after the batch committed.
        /// </summary>
        public void AddReplaceTo(RecordBatch batch, Binding[] target)
        {
            if (target.Length > Capacity) throw new System.ArgumentException("at most " + Capacity.ToString() + " bindings");
            bool[] taken = new bool[Capacity];
            bool[] placed = new bool[target.Length];
            for (int slot = 0; slot < Capacity; slot++)
            {
                if (_slots[slot] == null) continue;
                int t = IndexIn(target, _slots[slot]);
                if (t >= 0 && !placed[t])
                {
                    taken[slot] = true;
                    placed[t] = true;
                }
                else
                {
                    batch.Delete(RecordKeys.FirstBinding + slot);
                }
            }
            int free = 0;
            for (int t = 0; t < target.Length; t++)
            {
                if (placed[t]) continue;
                while (taken[free]) free++;
                taken[free] = true;
                batch.Write(RecordKeys.FirstBinding + free, BindingCodec.Encode(target[t].ForStorage()));
            }
        }

        /// <summary>Reads every slot again from the store (after a batch committed).</summary>
        public void Reload()
        {
            for (int slot = 0; slot < Capacity; slot++)
            {
                _slots[slot] = BindingCodec.Decode(_store.Read(RecordKeys.FirstBinding + slot));
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

        private int SlotOf(Binding binding)
        {
            for (int slot = 0; slot < Capacity; slot++)
            {
                if (binding.SameAs(_slots[slot])) return slot;
            }
            return -1;
        }

        private int FreeSlot()
        {
            for (int slot = 0; slot < Capacity; slot++)
            {
                if (_slots[slot] == null) return slot;
            }
            return -1;
        }
    }
}
