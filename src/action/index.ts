// The bundle's entry (dist/action.js): the runner starts it, it runs the Action once.
import { run } from './main.js';
import { collectGarbageSooner } from '../heap.js';

collectGarbageSooner();
await run();
