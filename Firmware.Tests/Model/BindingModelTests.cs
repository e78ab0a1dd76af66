using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Tests.Support;
using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Storage;
using PosTerminal.Firmware.Tests.Flow;

namespace PosTerminal.Firmware.Tests.Model
{
    [TestClass]
    public sealed class BindingModelTests
    {
        [TestMethod]
        public void LuhnAcceptsValidNumbersAndCatchesTyposAndSwaps()
        {
            Assert.IsTrue(Luhn.IsValid("4111111111111111"));
            Assert.IsTrue(Luhn.IsValid(TerminalDriver.Card16));
            Assert.IsTrue(Luhn.IsValid(TerminalDriver.Card19));
            Assert.IsFalse(Luhn.IsValid(TerminalDriver.CardBadLuhn));
            Assert.IsFalse(Luhn.IsValid("4111111111111121"), "one digit changed");
            Assert.IsFalse(Luhn.IsValid("4111111111111-11"));
            Assert.IsFalse(Luhn.IsValid(""));
        }

        [TestMethod]
        public void MaskingKeepsOnlyTheEnds()
        {
            Assert.AreEqual("6222 **** **** 7894", Masking.Card(TerminalDriver.Card16));
            Assert.AreEqual("6228 **** **** 8903", Masking.Card(TerminalDriver.Card19));
            Assert.AreEqual("6222 **** 7894", Masking.Grouped(TerminalDriver.Card16));
            Assert.AreEqual("**** 5678", Masking.Grouped("12345678"));
            Assert.AreEqual("6222**7894", Masking.Compact(TerminalDriver.Card16));
            Assert.AreEqual("**5678", Masking.Compact("12345678"));
            Assert.AreEqual("6222********7894", Masking.Typing(TerminalDriver.Card16));
            Assert.AreEqual("62220", Masking.Typing("62220"));
        }

        [TestMethod]
        public void FieldRules()
        {
            Assert.AreEqual(FieldProblem.None, BindingField.MerchantNo.Check(TerminalDriver.MerchantNo));
            Assert.AreEqual(FieldProblem.Length, BindingField.MerchantNo.Check("89810000000000"));
            Assert.AreEqual(FieldProblem.Length, BindingField.TerminalNo.Check("1234567"));
            Assert.AreEqual(FieldProblem.None, BindingField.CardNo.Check(TerminalDriver.Card19));
            Assert.AreEqual(FieldProblem.Length, BindingField.CardNo.Check("622202123456782"));
            Assert.AreEqual(FieldProblem.Luhn, BindingField.CardNo.Check(TerminalDriver.CardBadLuhn));
            Assert.AreEqual(FieldProblem.Length, BindingField.Serial.Check("1234567"));
            Assert.AreEqual(FieldProblem.None, BindingField.Serial.Check("1234567890123456"));
            Assert.AreEqual(FieldProblem.Length, BindingField.Serial.Check("12345678901234567"));
            Assert.AreEqual(FieldProblem.NotDigits, BindingField.Serial.Check("1234567A"));
        }

        [TestMethod]
        public void CodecRoundTripsAndRejectsDamagedRecords()
        {
            var merchant = new Binding(BindingKind.Merchant, TerminalDriver.MerchantNo, TerminalDriver.TerminalNo);
            byte[] record = BindingCodec.Encode(merchant);
            Assert.AreEqual(1, record[0], "format version");
            Assert.AreEqual((byte)'8', record[3], "digits as ASCII");
            Assert.IsTrue(merchant.SameAs(BindingCodec.Decode(record)));
            var card = new Binding(BindingKind.SettlementCard, TerminalDriver.Card19, null);
            Assert.IsTrue(card.SameAs(BindingCodec.Decode(BindingCodec.Encode(card))));

            Assert.IsNull(BindingCodec.Decode(null));
            Assert.IsNull(BindingCodec.Decode(record[..^1]), "truncated");
            byte[] badKind = (byte[])record.Clone(); badKind[1] = 9;
            Assert.IsNull(BindingCodec.Decode(badKind));
            byte[] badDigit = (byte[])record.Clone(); badDigit[5] = (byte)'x';
            Assert.IsNull(BindingCodec.Decode(badDigit));
            byte[] badVersion = (byte[])record.Clone(); badVersion[0] = 2;
            Assert.IsNull(BindingCodec.Decode(badVersion));
        }

