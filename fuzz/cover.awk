# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# cover.awk - greedy maximum coverage, for minimise.sh.  Input lines:
# "FILE SIZE PRIO EDGE", one per edge a file covers (afl-showmap -e).
# Prints up to MAX (awk -v MAX=n; 0 for no cap) file names, each the one
# that adds the most edges not yet covered (ties: the smaller file), until
# every edge is covered.  The first MAXP picks (-v MAXP=n) consider only the
# files with PRIO 1 (the seeds: whole documents, whose edges are the
# parser's structure rather than the lexer's byte cases, which tiny inputs
# collect best).  Upper bounds make it lazy: a file's gain is recomputed
# only when its stale bound is the largest.
{
	f = $1
	if (!(f in size)) {
		size[f] = $2
		prio[f] = $3
		files[++nf] = f
	}
	edge[f, ++cnt[f]] = $4
	if (!($4 in seen)) {
		seen[$4] = 1
		total++
	}
}
END {
	for (i = 1; i <= nf; i++)
		bound[files[i]] = cnt[files[i]]
	picked = covered = 0
	while (covered < total && (MAX == 0 || picked < MAX)) {
		phase1 = picked < MAXP
		best = ""
		bb = nb = -1
		for (i = 1; i <= nf; i++) {
			f = files[i]
			if ((f in chosen) || (phase1 && !prio[f]))
				continue
			if (bound[f] > bb || (bound[f] == bb && size[f] < size[best])) {
				if (bb > nb)
					nb = bb
				bb = bound[f]
				best = f
			} else if (bound[f] > nb) {
				nb = bound[f]
			}
		}
		if (bb <= 0) {
			if (phase1) {
				MAXP = picked # the seeds add nothing more
				continue
			}
			break
		}
		g = 0
		for (j = 1; j <= cnt[best]; j++)
			if (!(edge[best, j] in cov))
				g++
		bound[best] = g
		if (g > 0 && g >= nb) {
			chosen[best] = 1
			picked++
			print best
			for (j = 1; j <= cnt[best]; j++)
				if (!(edge[best, j] in cov)) {
					cov[edge[best, j]] = 1
					covered++
				}
		}
	}
	printf "cover.awk: %d of %d edges with %d of %d files\n", covered, total, picked, nf > "/dev/stderr"
}
