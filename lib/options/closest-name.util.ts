/**
 * distance is the optimal string alignment distance of two strings: the
 * edits (insert, delete, replace, swap two neighbours) from one to the
 * other, so that a transposition (`resyncIntreval`) counts once.
 */
function distance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const above = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = best;
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/**
 * closestName finds the candidate a misspelt name was most likely meant to
 * be, for a "did you mean" hint: the nearest one, ignoring case, within two
 * edits and less than half the name's length; undefined when none is close.
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const wanted = name.toLowerCase();
  let best: { name: string; edits: number } | undefined;
  for (const candidate of candidates) {
    const edits = distance(wanted, candidate.toLowerCase());
    if (edits > 2 || edits * 2 >= Math.max(name.length, candidate.length)) continue;
    if (!best || edits < best.edits) best = { name: candidate, edits };
  }
  return best?.name;
}
