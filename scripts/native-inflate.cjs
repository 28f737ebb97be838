// tiny-inflate's inflate(source, dest) on Node's own zlib, for the bundle (scripts/bundle.mjs).
// unicode-properties and linebreak inflate their Unicode tables (twice each) when they load,
// which tiny-inflate does in JavaScript: ~0.1 s of a loaded machine's start-up, a third of it
// with zlib. The same bytes come out; anything zlib refuses goes to tiny-inflate as before.
'use strict';
const { inflateRawSync } = require('node:zlib');
const tinyInflate = require('tiny-inflate/index.js');

module.exports = function inflate(source, dest) {
  let out;
  try {
    out = inflateRawSync(source);
  } catch {
    return tinyInflate(source, dest);
  }
  if (out.length > dest.length) return tinyInflate(source, dest);
  dest.set(out);
  // As tiny-inflate: the part of `dest` written, when the data was shorter.
  return out.length < dest.length ? dest.slice(0, out.length) : dest;
};
