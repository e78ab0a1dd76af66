using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Storage;

namespace PosTerminal.Firmware.Tests
{
    /// <summary>
    /// Every record key in RecordKeys, each once: single keys and ranges (FirstX with its count)
    /// never overlap, stay within the store's keys, and every constant is classified here, so a
    /// key added later (by any branch) is checked too. Branches added 0x50-0x5F twice before the
    /// merge (the routine audit ring and the fleet's keys).
    /// </summary>
    [TestClass]
    public sealed class RecordKeysTests
    {
        /// <summary>Range start → the constant that counts its slots.</summary>
        private static readonly Dictionary<string, string> Ranges = new Dictionary<string, string>
        {
            { nameof(RecordKeys.FirstBinding), nameof(RecordKeys.MaxBindings) },
            { nameof(RecordKeys.FirstAuditEntry), nameof(RecordKeys.AuditEntries) },
            { nameof(RecordKeys.FirstRoutineAuditEntry), nameof(RecordKeys.RoutineAuditEntries) },
            { nameof(RecordKeys.FirstOutboxEvent), nameof(RecordKeys.OutboxEvents) },
            { nameof(RecordKeys.FirstPinnedAuditEntry), nameof(RecordKeys.PinnedAuditEntries) },
        };

        /// <summary>Every key or range: name, first key, how many.</summary>
        public static List<(string Name, int First, int Count)> Map()
        {
            Dictionary<string, int> constants = typeof(RecordKeys).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(int))
                .ToDictionary(f => f.Name, f => (int)f.GetRawConstantValue());
            var map = new List<(string, int, int)>();
            foreach (var c in constants)
            {
                if (Ranges.ContainsValue(c.Key)) continue; // a count, not a key
                int count = Ranges.TryGetValue(c.Key, out string counter) ? constants[counter] : 1;
                Assert.IsFalse(c.Key.StartsWith("First", StringComparison.Ordinal) && count == 1,
                    c.Key + " looks like a range: add its count to RecordKeysTests.Ranges");
                map.Add((c.Key, c.Value, count));
            }
            return map.OrderBy(k => k.Item2).ToList();
        }

        [TestMethod]
        public void NoTwoKeysOrRangesOverlap()
        {
            var map = Map();
            for (int i = 0; i < map.Count; i++)
            {
                Assert.IsTrue(map[i].Count >= 1, map[i].Name);
                Assert.IsTrue(map[i].First >= 1 && map[i].First + map[i].Count - 1 <= LogFormat.MaxKey, map[i].Name + " outside the store's keys");
                for (int j = i + 1; j < map.Count; j++)
                {
                    Assert.IsTrue(Apart(map[i].First, map[i].Count, map[j].First, map[j].Count), map[i].Name + " (0x" + map[i].First.ToString("X2") + ", " + map[i].Count + ") overlaps "
                        + map[j].Name + " (0x" + map[j].First.ToString("X2") + ", " + map[j].Count + ")");
                }
            }
        }

        [TestMethod]
        public void TheRetiredKeyStaysFree()
        {
            Assert.IsFalse(Map().Any(k => k.First <= 0x03 && 0x03 < k.First + k.Count), "0x03 is retired: an old terminal may still hold it");
        }

        [TestMethod]
        public void TheCheckSeesAnOverlap()
        {
            // The collisions the branches had before the merge: the routine ring (0x50, 16) with the
            // fleet key (0x50) and the merchant name (0x53); ranges that only touch are apart.
            Assert.IsFalse(Apart(0x50, 16, 0x50, 1));
            Assert.IsFalse(Apart(0x53, 1, 0x50, 16));
            Assert.IsTrue(Apart(0x60, 64, 0xA0, 16));
            Assert.IsFalse(Apart(0x60, 64, 0x9F, 2));
        }

        private static bool Apart(int first1, int count1, int first2, int count2)
        {
            return first1 + count1 <= first2 || first2 + count2 <= first1;
        }
    }
}
