// Action entry (dist/index.js): only wiring lives here.
import { run } from './action/run.js'

await run()
