using System;

namespace PosTerminal.Hal.CardReader
{
    /// <summary>
    /// Turns a swipe recording into bits: one bit per falling edge of /STROBE, 1 when /DATA
    /// is low there (MagTek TTL interface: DATA low = 1, valid from 1 µs before the strobe's
    /// falling edge until the strobe rises). The two lines are recorded on separate time
    /// bases (see PulseTrain), so OffsetSearch first finds the offset at which every /DATA
    /// change falls between two strobe pulses, then this latches. Buffers are kept and
    /// reused: a swipe allocates nothing once they have grown to the longest swipe seen.
    /// <para>
    /// Cost is what shapes the code (it runs interpreted on nanoCLR, where every IL op counts;
    /// docs/benchmarks.md, swipe): arrays are read through locals, hot loops call nothing, and
    /// the noise filters run only when a level short enough to need them was seen while the
    /// durations were turned into times (a clean swipe takes the fast path; a noisy one the
    /// general path, with the same result either way).
    /// </para>
    /// </summary>
    public sealed class StrobeLatch
    {
        /// <summary>
        /// Pulses shorter than this are glitches, dropped with both their edges. The shortest
        /// real pulse is a strobe at 60 in/s + 15%: 25% of a 193 µs bit, about 48 µs.
        /// </summary>
        public const int GlitchUs = 8;

        /// <summary>
        /// The most steps (Work, about 50 IL ops each on nanoCLR) one decode may take, from the
        /// recording to the bits, with TrackReserve kept for Track 2: the alignment search gets
        /// what the recording's own processing leaves, and a swipe that would need more is
        /// refused as unaligned. So no recording, however long or noisy, makes a decode take
        /// longer than about MaxWork × 50 IL ops (docs/benchmarks.md, swipe, has the measured figures).
        /// </summary>
        public const int MaxWork = 1800;

        /// <summary>Steps kept for Track2Decoder (both directions, the result's strings).</summary>
        public const int TrackReserve = 150;

        private int[] _edges = new int[0];
        private int[] _fall = new int[1];
        private int[] _rise = new int[1];
        private int _strobes;
        private int[] _data = new int[1];
        private int _dataEdges;
        private bool _dataFirstLow;
        private byte[] _bits = new byte[0];
        private bool _regular;
        private int _beginWork;
        private readonly OffsetSearch _search = new OffsetSearch();
        private bool _latched;
        private PulseTrain _pendingData; // /DATA between BeginStrobes and BeginData

        /// <summary>The bits of the last Latch, in the order the reader sent them (BitCount used).</summary>
        public byte[] Bits { get { return _bits; } }

        public int BitCount { get; private set; }

        /// <summary>False when no offset puts at most OffsetSearch.MaxMisplaced /DATA changes on strobe pulses: the bits are meaningless.</summary>
        public bool Aligned { get; private set; }

        /// <summary>/DATA changes that could not be placed between strobes (0 on a clean swipe).</summary>
        public int Misplaced { get; private set; }

        /// <summary>
        /// Strobe periods (fall to fall) under 60% of the longer of their neighbours or over
        /// 160% of the shorter: a spurious or missing strobe, which adds or drops a bit. A clean swipe
        /// has none; the caller must refuse the swipe otherwise.
        /// </summary>
        public int Irregular { get; private set; }

        /// <summary>
        /// Steps spent on the current swipe: Begin's (levels to times, filters, regularity, /DATA),
        /// the search's (OffsetSearch.Work, the unit of CardReaderService's slices) and the latch's.
        /// </summary>
        public int Work { get { return _beginWork + _search.Work + (_latched ? _strobes / 2 : 0); } }
        /// <summary>The steps BeginStrobes took (the first pass of a sliced decode).</summary>
        public int BeginWork { get; private set; }

        /// <summary>The steps BeginData took, the search's candidates and sample included (the second pass).</summary>
        public int DataWork { get; private set; }

        /// <summary>Full fits the current swipe's search made.</summary>
        public int Fits { get { return _search.Fits; } }

        /// <summary>Candidate offsets the current swipe's search considered (the bench's cost model reads it).</summary>
        public int Candidates { get { return _search.Candidates; } }

        /// <summary>/DATA edges of the current swipe after filtering.</summary>
        public int DataEdges { get { return _dataEdges; } }

