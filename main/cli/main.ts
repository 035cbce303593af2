import { runCli } from './program';

/** Entry of the `coordlab` binary (bin/coordlab.js loads this through tsx). */
runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`coordlab: ${(e as Error).message}\n`);
    process.exitCode = 3;
  },
);
