using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using PosTerminal.Tools.Checks.Security;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Tools.Bench
{
    /// <summary>
    /// The cost of every credential check on the ESP32 (issue 9 item 2), by counting what each
    /// operation asks of the crypto contract on the simulated terminal and pricing it with a
    /// stated model:
    /// - interpreted: IL ops of Pbkdf2.Derive, measured on nanoCLR (the POSIX host build of
    ///   nf-interpreter, /work/nanoclr's harness, a probe around Derive with a stand-in HMAC):
    ///   232 IL ops for a 1-round derivation, 371 more per further round, of which 7 are the
    ///   stand-in's call; Esp32Crypto's call into HMACSHA256.HashData is about 12 (two 4-op
    ///   frames and the call site), so RoundIlOps = 376;
    /// - the facts file's ESP32 rate: 0.3-0.93 µs per IL op (Toggle-loop rates, Home#1013);
    /// - native HMAC-SHA256 (mbedTLS: 4 SHA-256 compressions, context setup and free, the
    ///   interop call and the 32-byte result array): 25-120 µs a call, an assumption from a
    ///   measured 5 µs (hardware SHA accelerator) to 24 µs (software) per SHA-256 block on a
    ///   240 MHz ESP32 (pitslaboratory.blogspot.com, 2022-05, "ESP32 SHA hardware accelerator")
    ///   plus 5-24 µs for setup and the call;
    /// - garbage collection: each round's 32-byte result is garbage (about 48 KB a derivation
    ///   with 12-byte heap blocks), about one collection a derivation, assumed 0-30 ms (not measured);
    /// - managed SHA-256 (any the operation still does): 36,742 IL ops per 60-byte hash
    ///   measured on nanoCLR, 18,371 per compression.
    /// </summary>
    public static class KdfCost
    {
        public const int FirstRoundIlOps = 232;
        public const int RoundIlOps = 376;
        public const double IlOpLowUs = 0.3, IlOpHighUs = 0.93;
        public const double HmacLowUs = 25, HmacHighUs = 120;
        public const double GcHighMs = 30;
        public const int CompressionIlOps = 18371;

        public sealed class Row
        {
            public string Operation;
            public long Hmacs;
            public long Compressions;
            public int Derivations;
            public double LowMs, HighMs;
        }

        public static List<Row> Measure(out int rounds)
        {
            var board = new EventBoard(new SimFlash());
            board.LanguageOverride = PosTerminal.Firmware.Text.Language.English;
            board.PowerOn();
            rounds = board.KdfRounds;
            var rows = new List<Row>();
            Row Take(string name, Action action)
            {
                long h = board.Crypto.Hmacs, c = board.Crypto.Sha256Blocks;
                action();
                var row = Price(name, board.Crypto.Hmacs - h, board.Crypto.Sha256Blocks - c, board.KdfRounds);
                rows.Add(row);
                return row;
            }
            Take("set-technician-code NEW (console, factory state)", () => board.SendConsoleLine("set-technician-code " + Technician.Code));
            Take("login CODE (console)", () => board.SendConsoleLine("login " + Technician.Code));
            board.PressKeys("MENU 123456 ENTER");
            Take("first login: the new password entered (against the factory one: no derivation)", () => board.PressKeys("135790 ENTER"));
            Take("first login: the new password confirmed (its hash)", () => board.PressKeys("135790 ENTER"));
            board.PressKeys("ENTER 2 246813");
            Take("password change from settings, new password entered (checked against the old one)", () => board.PressKeys("ENTER"));
            Take("password change from settings, new password confirmed (its hash)", () => board.PressKeys("246813 ENTER"));
            board.PressKeys("ENTER CANCEL MENU 246813");
            Take("operator login (keypad)", () => board.PressKeys("ENTER"));
            board.PressKeys("CANCEL MENU 246801");
            Take("wrong password (keypad)", () => board.PressKeys("ENTER"));
            board.PressKeys("ENTER CANCEL MENU 246813 ENTER 1 1 3 87654321 ENTER ENTER ENTER 2 1 ENTER 246813");
            Take("deregistration, the password again", () => board.PressKeys("ENTER"));
            board.PressKeys("ENTER CANCEL CANCEL");
            Take("set-unlock-code NEW (first)", () => board.SendConsoleLine("set-unlock-code 80417263"));
            Take("set-unlock-code CURRENT NEW", () => board.SendConsoleLine("set-unlock-code 80417263 91528374"));
            board.SendConsoleLine("lock");
            Take("unlock code on the locked screen", () => board.PressKeys("91528374 ENTER"));
            return rows;
        }

        private static Row Price(string name, long hmacs, long compressions, int rounds)
        {
            int derivations = (int)((hmacs + rounds - 1) / rounds);
            double il = derivations * (double)FirstRoundIlOps + (hmacs - derivations) * (double)RoundIlOps + compressions * (double)CompressionIlOps;
            return new Row
            {
                Operation = name, Hmacs = hmacs, Compressions = compressions, Derivations = derivations,
                LowMs = (il * IlOpLowUs + hmacs * HmacLowUs) / 1000,
                HighMs = (il * IlOpHighUs + hmacs * HmacHighUs) / 1000 + derivations * GcHighMs,
            };
        }

        public static bool Section(StringBuilder md)
        {
            int rounds;
            List<Row> rows = Measure(out rounds);
            md.AppendLine("Key derivation on the ESP32 (issue 9 item 2): PBKDF2-HMAC-SHA256 over the board's native HMAC, " + rounds
                + " rounds (board.json security.kdfRounds). Counted per operation on the simulated terminal (EventBoard, SimCrypto's counters); "
                + "the ESP32 time is an **estimate** with this model: " + FirstRoundIlOps + " IL ops for the first round and " + RoundIlOps
                + " per further round (measured on nanoCLR: 232 and 371 with a 7-op stand-in HMAC, plus the ESP32 adapter's call), "
                + "0.3-0.93 µs per IL op (facts file, Home#1013), 25-120 µs per native HMAC call (assumption: 4 SHA-256 blocks at 5 µs hardware "
                + "to 24 µs software, measured on a 240 MHz ESP32 by pitslaboratory.blogspot.com 2022-05, plus setup and the call), "
                + "up to " + GcHighMs.ToString(CultureInfo.InvariantCulture) + " ms of garbage collection per derivation (assumed), "
                + CompressionIlOps + " IL ops per managed SHA-256 compression (measured on nanoCLR). Target: every check ≤ 1 s.");
            md.AppendLine();
            md.AppendLine("| operation | derivations | native HMAC calls | managed SHA-256 compressions | est. ESP32 time |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: |");
            bool met = true;
            foreach (Row r in rows)
            {
                met &= r.HighMs <= 1000;
                md.AppendLine("| " + r.Operation + " | " + r.Derivations + " | " + r.Hmacs + " | " + r.Compressions + " | "
                    + r.LowMs.ToString("0", CultureInfo.InvariantCulture) + "-" + r.HighMs.ToString("0", CultureInfo.InvariantCulture) + " ms |");
            }
            md.AppendLine();
            md.AppendLine("For comparison, a login with the first PasswordHash (2,048 rounds of managed SHA-256, 2 compressions each): "
                + "4,096 compressions, est. " + (4096.0 * CompressionIlOps * IlOpLowUs / 1e6).ToString("0", CultureInfo.InvariantCulture) + "-"
                + (4096.0 * CompressionIlOps * IlOpHighUs / 1e6).ToString("0", CultureInfo.InvariantCulture) + " s by the same model. "
                + "While a derivation runs the LCD says 验证中... / Checking..., drawn before it starts, and the key timeout restarts after it.");
            md.AppendLine();
            return met;
        }
    }
}
