namespace PosTerminal.Hal.CardReader
{
    /// <summary>
    /// Puts two line recordings that each start at their own first edge onto one time base.
    ///
    /// Why: the ESP32's RMT receiver starts a recording at the first edge it sees and does not
    /// record how long the line was idle before. /STROBE toggles for every bit, leading zeros
    /// included, so its recording starts within a bit of the capture start; /DATA stays idle
    /// until the first 1 bit (the start sentinel), so its recording starts an unknown number of
    /// bits later. Nothing in the two recordings says how far apart their starts are.
    ///
    /// How: the reader changes /DATA once per bit cell, at a fixed point before the /STROBE
    /// falling edge that latches it, so every data edge falls at the same place in its cell.
    /// The data recording is slid over the strobe cells: its first edge is put in the middle of
    /// cell k, for every k, and the placement that keeps the data edges furthest from the
    /// latching (falling) edges wins. At a steady swipe speed several placements fit equally
    /// well and they all latch the same bits (only the number of leading zeros differs), so the
    /// earliest is taken; when the speed wobbles, only placements near the true one fit.
    /// </summary>
    public static class SwipeAlignment
    {
        /// <summary>Stand-in for the unrecorded idle time before the strobe's first edge.</summary>
        public const int LeadUs = 1000;

        // A data edge closer than 15% of its cell to a latching edge counts as misplaced.
        private const int MaxPhaseErrorPermille = 350;

        /// <summary>
        /// Joins a /STROBE and a /DATA recording, each starting at its own first edge (their
        /// FirstLevel is the level after that edge), into one SwipeRecording whose trains start
        /// at least LeadUs before the first strobe edge with both lines idle.
        /// </summary>
        public static SwipeRecording Join(PulseTrain strobe, PulseTrain data)
        {
            int[] falls = FallingEdges(strobe);
            int offset = data.Count == 0 || falls.Length < 2 ? 0 : BestOffset(falls, data);
            // The first cell is extrapolated, so its middle may come before the strobe's first edge.
            int lead = offset < 0 ? LeadUs - offset : LeadUs;
            return new SwipeRecording(WithLead(strobe, lead), WithLead(data, lead + offset));
        }

        /// <summary>Times of the high-to-low strobe edges, counting the first edge at time 0.</summary>
        private static int[] FallingEdges(PulseTrain strobe)
        {
            int count = strobe.FirstLevel ? 0 : 1;
            bool level = strobe.FirstLevel;
            for (int i = 0; i + 1 < strobe.Count; i++, level = !level)
            {
                if (level) count++;
            }
            int[] falls = new int[count];
            int n = 0, t = 0;
            if (!strobe.FirstLevel) falls[n++] = 0;
            level = strobe.FirstLevel;
            for (int i = 0; i + 1 < strobe.Count; i++, level = !level)
            {
                t += strobe.DurationsUs[i];
                if (level) falls[n++] = t;
            }
            return falls;
        }

        private static int BestOffset(int[] falls, PulseTrain data)
        {
            int bestOffset = 0;
            int bestMisplaced = int.MaxValue;
            long bestError = long.MaxValue;
            for (int k = 0; k < falls.Length; k++)
            {
                int anchor = (CellStart(falls, k) + falls[k]) / 2;
                long error;
                int misplaced = Misplaced(falls, data, anchor, bestMisplaced, out error);
                if (misplaced < bestMisplaced || (misplaced == bestMisplaced && error < bestError))
                {
                    bestMisplaced = misplaced;
                    bestError = error;
                    bestOffset = anchor;
                }
            }
            return bestOffset;
        }

        /// <summary>
        /// Counts the data edges (after the first) that land near a latching edge, or after the
        /// last one, when the first data edge sits at 'anchor'; stops early past 'giveUpAbove'.
        /// </summary>
        private static int Misplaced(int[] falls, PulseTrain data, int anchor, int giveUpAbove, out long error)
        {
            int misplaced = 0;
            error = 0;
            int t = anchor;
            int cell = 0;
            for (int i = 0; i + 1 < data.Count; i++)
            {
                t += data.DurationsUs[i];
                while (cell < falls.Length && falls[cell] <= t) cell++;
                if (cell == falls.Length)
                {
                    misplaced += data.Count - 1 - i;
                    error += 500L * (data.Count - 1 - i);
                    break;
                }
                int start = CellStart(falls, cell);
                int length = falls[cell] - start;
                int phase = length <= 0 ? 0 : (int)((long)(t - start) * 1000 / length);
                int off = phase > 500 ? phase - 500 : 500 - phase;
                error += off;
                if (off > MaxPhaseErrorPermille && ++misplaced > giveUpAbove) break;
            }
            return misplaced;
        }

        /// <summary>Start of the bit cell that ends at falls[k]; the first cell is as long as the second.</summary>
        private static int CellStart(int[] falls, int k)
        {
            return k > 0 ? falls[k - 1] : falls[0] - (falls[1] - falls[0]);
        }

        private static PulseTrain WithLead(PulseTrain train, int leadUs)
        {
            int[] durations = new int[train.Count + 1];
            durations[0] = leadUs;
            System.Array.Copy(train.DurationsUs, 0, durations, 1, train.Count);
            return new PulseTrain(!train.FirstLevel, durations, train.Count + 1);
        }
    }
}