        /// <summary>True when Begin needed the general filters (a level shorter than a filter's limit was recorded).</summary>
        public bool Filtered { get; private set; }

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
        /// Starts latching a swipe in one go: BeginStrobes, then BeginData. The alignment search
        /// and the latching follow in Continue, which a caller may spread over several main-loop passes.
        /// </summary>
        public void Begin(SwipeRecording swipe)
        {
            BeginStrobes(swipe);
            BeginData();
        }

        /// <summary>
        /// The first part of a swipe: /STROBE's edges, their filters and their regularity (linear
        /// in the strobes). Irregular is known after it: a caller that refuses irregular swipes
        /// stops there. Otherwise BeginData follows (CardReaderService: in the next pass), then
        /// Continue. BeginWork is this part's steps.
        /// </summary>
        public void BeginStrobes(SwipeRecording swipe)
        {
            Misplaced = 0;
            Aligned = true;
            Filtered = false;
            _beginWork = 0;
            DataWork = 0;
            _search.Clear();
            _latched = true; // nothing to latch until BeginData, which must follow before Continue
            BitCount = 0;
            _pendingData = swipe.Data;
            bool judged = StrobesFast(swipe.Strobe); // the fast shape judges regularity as it goes
            if (!judged) StrobesFiltered(swipe.Strobe);
            Irregular = _regular ? 0 : CountIrregularIfAny(judged);
            BeginWork = _beginWork;
        }

        /// <summary>
        /// The second part: /DATA's edges and filters (linear in its edges), then the search's
        /// candidates and sample. Continue does the rest.
        /// </summary>
        public void BeginData()
        {
            PulseTrain train = _pendingData;
            _pendingData = null;
            int dataShortest = DataEdgeTimes(train);
            int minData = MeanPeriod() * 3 / 10;
            if (dataShortest < GlitchUs)
            {
                Filtered = true;
                _beginWork += _dataEdges / 3;
                _dataEdges = RemoveShortPulses(_data, _dataEdges, GlitchUs);
            }
            if (dataShortest < minData)
            {
                Filtered = true;
                _beginWork += _dataEdges / 3;
                _dataEdges = RemoveShortPulses(_data, _dataEdges, minData);
            }
            _dataFirstLow = !train.FirstLevel;
            _data[_dataEdges] = int.MaxValue; // sentinel: the latch loop needs no bounds test
            if (_bits.Length < _strobes) _bits = new byte[_strobes];
            BitCount = _strobes;
            _latched = _strobes == 0;
            // What the search may take: the rest, less the latch's steps and one candidate's sample,
            // by which the search may pass its limit (it looks at it between candidates; before a
            // full fit it makes sure the fit fits).
            int limit = MaxWork - TrackReserve - _beginWork - _strobes / 2 - OffsetSearch.CandidateSampleSteps;
            _search.Start(_fall, _rise, _strobes, _data, _strobes > 0 ? _dataEdges : 0, limit);
            DataWork = Work - BeginWork;
        }

        /// <summary>
        /// Goes on with the alignment search until about budget steps have been spent in this
        /// call, then latches once the search is over. True when Bits are ready. Irregular is
        /// known after BeginStrobes: a caller that refuses irregular swipes need not go on at all.
        /// </summary>
        public bool Continue(int budget)
        {
            if (_latched) return true;
            if (!_search.Continue(budget)) return false;
            Misplaced = _search.Misplaced;
            Aligned = _search.Aligned;
            Sample(_search.Offset);
            _latched = true;
            return true;
        }

        // ---- strobes ----------------------------------------------------------------------

