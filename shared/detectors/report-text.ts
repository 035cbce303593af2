/** Human-readable tables of the `detectors` section (analyze, `run fd --compare`, `--cause`). */
import type { DetectorSummary } from './report';

const ms = (x: number | null): string => (x === null ? '-' : x.toFixed(0));

/** Left-aligned columns. */
export function textTable(header: string[], rows: string[][]): string {
  const cells = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')).join('\n');
}

/** The QoS table: one row per detector, then phi's threshold curve (unless `curves: false`). */
export function describeDetectors(list: readonly DetectorSummary[], opts: { curves?: boolean } = {}): string {
  const rows = list.map((d) => [
    d.name,
    d.detection_ms.length ? d.detection_ms.map(ms).join(',') : '(no crash)',
    ms(d.mean_detection_ms),
    String(d.mistakes),
    d.mistakes_per_min.toFixed(2),
    ms(d.mean_mistake_ms),
    d.suspected_at_end.length ? d.suspected_at_end.join(',') : '-',
  ]);
  const lines = [textTable(['DETECTOR', 'DETECTION MS (per crash×watcher)', 'MEAN', 'MISTAKES', 'PER MIN', 'MEAN MISTAKE MS', 'SUSPECTED AT END'], rows)];
  for (const d of list) {
    if (!d.phi_curve || opts.curves === false) continue;
    lines.push('', `phi: detection time vs mistake rate as the threshold varies (from this run's trace)`);
    lines.push(textTable(['THRESHOLD', 'MEAN DETECTION MS', 'UNDETECTED', 'MISTAKES', 'PER MIN', 'MEAN MISTAKE MS'],
      d.phi_curve.map((p) => [String(p.threshold), ms(p.mean_detection_ms), String(p.undetected), String(p.mistakes), p.mistakes_per_min.toFixed(2), ms(p.mean_mistake_ms)])));
  }
  return lines.join('\n');
}
