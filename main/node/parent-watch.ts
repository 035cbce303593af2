/**
 * A node process never outlives its lab: it exits when the channel to main closes
 * (main died, even by kill -9) and, as a second line, when its parent pid changes.
 * (A node the lab SIGSTOPped cannot watch anything; main's reaper covers that case.)
 */

/** Exits the process when the parent goes away. Returns a stop function. */
export function watchParent(onGone: (why: string) => void, pollMs = 250): () => void {
  const ppid = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== ppid) onGone(`parent ${ppid} is gone`);
  }, pollMs);
  timer.unref();
  return () => clearInterval(timer);
}