        /// <summary>
        /// The usual shape in one pass over the durations: the train starts low and ends low
        /// (the board drops the closing idle level). Writes _fall/_rise, notes the shortest
        /// level and whether neighbouring periods are regular (_regular, as RegularPeriods),
        /// then drops levels too short to be real (glitches under GlitchUs, then anything under
        /// a third of the mean strobe width) in place, only if one was seen. At the first glitch
        /// the rest goes through StrobesWithoutGlitches, which filters as it writes. False
        /// (nothing written) sends another shape through StrobesFiltered.
        /// </summary>
        private bool StrobesFast(PulseTrain train)
        {
            int count = train.Count;
            if (train.FirstLevel || count < 3 || (count & 1) == 0) return false;
            int strobes = (count + 1) / 2;
            GrowStrobes(strobes);
            _beginWork += strobes + strobes / 2;
            int[] d = train.DurationsUs; // once: a property read per element is a call on nanoCLR
            int[] fall = _fall;
            int[] rise = _rise;
            int last = strobes - 1;
            int w = d[0];
            int g = d[1];
            int shortest = w < g ? w : g;
            if (shortest < GlitchUs) return StrobesWithoutGlitches(d, count, 0, 0, 0, 0);
            fall[0] = 0;
            rise[0] = w;
            int t = w + g;
            int widths = w;
            int before = t; // period 0
            bool regular = true;
            int k = 2;
            for (int i = 1; i < last; i++)
            {
                fall[i] = t;
                w = d[k];
                if (w < shortest)
                {
                    if (w < GlitchUs) return StrobesWithoutGlitches(d, count, k, i, t, widths);
                    shortest = w;
                }
                t += w;
                rise[i] = t;
                widths += w;
                g = d[k + 1];
                if (g < shortest)
                {
                    if (g < GlitchUs) return StrobesWithoutGlitches(d, count, k, i, t - w, widths - w);
                    shortest = g;
                }
                t += g;
                int period = w + g;
                if (period * 8 < before * 5 || before * 8 < period * 5) regular = false;
                before = period;
                k += 2;
            }
            w = d[k];
            if (w < shortest)
            {
                if (w < GlitchUs) return StrobesWithoutGlitches(d, count, k, last, t, widths);
                shortest = w;
            }
            fall[last] = t;
            rise[last] = t + w;
            widths += w;
            SetStrobes(strobes);
            _regular = regular;
            int narrow = widths / strobes / 3;
            if (shortest < narrow) DropShortLevels(narrow);
            return true;
        }

        /// <summary>
        /// StrobesFast's output from level `level` on (a pulse; the strobes before it, kept of
        /// them, are written and no level before it is a glitch) with every level under GlitchUs
        /// dropped together with both its edges, judged by its recorded duration in order, as
        /// RemoveShortPulses does on the edge list: a short pulse removes its strobe, a short gap
        /// joins its two strobes into one (whose pulse is then not judged). time is edge `level`'s,
        /// widths the pulses' so far. Then the narrow pulses go (DropShortLevels, which judges
        /// regularity): the mean of strobes kept here is at least GlitchUs, so that pass always
        /// runs when a strobe is left. Returns true (the shape was StrobesFast's).
        /// </summary>
        private bool StrobesWithoutGlitches(int[] d, int count, int level, int kept, int time, int widths)
        {
            Filtered = true;
            int strobes = (count + 1) / 2;
            _beginWork += strobes / 2 + strobes / 4; // as the in-place glitch pass this replaces
            int[] fall = _fall;
            int[] rise = _rise;
            int j = level;
            int s = kept;
            int t = time;
            while (true)
            {
                int pulse = d[j]; // j even: edge j is a fall
                if (pulse < GlitchUs)
                {
                    if (j + 1 == count) break; // the last pulse: gone with the closing rise
                    t += pulse + d[j + 1];
                    j += 2;
                    continue;
                }
                int f = t;
                t += pulse;
                j++;
                while (j < count) // j odd: edge j is a rise; a short gap after it joins the next strobe
                {
                    int gap = d[j];
                    if (gap >= GlitchUs) break;
                    t += gap + d[j + 1];
                    j += 2;
                }
                fall[s] = f;
                rise[s] = t;
                widths += t - f;
                s++;
                if (j == count) break; // the closing rise
                t += d[j];
                j++;
            }
            SetStrobes(s);
            _beginWork += s / 4;
            _regular = true;
            int narrow = s == 0 ? 0 : widths / s / 3;
            if (narrow > 0) DropShortLevels(narrow);
            return true;
        }

        /// <summary>
        /// Drops every level (pulse or gap) shorter than minUs together with both its edges, in
        /// place: a short pulse removes that strobe, a short gap joins its two strobes into one
        /// (whose pulse is then not judged again). The same as RemoveShortPulses on the edge
        /// list (in order, each level judged by its original edges), without building that list:
        /// a noisy swipe has a few such levels, so the rest moves with Array.Copy (native).
        /// Regularity is judged as each strobe becomes final (_regular, as RegularPeriods).
        /// </summary>
        private void DropShortLevels(int minUs)
        {
            Filtered = true;
            int strobes = _strobes;
            _beginWork += strobes / 2 + strobes / 4;
            int[] fall = _fall;
            int[] rise = _rise;
            fall[strobes] = int.MaxValue; // for now: the gap after the last strobe is never short
            bool regular = true; // RegularPeriods on the strobes kept, as each one becomes final
            int before = 0;
            int before2 = 0; // the fall before the last final one
            int i = 0;
            int f = fall[0];
            while (i < strobes)
            {
                int r = rise[i];
                if (r - f < minUs)
                {
                    strobes = RemoveStrobe(i, strobes); // a narrow pulse: the strobe goes, its gaps join
                    f = fall[i];
                    continue;
                }
                int next = fall[i + 1];
                while (next - r < minUs)
                {
                    r = rise[i + 1]; // a short gap: the pulse goes on to the next strobe's rise
                    rise[i] = r;
                    strobes = RemoveStrobe(i + 1, strobes);
                    next = fall[i + 1];
                }
                if (i > 0)
                {
                    int period = f - before2; // both final now
                    if (i > 1 && (period * 8 < before * 5 || before * 8 < period * 5)) regular = false;
                    before = period;
                }
                before2 = f;
                f = next;
                i++;
            }
            SetStrobes(strobes);
            _regular = regular;
        }

