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
            Assert.AreEqual(BindResult.Saved, list.Add(card));
            Assert.AreEqual(BindResult.Saved, list.Add(device));
            CollectionAssert.AreEqual(new[] { "write 0x10", "write 0x11" }, store.Events);
            Assert.IsTrue(list.Remove(card));
            Assert.AreEqual("delete 0x10", store.Events[2]);
            Assert.AreEqual(1, new BindingList(store).Count);
            Assert.AreEqual(BindResult.Saved, list.Add(card));
            Assert.AreEqual("write 0x" + RecordKeys.FirstBinding.ToString("x2"), store.Events[3], "the lowest free slot is reused");
        }

        [TestMethod]
        public void DuplicatesFullListAndFullStoreChangeNothing()
        {
            var store = new MemoryRecordStore();
            var list = new BindingList(store);
            for (int i = 0; i < BindingList.Capacity; i++)
            {
                Assert.AreEqual(BindResult.Saved, list.Add(new Binding(BindingKind.Device, "1000000" + i, null)));
            }
            int commits = store.Events.Count;
            Assert.AreEqual(BindResult.Duplicate, list.Add(new Binding(BindingKind.Device, "10000003", null)));
            Assert.AreEqual(BindResult.ListFull, list.Add(new Binding(BindingKind.Device, "20000000", null)));
            list.Remove(list[0]);
            store.Full = true;
            Assert.AreEqual(BindResult.StorageFull, list.Add(new Binding(BindingKind.Device, "20000000", null)));
            Assert.IsFalse(list.Remove(list[0]));
            Assert.AreEqual(BindingList.Capacity - 1, list.Count);
            Assert.AreEqual(commits + 1, store.Events.Count);
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
