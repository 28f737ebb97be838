#!/usr/bin/env node
// Runs the CLI (npm install compiles src/ into dist/ and bundles it, through the "prepare" script).
import { loadCli } from './load-cli.js';

const fail = (err) => {
  // Only a bug in forumpress gets here: content problems are reported as diagnostics.
  console.error(`forumpress: internal error: ${err && err.message ? err.message : err}`);
  console.error('Please report this with the content that caused it (run `npm install` first if forumpress was never built).');
  if (process.env.FORUMPRESS_DEBUG) console.error(err);
  process.exitCode = 70;
};

loadCli().then(({ cli, done }) => cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  done();
}), fail).catch(fail);
