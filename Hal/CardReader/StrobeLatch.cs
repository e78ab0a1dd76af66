namespace PosTerminal.Hal.CardReader
{
    /// <summary>
    /// Turns a swipe recording into bits: one bit per falling edge of /STROBE, 1 when /DATA
    /// is low there (MagTek TTL interface: DATA low = 1, valid from 1 µs before the strobe's
    /// falling edge until the strobe rises). The two lines are recorded on separate time
    /// bases (see PulseTrain), so first it finds the offset at which every /DATA change falls
    /// between two strobe pulses, then it latches. Buffers are kept and reused: a swipe
    /// allocates nothing once the buffers have grown to the longest swipe seen.
    /// </summary>
    public sealed class StrobeLatch
    {
        /// <summary>
        /// Pulses shorter than this are glitches, dropped with both their edges. The shortest
        /// real pulse is a strobe at 60 in/s + 15%: 25% of a 193 µs bit, about 48 µs.
        /// </summary>
        public const int GlitchUs = 8;

        /// <summary>DATA is valid at least 1 µs before the strobe's falling edge.</summary>
        private const int SetupUs = 1;

        private int[] _strobe = new int[0];
        private int _strobeEdges;
        private int _firstFall;
        private int _strobes;
        private int[] _fall = new int[0];
        private int[] _rise = new int[0];
        private int[] _data = new int[0];
        private int _dataEdges;
        private bool _dataFirstLow;
        private byte[] _bits = new byte[0];

        /// <summary>/DATA changes the quick candidate test places (see TryCandidate).</summary>
        private const int SampleSize = 8;
        private readonly int[] _sample = new int[SampleSize];
        private int _sampleCount;
        private int _candidate;
        private int _fewest;
        private int _widest;
        private int _bestLo;
        private int _bestHi;
        private bool _searching;
        private bool _latched;

        /// <summary>The bits of the last Latch, in the order the reader sent them (BitCount used).</summary>
        public byte[] Bits { get { return _bits; } }

        public int BitCount { get; private set; }

        /// <summary>/DATA changes that could not be placed between strobes (0 on a clean swipe).</summary>
        public int Misplaced { get; private set; }

        /// <summary>
        /// Strobe periods (fall to fall) under 60% of the longer of their neighbours or over
        /// 160% of the shorter: a spurious or missing strobe, which adds or drops a bit. A clean swipe
        /// has none; the caller must refuse the swipe otherwise.
        /// </summary>
        public int Irregular { get; private set; }

        /// <summary>Latches the swipe's bits into Bits in one go; returns BitCount.</summary>
        public int Latch(SwipeRecording swipe)
        {
            Begin(swipe);
            while (!Continue(int.MaxValue))
            {
            }
            return BitCount;
        }

        /// <summary>
        /// Starts latching a swipe: edges, strobes, their regularity and /DATA's edges (linear in
        /// the edges, a few thousand IL ops). The alignment search and the latching follow in
        /// Continue, which a caller may spread over several main-loop passes.
        /// </summary>
        public void Begin(SwipeRecording swipe)
        {
            Misplaced = 0;
            Work = 0;
            _firstFall = swipe.Strobe.FirstLevel ? 1 : 0;
            _strobeEdges = CollectEdges(swipe.Strobe, ref _strobe);
            SplitStrobes();
            _strobeEdges = RemoveShortPulses(_strobe, _strobeEdges, MeanStrobeWidth() / 3);
            SplitStrobes();
            Irregular = CountIrregular();
            _dataFirstLow = !swipe.Data.FirstLevel;
            _dataEdges = CollectEdges(swipe.Data, ref _data);
            _dataEdges = RemoveShortPulses(_data, _dataEdges, MeanPeriod() * 3 / 10);
            if (_bits.Length < _strobes) _bits = new byte[_strobes];
            BitCount = _strobes;
            _candidate = 0;
            _fewest = int.MaxValue;
            _widest = -1;
            _bestLo = 0;
            _bestHi = 0;
            _searching = _strobes > 0 && _dataEdges > 0;
            _latched = _strobes == 0;
            if (_searching) ChooseSample();
        }

        /// <summary>
        /// Goes on with the alignment search until about budget steps (one step: one /DATA
        /// change placed against the strobes) have been spent in this call, then latches once
        /// the search is over. True when Bits are ready. Irregular is known after Begin: a
        /// caller that refuses irregular swipes need not call this at all.
        /// </summary>
        public bool Continue(int budget)
        {
            if (_latched) return true;
            int start = Work;
            while (_searching && Work - start < budget) TryCandidate();
            if (_searching) return false;
            int offset = _fewest == int.MaxValue ? 0 : _bestLo + (_bestHi - _bestLo) / 2;
            Misplaced = _fewest == int.MaxValue ? 0 : _fewest;
            Sample(offset);
            _latched = true;
            return true;
        }

        /// <summary>Alignment steps spent on the current swipe (the cost model of --bench swipe counts these).</summary>
        public int Work { get; private set; }

        // ---- edges ------------------------------------------------------------------------

        /// <summary>
        /// Writes the train's edge times into edges (grown if needed), pulses under GlitchUs
        /// removed; edge j leads into the level FirstLevel when j is even. Returns the edge count.
        /// </summary>
        private static int CollectEdges(PulseTrain train, ref int[] edges)
        {
            int count = train.Count;
            if (count <= 0) return 0;
            if (edges.Length < count + 1) edges = new int[count + 1];
            int[] durations = train.DurationsUs; // once: a property read per element is a call on nanoCLR
            int[] times = edges;
            int n = 0;
            int t = 0;
            for (int i = 0; i < count; i++)
            {
                times[n++] = t;
                t += durations[i];
            }
            bool lastLow = ((count - 1) % 2 == 0) != train.FirstLevel;
            if (lastLow) edges[n++] = t; // back to the idle (high) level
            return RemoveShortPulses(edges, n, GlitchUs);
        }

        /// <summary>
        /// Drops every pulse shorter than minUs with both its edges, so levels still alternate
        /// and the first level stays what it was. Returns the edge count left.
        /// </summary>
        private static int RemoveShortPulses(int[] edges, int n, int minUs)
        {
            int kept = 0;
            for (int r = 0; r < n; r++)
            {
                if (r + 1 < n && edges[r + 1] - edges[r] < minUs)
                {
                    r++;
                    continue;
                }
                edges[kept++] = edges[r];
            }
            return kept;
        }

        /// <summary>
        /// Strobe pulse i runs from _fall[i] to _rise[i] (int.MaxValue when the recording ended
        /// low). Plain arrays: the alignment below reads them thousands of times.
        /// </summary>
        private void SplitStrobes()
        {
            _strobes = _strobeEdges > _firstFall ? (_strobeEdges - _firstFall + 1) / 2 : 0;
            if (_fall.Length < _strobes)
            {
                _fall = new int[_strobes];
                _rise = new int[_strobes];
            }
            int[] strobe = _strobe;
            int[] fall = _fall;
            int[] rise = _rise;
            int edges = _strobeEdges;
            int j = _firstFall;
            for (int i = 0; i < _strobes; i++, j += 2)
            {
                fall[i] = strobe[j];
                rise[i] = j + 1 < edges ? strobe[j + 1] : int.MaxValue;
            }
        }

        /// <summary>
        /// The reader makes every strobe the same fraction of its bit (25-50%), so a pulse under
        /// a third of the mean width is noise. Dropping a real one leaves a gap that
        /// CountIrregular then reports, so this never hides a lost bit.
        /// </summary>
        private int MeanStrobeWidth()
        {
            long sum = 0;
            int n = 0;
            for (int i = 0; i < _strobes; i++)
            {
                int rise = _rise[i];
                if (rise == int.MaxValue) continue;
                sum += rise - _fall[i];
                n++;
            }
            return n == 0 ? 0 : (int)(sum / n);
        }

        /// <summary>
        /// The mean strobe period. /DATA changes at most once per bit, so a /DATA pulse under
        /// 30% of it (the shortest bit of a ±15% wobble is about 74% of the mean) is noise.
        /// </summary>
        private int MeanPeriod()
        {
            if (_strobes < 2) return 0;
            return (_fall[_strobes - 1] - _fall[0]) / (_strobes - 1);
        }

        /// <summary>
        /// A spurious strobe splits a period in two short ones, a missing one makes a period
        /// double: each period is compared with the longer and the shorter of its neighbours.
        /// </summary>
        private int CountIrregular()
        {
            int[] fall = _fall;
            int periods = _strobes - 1;
            int irregular = 0;
            for (int i = 0; i < periods; i++)
            {
                int period = fall[i + 1] - fall[i];
                int next = i + 1 < periods ? fall[i + 2] - fall[i + 1] : -1;
                int before = i > 0 ? fall[i] - fall[i - 1] : (next >= 0 ? next : period);
                int after = next >= 0 ? next : before;
                int longer = before > after ? before : after;
                int shorter = before > after ? after : before;
                if (period * 10 < longer * 6 || period * 10 > shorter * 16) irregular++;
            }
            return irregular;
        }

        // ---- alignment --------------------------------------------------------------------

        /// <summary>
        /// One candidate of the alignment search: the offset (strobe time = data time + offset)
        /// that puts /DATA's changes between strobe pulses. Candidate k puts the first change in
        /// the gap before strobe k. At a steady speed, shifting by whole bits only changes the
        /// count of leading zeros; under the speed wobble of a hand swipe a wrong shift lands
        /// changes on pulses. So: fewest misplaced changes, then the widest window of offsets
        /// that keeps the placed ones in their gaps (the right fit sees every change at the same
        /// phase of its bit). A candidate is first tried on a few changes spread over the swipe
        /// (where a wrong shift shows first); when those alone are worse than the best so far it
        /// cannot win and the full fit is skipped. That changes the cost, never the choice.
        /// </summary>
        private void TryCandidate()
        {
            int k = _candidate++;
            if (k >= _strobes)
            {
                _searching = false;
                return;
            }
            int offset = GapCentre(k) - _data[0];
            if (k > 0 && _data[_dataEdges - 1] + offset > _fall[_strobes - 1])
            {
                _searching = false; // later k push /DATA past the last strobe
                return;
            }
            int from = k > 0 ? k - 1 : 0;
            if (_fewest != int.MaxValue && SampleMisplaced(offset, from, _fewest) > _fewest) return;
            int lo;
            int hi;
            int misplaced = Fit(offset, from, _fewest, out lo, out hi);
            if (misplaced > _fewest) return;
            int width = hi - lo;
            if (misplaced < _fewest || width > _widest)
            {
                _fewest = misplaced;
                _widest = width;
                _bestLo = lo;
                _bestHi = hi;
            }
        }

        /// <summary>Middle of the gap before strobe k (before the first strobe: one typical gap wide).</summary>
        private int GapCentre(int k)
        {
            int fall = _fall[k];
            int start;
            if (k > 0) start = _rise[k - 1];
            else if (_strobes > 1 && _rise[0] != int.MaxValue) start = fall - (_fall[1] - _rise[0]);
            else start = fall - 1000;
            return start + (fall - start) / 2;
        }

        /// <summary>The /DATA changes the quick test places: the last one and others spread evenly (never more than the changes).</summary>
        private void ChooseSample()
        {
            int n = _dataEdges < SampleSize ? _dataEdges : SampleSize;
            for (int s = 0; s < n; s++) _sample[s] = (int)((long)(_dataEdges - 1) * (n - s) / n);
            _sampleCount = n;
        }

        /// <summary>Misplaced changes among the sample alone (a lower bound of Fit's count), stopping above limit.</summary>
        private int SampleMisplaced(int offset, int from, int limit)
        {
            int[] rise = _rise;
            int[] fall = _fall;
            int strobes = _strobes;
            int misplaced = 0;
            for (int s = 0; s < _sampleCount; s++)
            {
                int t = _data[_sample[s]] + offset;
                // The first strobe from 'from' on that rises at or after t: where Fit would look too.
                int a = from;
                int b = strobes;
                while (a < b)
                {
                    int m = (a + b) >> 1;
                    if (rise[m] < t) a = m + 1;
                    else b = m;
                    Work++;
                }
                if (a >= strobes || t >= fall[a] - SetupUs)
                {
                    if (++misplaced > limit) return misplaced;
                }
            }
            return misplaced;
        }

        /// <summary>
        /// Counts /DATA changes that land on a strobe pulse or after the last one (stops above
        /// limit), and the window [lo, hi] of offsets that keeps every other change in the gap
        /// it landed in (lo = hi = offset when no change bounds it). Times are µs from each
        /// train's start, well inside int. Arrays are read through locals: a field load is an
        /// extra IL op per access on nanoCLR.
        /// </summary>
        private int Fit(int offset, int from, int limit, out int lo, out int hi)
        {
            int[] data = _data;
            int[] rise = _rise;
            int[] fall = _fall;
            int strobes = _strobes;
            int edges = _dataEdges;
            lo = int.MinValue;
            hi = int.MaxValue;
            int misplaced = 0;
            int i = from; // the first /DATA change lands just before strobe from + 1
            int j = 0;
            for (; j < edges; j++)
            {
                int e = data[j];
                int t = e + offset;
                while (i < strobes && rise[i] < t) i++;
                if (i >= strobes || t >= fall[i] - SetupUs)
                {
                    if (++misplaced > limit) break;
                    continue;
                }
                if (i > 0 && rise[i - 1] - e > lo) lo = rise[i - 1] - e;
                if (fall[i] - SetupUs - e < hi) hi = fall[i] - SetupUs - e;
            }
            Work += j + 1;
            if (lo == int.MinValue) lo = offset;
            if (hi == int.MaxValue) hi = offset;
            return misplaced;
        }

        // ---- latching ---------------------------------------------------------------------

        private void Sample(int offset)
        {
            int j = -1; // last /DATA edge at or before the sampling time
            for (int i = 0; i < _strobes; i++)
            {
                int t = _fall[i] - offset;
                while (j + 1 < _dataEdges && _data[j + 1] <= t) j++;
                _bits[i] = DataLowAfter(j) ? (byte)1 : (byte)0;
            }
        }

        /// <summary>Is /DATA low after its edge j (j = -1: before the first edge)?</summary>
        private bool DataLowAfter(int j)
        {
            if (_dataEdges == 0) return false;
            if (j < 0) return !_dataFirstLow;
            return (j % 2 == 0) == _dataFirstLow;
        }
    }
}
