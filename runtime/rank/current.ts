/** The one runtime of this process, started before the user's program body runs. */
import { RankRuntime } from './runtime.js';

export const runtime: RankRuntime = await RankRuntime.start();
