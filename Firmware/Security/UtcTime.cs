using System;

namespace PosTerminal.Firmware.Security
{
    /// <summary>
    /// UTC wall-clock times as Unix seconds, with the ISO 8601 form the console speaks
    /// ("2026-11-25T10:00:00Z"). Calendar arithmetic by hand (days from civil date), because
    /// DateTime's tick origin and Unix helpers differ between nanoFramework and desktop .NET.
    /// </summary>
    public static class UtcTime
    {
        /// <summary>Years the console accepts: a clock outside them is a typo, not a time.</summary>
        public const int MinYear = 2000;
        public const int MaxYear = 2099;

        public static long ToUnixSeconds(DateTime utc)
        {
            return DaysFromCivil(utc.Year, utc.Month, utc.Day) * 86400L
                + utc.Hour * 3600L + utc.Minute * 60L + utc.Second;
        }

        public static DateTime ToDateTime(long unixSeconds)
        {
            int year, month, day;
            long days = FloorDiv(unixSeconds, 86400);
            int secondOfDay = (int)(unixSeconds - days * 86400);
            CivilFromDays(days, out year, out month, out day);
            return new DateTime(year, month, day, secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60);
        }

        /// <summary>"YYYY-MM-DDTHH:MM:SSZ".</summary>
        public static string Format(long unixSeconds)
        {
            int year, month, day;
            long days = FloorDiv(unixSeconds, 86400);
            int s = (int)(unixSeconds - days * 86400);
            CivilFromDays(days, out year, out month, out day);
            return Pad(year, 4) + "-" + Pad(month, 2) + "-" + Pad(day, 2) + "T"
                + Pad(s / 3600, 2) + ":" + Pad(s / 60 % 60, 2) + ":" + Pad(s % 60, 2) + "Z";
        }

        /// <summary>"MM-DD hh:mm" (11 cells): the LCD's short form.</summary>
        public static string FormatShort(long unixSeconds)
        {
            string full = Format(unixSeconds);
            return full.Substring(5, 5) + " " + full.Substring(11, 5);
        }

        /// <summary>
        /// Parses exactly "YYYY-MM-DDTHH:MM:SSZ" (UTC, no fractions, no offsets), years
        /// MinYear..MaxYear, a real calendar date. Returns false on anything else.
        /// </summary>
        public static bool TryParseIso(string text, out long unixSeconds)
        {
            unixSeconds = 0;
            if (text == null || text.Length != 20) return false;
            if (text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z') return false;
            int year = Number(text, 0, 4), month = Number(text, 5, 2), day = Number(text, 8, 2);
            int hour = Number(text, 11, 2), minute = Number(text, 14, 2), second = Number(text, 17, 2);
            if (year < MinYear || year > MaxYear || month < 1 || month > 12) return false;
            if (day < 1 || day > DaysInMonth(year, month)) return false;
            if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
            unixSeconds = DaysFromCivil(year, month, day) * 86400L + hour * 3600L + minute * 60L + second;
            return true;
        }

        public static int DaysInMonth(int year, int month)
        {
            if (month == 2) return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
        }

        // Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
        private static long DaysFromCivil(int year, int month, int day)
        {
            long y = month <= 2 ? year - 1 : year;
            long era = FloorDiv(y, 400);
            long yearOfEra = y - era * 400;
            long dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
            long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
            return era * 146097 + dayOfEra - 719468;
        }

        private static void CivilFromDays(long days, out int year, out int month, out int day)
        {
            long z = days + 719468;
            long era = FloorDiv(z, 146097);
            long dayOfEra = z - era * 146097;
            long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
            long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
            long mp = (5 * dayOfYear + 2) / 153;
            day = (int)(dayOfYear - (153 * mp + 2) / 5 + 1);
            month = (int)(mp < 10 ? mp + 3 : mp - 9);
            year = (int)(yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        }

        private static long FloorDiv(long a, long b)
        {
            long q = a / b;
            return (a % b != 0 && a < 0) ? q - 1 : q;
        }

        // The value of count decimal digits at text[start..], or -1 if any is not a digit.
        private static int Number(string text, int start, int count)
        {
            int value = 0;
            for (int i = start; i < start + count; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return -1;
                value = value * 10 + (c - '0');
            }
            return value;
        }

        private static string Pad(int value, int width)
        {
            string s = value.ToString();
            while (s.Length < width) s = "0" + s;
            return s;
        }
    }
}
