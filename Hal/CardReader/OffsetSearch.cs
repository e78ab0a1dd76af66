namespace PosTerminal.Hal.CardReader
{
    /// <summary>
    /// Finds the offset between a swipe's /DATA and /STROBE recordings (strobe time = data
    /// time + offset) that puts /DATA's changes between strobe pulses.
    /// <para>
    /// Candidate k puts the first change in the middle of the gap before strobe k. At a steady
    /// speed, shifting by whole bits only changes the count of leading zeros; under the speed
    /// wobble of a hand swipe a wrong shift lands changes on pulses. So the candidate chosen is
    /// the one with the fewest misplaced changes, then the widest window of offsets that keeps
    /// the placed ones in their gaps (the right fit sees every change at the same phase of its
    /// bit), then the lowest k; the offset is the window's centre. A swipe whose every candidate
    /// misplaces more than MaxMisplaced changes is not aligned at all (refused), and neither is
    /// one that would need more steps than its limit to decide (StrobeLatch.MaxWork): no input
    /// can make a decode slow.
    /// </para>
    /// <para>
    /// Finding that candidate cheaply (every IL op counts on nanoCLR). Each candidate is tried
    /// on a sample of 8 changes spread over the swipe, the last one first, where a wrong shift
    /// shows soonest; its misplaced sample changes are a lower bound of its count, and the
    /// window of offsets that keeps its placed sample changes in their gaps an upper bound of
    /// its window. First every candidate is scouted on 3 sample changes; the most promising is
    /// sampled in full and fitted at once, and nearly always wins. Then passes of rising bound
    /// B: pass B samples each open candidate until more than B of its sample is misplaced or its
    /// window is already narrower than the best fit's, and fits in full those whose whole
    /// sample could still beat the best. A fit stops as soon as it cannot. A candidate is only
    /// ever dropped when a bound proves it cannot win, so the choice is exactly the one an
    /// exhaustive fit of every candidate makes. Within a pass candidates go in rising order,
    /// so where a sample change lands moves forward only: about one strobe per candidate.
    /// </para>
    /// </summary>
    internal sealed class OffsetSearch
    {
        /// <summary>
        /// More /DATA changes than this on strobe pulses and the swipe cannot be aligned: the
        /// reader's data is not valid while its strobe is low, so each such change is a bit of
        /// unknown value, too many for parity and LRC to vouch for.
        /// </summary>
        public const int MaxMisplaced = 4;

        /// <summary>DATA is valid at least 1 µs before the strobe's falling edge.</summary>
        private const int SetupUs = 1;

        private const int SampleSize = 8;

        /// <summary>The most steps one candidate's sample can take (8 changes, each a binary search of up to 9 halvings): what a search may pass its limit by.</summary>
        public const int CandidateSampleSteps = 1 + SampleSize * 11;
        private const int ScoutSamples = 3;
        private const int ScoutRounds = 4;
        private const int Decided = SampleSize + 1;
        private const int NotFound = -1;

        /// <summary>Far beyond any window (µs), yet a difference of two such bounds fits an int.</summary>
        private const int Unbounded = 0x3FFFFFFF;

        private const int Scouting = 0;
        private const int ScoutFit = 1;
        private const int Passes = 2;

        private int[] _fall;
        private int[] _rise;
        private int _strobes;
        private int[] _data;
        private int _edges;

        // per candidate k
        private int[] _offset = new int[0];
        private int[] _score = new int[0]; // misplaced sample changes so far
        private int[] _next = new int[0];  // sample changes tried so far; Decided when fitted or dropped
        private int[] _lo = new int[0];    // the window of its placed sample changes
        private int[] _hi = new int[0];
        private int _candidates;

        private readonly int[] _sampleTime = new int[SampleSize];
        private readonly int[] _at = new int[SampleSize]; // strobe where sample change s last landed
        private int _samples;

        private readonly int[] _topK = new int[ScoutRounds];
        private readonly int[] _topScore = new int[ScoutRounds];
        private readonly int[] _topWidth = new int[ScoutRounds];
        private int _topCount;

        private int _stage;
        private int _bound;
        private int _k;
        private bool _done;
        private bool _gaveUp;
        private int _limit;

        private int _fewest;
        private int _widest;
        private int _bestK;
        private int _bestLo;
        private int _bestHi;

        /// <summary>
        /// Steps spent on the current swipe's search, each about 50 IL ops on nanoCLR: 1¼ per
        /// candidate listed, 1 per candidate visited, 2 per sample change placed, 1 per
        /// binary-search halving, 1 per change of a full fit and per 4 strobes it walks.
        /// </summary>
        public int Work { get; private set; }

        public int Candidates { get { return _candidates; } }

        /// <summary>Full fits of the current swipe.</summary>
        public int Fits { get; private set; }

        /// <summary>When done: the chosen offset (0 when there was nothing to align).</summary>
        public int Offset { get; private set; }

        /// <summary>When done: false when no candidate placed all but MaxMisplaced changes, or the search hit its limit (Offset is then 0).</summary>
        public bool Aligned { get; private set; }

        /// <summary>When done: the misplaced changes of the chosen candidate.</summary>
        public int Misplaced { get; private set; }

        /// <summary>
        /// A new search. fall/rise hold the strobe pulses (with the sentinels of
        /// StrobeLatch.SetStrobes at index strobes), data the /DATA edge times; limit is the most
        /// Work the search may take before it gives up (refusing the swipe as unaligned).
        /// </summary>
        public void Start(int[] fall, int[] rise, int strobes, int[] data, int edges, int limit)
        {
            _limit = limit;
            _gaveUp = false;
            _fall = fall;
            _rise = rise;
            _strobes = strobes;
            _data = data;
            _edges = edges;
            Work = 0;
            Fits = 0;
            Offset = 0;
            Misplaced = 0;
            _candidates = 0;
            _fewest = MaxMisplaced; // as if a fit with that many had been found, in no window at all
            _widest = -1;
            _bestK = -1;
            _bestLo = 0;
            _bestHi = 0;
            _done = strobes == 0 || edges == 0;
            Aligned = true; // nothing to align is no misalignment: the bits are simply all zeros
            if (_done) return;
            if (limit <= 0)
            {
                _done = true; // the recording alone used up the decode's steps
                Aligned = false;
                return;
            }
            ListCandidates();
            ChooseSample();
            _stage = Scouting;
            _topCount = 0;
            _bound = 0;
            _k = 0;
        }

        /// <summary>No search under way (a new swipe whose /DATA is not read yet): Work and Fits are 0, done, aligned.</summary>
        public void Clear()
        {
            Work = 0;
            Fits = 0;
            Offset = 0;
            Misplaced = 0;
            _candidates = 0;
            _done = true;
            Aligned = true;
        }

        /// <summary>Goes on for about budget steps; true when the offset is known (or the swipe refused).</summary>
        public bool Continue(int budget)
        {
            if (_done) return true;
            int until = budget > _limit - Work ? _limit + 1 : Work + budget; // never past the limit, sliced or not
            while (Work < until)
            {
                if (Work > _limit || _gaveUp)
                {
                    _done = true;
                    Aligned = false;
                    return true;
                }
                if (_stage == Scouting)
                {
                    _k = Sample(_k, _candidates, until, ScoutSamples, 0, false);
                    if (_k == _candidates) _stage = ScoutFit;
                }
                else if (_stage == ScoutFit)
                {
                    FitScout();
                    _stage = Passes;
                    ResetPass(0);
                }
                else if (_k < _candidates)
                {
                    _k = Sample(_k, _candidates, until, _samples, _bound, true);
                }
                else if (!NextPass())
                {
                    Finish();
                    return true;
                }
            }
            if (Work > _limit || _gaveUp)
            {
                _done = true;
                Aligned = false;
                return true;
            }
            return false;
        }

        /// <summary>Candidates k = 0, 1, … while /DATA's last change still lands before the last strobe.</summary>
        private void ListCandidates()
        {
            int strobes = _strobes;
            if (_offset.Length < strobes)
            {
                _offset = new int[strobes];
                _score = new int[strobes];
                _next = new int[strobes];
                _lo = new int[strobes];
                _hi = new int[strobes];
            }
            int[] fall = _fall;
            int[] rise = _rise;
            int[] offset = _offset;
            int[] score = _score;
            int[] next = _next;
            int[] lo = _lo;
            int[] hi = _hi;
            int first = _data[0];
            int lastEdge = _data[_edges - 1];
            int lastFall = fall[strobes - 1];
            // before the first strobe: one typical gap wide
            int start = strobes > 1 && rise[0] != int.MaxValue ? fall[0] - (fall[1] - rise[0]) : fall[0] - 1000;
            int n = 0;
            for (int k = 0; k < strobes; k++)
            {
                if (k > 0) start = rise[k - 1];
                int off = start + (fall[k] - start) / 2 - first;
                if (k > 0 && lastEdge + off > lastFall) break;
                offset[k] = off;
                score[k] = 0;
                next[k] = 0;
                lo[k] = off - Unbounded;
                hi[k] = off + Unbounded;
                n++;
            }
            _candidates = n;
            Work += n + n / 4;
        }

        /// <summary>
        /// The sample: the last change first, then the others spread over the swipe in an order
        /// that halves the gaps (1/2, 1/4, 3/4, …), so even the first few sample changes span it.
        /// All changes, last first, when there are no more than SampleSize.
        /// </summary>
        private void ChooseSample()
        {
            int edges = _edges;
            int n = edges < SampleSize ? edges : SampleSize;
            for (int s = 0; s < n; s++)
            {
                int index = edges <= SampleSize ? edges - 1 - s : (int)((long)(edges - 1) * SpreadEighths[s] / SampleSize);
                _sampleTime[s] = _data[index];
                _at[s] = NotFound;
            }
            _samples = n;
        }

        /// <summary>Where the sample changes sit, in eighths of the swipe (last change first).</summary>
        private static readonly int[] SpreadEighths = { 8, 4, 2, 6, 1, 5, 3, 7 };

        private void ResetPass(int bound)
        {
            _bound = bound;
            _k = 0;
            for (int s = 0; s < _samples; s++) _at[s] = NotFound;
        }

        /// <summary>Every open candidate has more than the bound misplaced in its sample: raise the bound to the lowest such score, or stop.</summary>
        private bool NextPass()
        {
            int lowest = int.MaxValue;
            for (int k = 0; k < _candidates; k++)
            {
                if (_next[k] < _samples && _score[k] < lowest) lowest = _score[k];
            }
            Work += _candidates / 4;
            if (lowest > _fewest) return false;
            ResetPass(lowest);
            return true;
        }

        /// <summary>
        /// After scouting: the ScoutRounds candidates with the best scouted bounds (fewest
        /// misplaced, then widest window) are sampled in full, and the best of them by its whole
        /// sample is fitted first. It nearly always wins: once its window is known most others
        /// are dropped after a change or two, theirs being narrower already.
        /// </summary>
        private void FitScout()
        {
            int[] top = _topK;
            int n = _topCount;
            for (int r = 1; r < n; r++) // into rising k, so the sample pointers only move forward
            {
                int k = top[r];
                int m = r;
                for (; m > 0 && top[m - 1] > k; m--) top[m] = top[m - 1];
                top[m] = k;
            }
            ResetPass(_fewest);
            int best = -1;
            for (int r = 0; r < n; r++)
            {
                int k = top[r];
                Sample(k, k + 1, int.MaxValue, _samples, _fewest, false);
                if (_next[k] != _samples) continue; // dropped: too many misplaced
                if (best < 0 || _score[k] < _score[best] || (_score[k] == _score[best] && _hi[k] - _lo[k] > _hi[best] - _lo[best]))
                    best = k;
            }
            if (best < 0) return;
            Sample(best, best + 1, int.MaxValue, _samples, _fewest, true);
        }

        /// <summary>Keeps candidate k among the ScoutRounds best scouted so far (fewest misplaced, then widest window).</summary>
        private void Offer(int k, int score, int width)
        {
            int r = _topCount;
            while (r > 0 && (score < _topScore[r - 1] || (score == _topScore[r - 1] && width > _topWidth[r - 1]))) r--;
            if (r >= ScoutRounds) return;
            int end = _topCount < ScoutRounds ? _topCount : ScoutRounds - 1;
            for (int m = end; m > r; m--)
            {
                _topK[m] = _topK[m - 1];
                _topScore[m] = _topScore[m - 1];
                _topWidth[m] = _topWidth[m - 1];
            }
            _topK[r] = k;
            _topScore[r] = score;
            _topWidth[r] = width;
            if (_topCount < ScoutRounds) _topCount++;
        }

        /// <summary>
        /// Candidates from..to-1 (until Work reaches until): each one's sample from where it
        /// stopped up to change upTo, while no more than bound of it is misplaced and its window
        /// can still beat the best fit's. With fit, a candidate whose whole sample could still
        /// beat the best is fitted in full. Returns the next candidate to do.
        /// </summary>
        private int Sample(int from, int to, int until, int upTo, int bound, bool fit)
        {
            int[] rise = _rise;
            int[] fall = _fall;
            int[] sampleTime = _sampleTime;
            int[] at = _at;
            int[] offsets = _offset;
            int[] scores = _score;
            int[] nexts = _next;
            int[] los = _lo;
            int[] his = _hi;
            int samples = _samples;
            int strobes = _strobes;
            bool scouting = _stage == Scouting;
            int steps = 0;
            int k = from;
            for (; k < to && Work + steps < until; k++)
            {
                int next = nexts[k];
                if (next == Decided || (next >= upTo && !fit)) continue; // decided, or scouted already
                steps++; // a candidate's loads and stores
                int score = scores[k];
                int off = offsets[k];
                int lo = los[k];
                int hi = his[k];
                int fewest = _fewest;
                int most = bound < fewest ? bound : fewest;
                int beat = k > _bestK ? _widest + 1 : _widest; // the window that wins a tie on misplaced changes
                while (next < upTo && score <= most)
                {
                    int e = sampleTime[next];
                    int t = e + off;
                    int a = at[next];
                    if (a == NotFound)
                    {
                        int top = strobes; // rise[strobes] is int.MaxValue, never below t
                        a = 0;
                        while (a < top)
                        {
                            int m = (a + top) >> 1;
                            if (rise[m] < t) a = m + 1;
                            else top = m;
                            steps++;
                        }
                    }
                    else
                    {
                        while (rise[a] < t) a++;
                    }
                    at[next] = a;
                    next++;
                    steps += 2;
                    int f = fall[a] - SetupUs;
                    if (t >= f)
                    {
                        score++; // on a pulse, or past the last strobe (the sentinel)
                        continue;
                    }
                    if (a > 0 && rise[a - 1] - e > lo) lo = rise[a - 1] - e;
                    if (f - e < hi) hi = f - e;
                    if (score >= fewest && hi - lo < beat)
                    {
                        score = int.MaxValue; // no fewer misplaced than the best, in a narrower window: it cannot win
                        break;
                    }
                }
                scores[k] = score;
                los[k] = lo;
                his[k] = hi;
                if (scouting && score <= fewest) Offer(k, score, hi - lo);
                if (score > fewest)
                {
                    next = Decided;
                }
                else if (next == samples && fit)
                {
                    next = Decided;
                    if (score < fewest || hi - lo >= beat)
                    {
                        Work += steps;
                        steps = 0;
                        if (Work + FitStepsAtMost() > _limit)
                        {
                            _gaveUp = true; // the fit could pass the limit: Continue refuses the swipe
                            nexts[k] = next;
                            return to;
                        }
                        Fit(k, off, lo, hi);
                    }
                }
                nexts[k] = next;
            }
            Work += steps;
            return k;
        }

        /// <summary>The most steps a full fit can take: every change, and every strobe walked.</summary>
        private int FitStepsAtMost()
        {
            return _edges + 1 + (_strobes + 1) / 4;
        }

        /// <summary>
        /// Places every /DATA change at offset off and keeps the candidate if it beats the best
        /// so far. Stops early once it cannot: more misplaced than the best, or as many with a
        /// window already narrower than the best's (a window only narrows). The window starts as
        /// the one its sample left (the sample's changes are among all of them, so the result is
        /// the same), which lets a loser stop sooner.
        /// </summary>
        private void Fit(int k, int off, int sampleLo, int sampleHi)
        {
            Fits++;
            int[] data = _data;
            int[] rise = _rise;
            int[] fall = _fall;
            int edges = _edges;
            int limit = _fewest;
            int beat = k > _bestK ? _widest + 1 : _widest;
            int lo = sampleLo;
            int hi = sampleHi;
            int misplaced = 0;
            int from = k > 0 ? k - 1 : 0; // the first change lands just before strobe k
            int i = from;
            int j = 0;
            for (; j < edges; j++)
            {
                int e = data[j];
                int t = e + off;
                while (rise[i] < t) i++;
                int f = fall[i] - SetupUs;
                if (t >= f)
                {
                    if (++misplaced > limit) break;
                    continue;
                }
                if (i > 0)
                {
                    int l = rise[i - 1] - e;
                    if (l > lo) lo = l;
                }
                int h = f - e;
                if (h < hi) hi = h;
                if (misplaced >= limit && hi - lo < beat)
                {
                    misplaced = limit + 1;
                    break;
                }
            }
            Work += j + 1 + (i - from) / 4;
            if (misplaced > limit) return;
            if (lo == off - Unbounded) lo = off;
            if (hi == off + Unbounded) hi = off;
            int width = hi - lo;
            if (misplaced < _fewest || width > _widest || (width == _widest && k < _bestK))
            {
                _fewest = misplaced;
                _widest = width;
                _bestK = k;
                _bestLo = lo;
                _bestHi = hi;
            }
        }

        private void Finish()
        {
            _done = true;
            Aligned = _bestK >= 0;
            if (!Aligned) return;
            Offset = _bestLo + (_bestHi - _bestLo) / 2;
            Misplaced = _fewest;
        }
    }
}