        /// <summary>Removes strobe i from _fall/_rise, the entry after the last one too (a sentinel); returns the new count.</summary>
        private int RemoveStrobe(int i, int strobes)
        {
            int after = strobes - i;
            Array.Copy(_fall, i + 1, _fall, i, after);
            Array.Copy(_rise, i + 1, _rise, i, after);
            return strobes - 1;
        }

        /// <summary>
        /// The general path for any other shape: edges with glitches removed, then every level
        /// narrower than a third of the mean strobe width. The reader makes every strobe the
        /// same fraction of its bit (25-50%), so such a pulse is noise; dropping a real one leaves
        /// a gap that CountIrregular then reports, so this never hides a lost bit.
        /// </summary>
        private void StrobesFiltered(PulseTrain train)
        {
            Filtered = true;
            _regular = false;
            _beginWork += train.Count + train.Count / 2;
            int firstFall = train.FirstLevel ? 1 : 0;
            int edges = CollectEdges(train, ref _edges);
            SplitStrobes(edges, firstFall);
            edges = RemoveShortPulses(_edges, edges, MeanStrobeWidth() / 3);
            SplitStrobes(edges, firstFall);
        }

        /// <summary>Strobe pulse i runs from _fall[i] to _rise[i] (int.MaxValue when the recording ended low).</summary>
        private void SplitStrobes(int edges, int firstFall)
        {
            int strobes = edges > firstFall ? (edges - firstFall + 1) / 2 : 0;
            GrowStrobes(strobes);
            int[] strobe = _edges;
            int[] fall = _fall;
            int[] rise = _rise;
            int j = firstFall;
            for (int i = 0; i < strobes; i++, j += 2)
            {
                fall[i] = strobe[j];
                rise[i] = j + 1 < edges ? strobe[j + 1] : int.MaxValue;
            }
            SetStrobes(strobes);
        }

        private void GrowStrobes(int strobes)
        {
            if (_fall.Length > strobes) return;
            _fall = new int[strobes + 1];
            _rise = new int[strobes + 1];
        }

        /// <summary>
        /// Sets the count and the sentinels after the last strobe: no rise before it (a search
        /// walking the rises stops there) and a fall that puts anything landing there on a pulse.
        /// </summary>
        private void SetStrobes(int strobes)
        {
            _strobes = strobes;
            _rise[strobes] = int.MaxValue;
            _fall[strobes] = int.MinValue + 1; // - SetupUs gives int.MinValue: every time is past it
        }

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
        /// No period is irregular (CountIrregular would return 0) exactly when every two
        /// neighbouring periods are within 5:8 of each other: the quick test of a clean swipe.
        /// </summary>
        private bool RegularPeriods()
        {
            int[] fall = _fall;
            int last = _strobes - 1;
            if (last < 2) return true; // one period has no neighbour to differ from
            int before = fall[1] - fall[0];
            int at = fall[1];
            for (int i = 2; i <= last; i++)
            {
                int next = fall[i];
                int period = next - at;
                if (period * 8 < before * 5 || before * 8 < period * 5) return false;
                before = period;
                at = next;
            }
            return true;
        }

        /// <summary>
        /// CountIrregular, after the quick test (RegularPeriods) found a pair that differs; judged:
        /// _regular is RegularPeriods' answer already (StrobesFast, DropShortLevels), so the test is
        /// not run again (its steps are still counted: the search's share must not depend on the path).
        /// </summary>
        private int CountIrregularIfAny(bool judged)
        {
            _beginWork += _strobes / 2 + _strobes / 8;
            if (!judged && RegularPeriods()) return 0;
            _beginWork += _strobes + _strobes / 4;
            return CountIrregular();
        }

