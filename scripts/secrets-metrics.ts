// npm run secrets:metrics — precision and recall of the secret detector on the labelled corpus
// (__tests__/secrets/corpus), per category and overall, for the whole corpus and for each batch
// (A and B: cases the detector was improved against; C: held-out cases never used to change it).
// `--errors` also lists every miss and false alarm (values masked).
import { CORPUS } from '../__tests__/secrets/corpus/index.js'
import { FIRST_RUNS, formatErrors, formatMetrics, measure } from '../__tests__/secrets/corpus/measure.js'

const metrics = measure()
console.log(formatMetrics(metrics))
for (const batch of ['A', 'B', 'C'] as const) {
  const m = measure(CORPUS.filter((c) => c.batch === batch))
  const o = m.overall
  const flagged = m.groups.reduce((n, g) => n + g.flagged, 0)
  console.log(`${batch === 'A' ? '\n' : ''}Batch ${batch}: ${m.positives} cases with ${o.secrets} secrets, ${m.negatives} non-secret cases — TP ${o.tp}, FP ${o.fp}, FN ${o.fn}, precision ${((o.precision) * 100).toFixed(1)} %, recall ${(o.recall * 100).toFixed(1)} %, non-secret cases flagged ${flagged}`)
}
console.log('\nReference points (measured once, before the detector was changed for them):')
for (const r of FIRST_RUNS) console.log(`  ${r.batch}: TP ${r.tp}, FP ${r.fp}, FN ${r.fn}, precision ${(r.precision * 100).toFixed(1)} %, recall ${(r.recall * 100).toFixed(1)} %`)
if (process.argv.includes('--errors')) {
  const errors = formatErrors(metrics)
  console.log(errors ? `\n${errors}` : '\nNo misses, no false alarms.')
}
