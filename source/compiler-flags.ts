// Imported first by the CLI. A command runs for a second or two, and much of its code (the
// policy engine, the step analyses) gets hot enough for V8's optimising compiler before the
// process ends. With inlining, TurboFan builds one large graph per hot function out of
// everything it calls: on a 5,000-role account it spent more CPU compiling (about 0.8 s, on
// the second core the garbage collector also needs) than the optimised code saved, and some
// functions were compiled twice after a deoptimisation. Without inlining each function is
// compiled alone, small and fast; the scan's output is byte for byte the same, its wall time
// about 15% less on Node 20, 22 and 24 (bench/startup.ts measures it). V8 reads the flag per
// compilation, so setting it at run time, before any analysis code is hot, takes effect.
// Tests of the engine and the screens import them directly, not the CLI: they keep V8's defaults.
import { versions } from 'node:process';
import { setFlagsFromString } from 'node:v8';
import { measuredV8 } from './measured-v8.js';

if (measuredV8(versions.v8)) setFlagsFromString('--no-turbo-inlining');