        /// <summary>
        /// A spurious strobe splits a period in two short ones, a missing one makes a period
        /// double: each period is compared with the longer and the shorter of its neighbours
        /// (the first and the last have one neighbour each). One pass, each fall read once.
        /// </summary>
        private int CountIrregular()
        {
            int[] fall = _fall;
            int periods = _strobes - 1;
            if (periods < 2) return 0; // a lone period is its own neighbour
            int at = fall[2];
            int period = fall[1] - fall[0];
            int next = at - fall[1];
            int before = next; // the first period's only neighbour is the one after it
            int irregular = 0;
            int last = periods - 1;
            for (int i = 0; i < last; i++)
            {
                int longer = before > next ? before : next;
                int shorter = before > next ? next : before;
                int tenths = period * 10;
                if (tenths < longer * 6 || tenths > shorter * 16) irregular++;
                before = period;
                period = next;
                int f = fall[i + 3]; // at i = last - 1 the sentinel: that next is never judged
                next = f - at;
                at = f;
            }
            int lastTenths = period * 10; // the last period's only neighbour is the one before it
            if (lastTenths < before * 6 || lastTenths > before * 16) irregular++;
            return irregular;
        }

        // ---- /DATA ------------------------------------------------------------------------

        /// <summary>
        /// /DATA's edge times into _data, unfiltered, in one pass (edge j leads into the level
        /// FirstLevel when j is even); returns the shortest level bounded by two edges
        /// (int.MaxValue when none), so Begin filters only when one is short enough.
        /// </summary>
        private int DataEdgeTimes(PulseTrain train)
        {
            int count = train.Count;
            _beginWork += count / 2;
            _dataEdges = 0;
            if (count <= 0) return int.MaxValue;
            if (_data.Length < count + 2) _data = new int[count + 2];
            int[] d = train.DurationsUs;
            int[] data = _data;
            int t = 0;
            int shortest = int.MaxValue;
            for (int i = 0; i < count; i++)
            {
                data[i] = t;
                int w = d[i];
                t += w;
                if (w < shortest) shortest = w;
            }
            int n = count;
            if (LastLow(train)) data[n++] = t; // back to the idle (high) level
            else shortest = ShortestBounded(d, count - 1); // the last level has no closing edge
            _dataEdges = n;
            return shortest;
        }

        private static int ShortestBounded(int[] durations, int levels)
        {
            int shortest = int.MaxValue;
            for (int i = 0; i < levels; i++) if (durations[i] < shortest) shortest = durations[i];
            return shortest;
        }

        // ---- the general filters ----------------------------------------------------------

        private static bool LastLow(PulseTrain train)
        {
            return ((train.Count - 1) % 2 == 0) != train.FirstLevel;
        }

        /// <summary>
        /// Writes the train's edge times into edges (grown if needed, with room for a sentinel),
        /// pulses under GlitchUs removed; edge j leads into the level FirstLevel when j is even.
        /// Returns the edge count.
        /// </summary>
        private static int CollectEdges(PulseTrain train, ref int[] edges)
        {
            int count = train.Count;
            if (count <= 0) return 0;
            if (edges.Length < count + 2) edges = new int[count + 2];
            int[] durations = train.DurationsUs;
            int[] times = edges;
            int n = 0;
            int t = 0;
            for (int i = 0; i < count; i++)
            {
                times[n++] = t;
                t += durations[i];
            }
            if (LastLow(train)) edges[n++] = t; // back to the idle (high) level
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

        // ---- latching ---------------------------------------------------------------------

        /// <summary>Bit i = /DATA low at strobe i's fall; the /DATA level toggles at each of its edges.</summary>
        private void Sample(int offset)
        {
            int[] fall = _fall;
            int[] data = _data; // data[_dataEdges] is int.MaxValue: the sentinel ends the inner loop
            byte[] bits = _bits;
            int strobes = _strobes;
            int low = _dataEdges == 0 || _dataFirstLow ? 0 : 1; // before the first edge
            int flip = _dataEdges == 0 ? 0 : 1;
            int next = 0;
            int change = StrobeTime(data[0], offset); // the next /DATA change, on the strobes' time base
            for (int i = 0; i < strobes; i++)
            {
                int f = fall[i];
                while (change <= f)
                {
                    low ^= flip;
                    change = StrobeTime(data[++next], offset);
                }
                bits[i] = (byte)low;
            }
        }

        private static int StrobeTime(int dataTime, int offset)
        {
            return dataTime == int.MaxValue ? int.MaxValue : dataTime + offset;
        }
    }
}
