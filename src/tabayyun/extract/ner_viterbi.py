"""Exact first-order Viterbi for the NER decoder, fast in numpy.

numpy pays per call, not per number, so the cost of decoding an article is the
number of sequential steps. Two things cut them, both exact:

- ``decode`` first proves most tokens O (see there) and cuts the chunks into the
  short segments in between;
- ``viterbi`` decodes every segment from both ends at once, and all segments
  together.

Scores are CRFsuite's: a token's state score plus transitions, no start or end
weights.
"""

from __future__ import annotations

import numpy as np

_NEG = np.float32(-1e9)
_BIG = 1e9  # offsets that restart running maxima at chunk starts (scores are far smaller)
_SAFETY = 0.01  # margin for rounding when proving a token O


class Lattice:
    def __init__(self, tr: np.ndarray, o: int):
        """``tr``: transition scores (from × to); ``o``: the index of label O."""
        self.tr = tr
        self.o = o
        n_lab = self.n_lab = len(tr)
        # bounds for ``decode``: what a non-O label can add through its transitions
        tr64 = tr.astype(np.float64)
        self._non = np.array([k for k in range(n_lab) if k != o], dtype=np.int64)
        if len(self._non):
            self._inc = tr64[np.ix_(self._non, self._non)].max(axis=0) - tr64[o, o]
            self._ent = tr64[o, self._non] - tr64[o, o]
            self._exit = max(0.0, float((tr64[self._non, o] - tr64[o, o]).max()))
        # transitions with an extra "before the chunk" label (see ``viterbi``)
        tb = np.full((n_lab + 1, n_lab + 1), _NEG, dtype=np.float32)
        tb[:n_lab, :n_lab] = tr
        tb[n_lab, :] = 0.0
        self._tr_before_t = np.ascontiguousarray(tb.T)  # (to, from)
        tb = np.full((n_lab + 1, n_lab + 1), _NEG, dtype=np.float32)
        tb[:n_lab, :n_lab] = tr.T  # the backward pass runs "to" -> "from"
        tb[n_lab, :] = 0.0
        self._tr_back_t = np.ascontiguousarray(tb.T)
        # where the halves meet: a transition, or nothing when the second half is empty
        meet = np.full((n_lab + 1, n_lab + 1), _NEG, dtype=np.float32)
        meet[:n_lab, :n_lab] = tr
        meet[:n_lab, n_lab] = 0.0
        self._meet = meet

    def decode(self, e: np.ndarray, starts: np.ndarray, chunk=None) -> np.ndarray:
        """Best label index per token, each chunk decoded on its own, exactly.

        Most tokens are provably O: a token is O on every best path when, for
        every run of non-O labels around it, turning the run to O scores
        higher. Per token, the most a non-O label can add over O, counting the
        best transition into it (from a non-O label inside a run, from O at a
        run's start), bounds every run; the best run around each token is then
        two running maxima of prefix sums. The chunks are cut at those tokens
        into short segments, each decoded by ``viterbi`` with the transition
        from and to the O beside it added to its ends."""
        n = len(e)
        if n == 0 or not len(self._non):
            return np.full(n, self.o, dtype=np.int64)
        if chunk is None:
            chunk = np.zeros(n, dtype=np.int64)
            chunk[starts[1:]] = 1
            chunk = np.cumsum(chunk)
        o = self.o
        e64 = e.astype(np.float64)
        gain = e64[:, self._non] - e64[:, o : o + 1]  # non-O label over O, per token
        inner = (gain + self._inc).max(axis=1)
        opening = (gain + self._ent).max(axis=1)
        opening[starts] = gain[starts].max(axis=1)  # a chunk's first token has no transition in
        prefix = np.cumsum(inner)
        big = _BIG * chunk  # running maxima restart at each chunk
        left = np.maximum.accumulate(opening - prefix + big) - big
        right = np.maximum.accumulate((prefix - big)[::-1])[::-1] + big
        free = left + right + self._exit >= -_SAFETY  # not provably O
        labels = np.full(n, o, dtype=np.int64)
        sel = np.flatnonzero(free)
        if not len(sel):
            return labels
        new_chunk = np.ones(len(sel), dtype=bool)
        new_chunk[1:] = (np.diff(sel) > 1) | (chunk[sel[1:]] != chunk[sel[:-1]])
        seg = np.flatnonzero(new_chunk)
        es = e[sel]
        head, tail = sel[seg], sel[np.append(seg[1:], len(sel)) - 1]
        before = head > starts[chunk[head]]  # an O before the segment (not a chunk start)
        es[seg[before]] += self.tr[o]
        after = (tail + 1 < n) & (chunk[np.minimum(tail + 1, n - 1)] == chunk[tail])
        es[(np.append(seg[1:], len(sel)) - 1)[after]] += self.tr[:, o]
        labels[sel] = self.viterbi(es, seg)
        return labels

    def viterbi(self, e: np.ndarray, starts: np.ndarray, chunk=None) -> np.ndarray:
        """Best label index per token, each chunk decoded on its own, exactly.

        numpy pays per call, not per number, so the cost is the number of
        steps. Each chunk is decoded from both ends at once: a forward pass over
        its first half and a backward pass (the same recurrence over the
        reversed second half, with transposed transitions) over the rest; the
        two meet in the middle, where the best pair of labels is chosen, and
        both halves are traced back from there. All halves of all chunks
        advance together, right-aligned so that they end on the same step; the
        steps before a half starts sit in an extra "before" label with zero
        transitions out of it, so a half's first token scores its emission
        alone, as in CRFsuite. Steps: half the longest chunk, twice."""
        n = len(e)
        if n == 0:
            return np.zeros(0, dtype=np.int64)
        lens = np.diff(np.append(starts, n))
        s_n, n_lab = len(lens), self.n_lab
        width = n_lab + 1
        left = lens - lens // 2  # first half: forward; the rest: backward
        right = lens - left
        if chunk is None:
            chunk = np.zeros(n, dtype=np.int64)
            chunk[starts[1:]] = 1
            chunk = np.cumsum(chunk)
        pos = np.arange(n) - starts[chunk]
        t_n = int(left.max())
        is_left = pos < left[chunk]
        # grid rows: chunk k's first half is row k, its reversed second half row s_n + k
        col = np.where(is_left, chunk, s_n + chunk)
        step = np.where(is_left, t_n - left[chunk] + pos, t_n - 1 - (pos - left[chunk]))
        # rows sorted by length, so that the rows already started at a step
        # (right-aligned: the longest start first) are a suffix
        half = np.concatenate([left, right])
        order = np.argsort(half, kind="stable")
        rank = np.empty_like(order)
        rank[order] = np.arange(2 * s_n)
        col = rank[col]
        half = half[order]
        first = np.searchsorted(half, t_n - np.arange(t_n), side="left")  # per step
        grid = np.full((t_n, 2 * s_n, width), _NEG, dtype=np.float32)
        grid[:, :, n_lab] = 0.0
        grid[step, col, :n_lab] = e
        grid[step, col, n_lab] = _NEG
        tr = np.where((order < s_n)[:, None, None], self._tr_before_t, self._tr_back_t)
        flat_base = np.arange(2 * s_n * width) * width
        back = np.zeros((t_n, 2 * s_n, width), dtype=np.int64)
        score = grid[0].copy()
        for t in range(1, t_n):
            k = first[t]
            cand = score[k:, None, :] + tr[k:]
            arg = cand.argmax(axis=2)
            back[t, k:] = arg
            # the maximum, gathered at the argmax (a short-axis max() is slow in numpy)
            score[k:] = cand.ravel()[flat_base[: arg.size] + arg.ravel()].reshape(-1, width) \
                + grid[t, k:]
        # meet in the middle: best (last label of the first half, first of the second)
        fwd, bwd = score[rank[:s_n]], score[rank[s_n:]]
        meet = fwd[:, :, None] + self._meet + bwd[:, None, :]
        best = meet.reshape(s_n, width * width).argmax(axis=1)
        cur = np.empty(2 * s_n, dtype=np.int64)
        cur[rank[:s_n]] = best // width
        cur[rank[s_n:]] = best % width
        path = np.empty((t_n, 2 * s_n), dtype=np.int64)
        path[t_n - 1] = cur
        # every row traced back at every step: a row not started yet reads the
        # zeros left in ``back`` (never read back for a token)
        back = back.reshape(t_n, -1)
        row_base = np.arange(2 * s_n) * width
        for t in range(t_n - 1, 0, -1):
            cur = back[t][row_base + cur]
            path[t - 1] = cur
        return path[step, col]