        [TestMethod]
        public void EachBindingIsOneRecordInItsSlot()
        {
            var store = new MemoryRecordStore();
            var list = new BindingList(store);
            var card = new Binding(BindingKind.SettlementCard, TerminalDriver.Card16, null);
            var device = new Binding(BindingKind.Device, TerminalDriver.Serial, null);
            Assert.AreEqual(BindResult.Saved, Add(store, list, card));
            Assert.AreEqual(BindResult.Saved, Add(store, list, device));
            Assert.IsNotNull(store.Read(RecordKeys.FirstBinding));
            Assert.IsNotNull(store.Read(RecordKeys.FirstBinding + 1));
            Remove(store, list, list.SlotOf(card));
            Assert.IsNull(store.Read(RecordKeys.FirstBinding));
            Assert.AreEqual(1, new BindingList(store).Count);
            Assert.AreEqual(BindResult.Saved, Add(store, list, card));
            Assert.AreEqual(0, list.SlotOf(card), "the lowest free slot is reused");
            Assert.IsTrue(new BindingList(store).Contains(card));
        }

        [TestMethod]
        public void DuplicatesAndAFullListStageNothing()
        {
            var store = new MemoryRecordStore();
            var list = new BindingList(store);
            for (int i = 0; i < BindingList.Capacity; i++)
            {
                Assert.AreEqual(BindResult.Saved, Add(store, list, new Binding(BindingKind.Device, "1000000" + i, null)));
            }
            var batch = new RecordBatch();
            int slot;
            Assert.AreEqual(BindResult.Duplicate, list.StageAdd(batch, new Binding(BindingKind.Device, "10000003", null), out slot));
            Assert.AreEqual(BindResult.ListFull, list.StageAdd(batch, new Binding(BindingKind.Device, "20000000", null), out slot));
            Assert.AreEqual(0, batch.Count);
        }

        /// <summary>Issue 10: a slot the store reports damaged (its tombstone may be lost) is never a binding, never free.</summary>
        [TestMethod]
        public void ADamagedSlotIsShownDamagedAndNothingIsBoundThroughIt()
        {
            var store = new MemoryRecordStore();
            var card = new Binding(BindingKind.SettlementCard, TerminalDriver.Card16, null);
            Add(store, new BindingList(store), card);
            store.Damaged.Add(RecordKeys.FirstBinding);
            var list = new BindingList(store);
            Assert.AreEqual(0, list.Count, "the card the store still reads is not bound");
            Assert.AreEqual(1, list.DamagedCount);
            Assert.AreEqual(1, list.EntryCount);
            Assert.IsTrue(list.IsDamaged(list.EntrySlot(0)));
            Assert.IsFalse(list.Contains(card));
            Assert.AreEqual(BindResult.Saved, Add(store, list, card), "binding it again takes another slot");
            Assert.AreEqual(1, list.SlotOf(card));
            Remove(store, list, 0);
            Assert.AreEqual(0, new BindingList(store).DamagedCount, "deregistering clears it");
        }

        [TestMethod]
        public void ARecordThatDoesNotDecodeIsDamagedNotFree()
        {
            var store = new MemoryRecordStore();
            store.Write(RecordKeys.FirstBinding + 2, new byte[] { 1, 9, 9 });
            var list = new BindingList(store);
            Assert.IsTrue(list.IsDamaged(2));
            Assert.AreEqual(0, list.Count);
        }

        private static BindResult Add(MemoryRecordStore store, BindingList list, Binding binding)
        {
            var batch = new RecordBatch();
            int slot;
            BindResult result = list.StageAdd(batch, binding, out slot);
            if (result != BindResult.Saved) return result;
            store.Commit(batch);
            list.Added(slot, binding);
            return result;
        }

        private static void Remove(MemoryRecordStore store, BindingList list, int slot)
        {
            var batch = new RecordBatch();
            list.StageRemove(batch, slot);
            store.Commit(batch);
            list.Removed(slot);
        }

        [TestMethod]
        public void DescribeMasksEveryIdentifier()
        {
            Assert.AreEqual("card 6222 **** **** 7894", new Binding(BindingKind.SettlementCard, TerminalDriver.Card16, "").Describe());
            Assert.AreEqual("merchant 8981 **** 0001 terminal **** 5678",
                new Binding(BindingKind.Merchant, TerminalDriver.MerchantNo, TerminalDriver.TerminalNo).Describe());
            Assert.AreEqual("device **** 4321", new Binding(BindingKind.Device, TerminalDriver.Serial, "").Describe());
        }
    }
}
