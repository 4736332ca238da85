'use strict';
/** Progress lines of the tools: `<prefix>: <line>` on stderr, so stdout stays for results. */

/** A logger that writes `<prefix>: <line>` to stderr. */
function stderrLog(prefix) {
  return (line) => process.stderr.write(`${prefix}: ${line}\n`);
}

module.exports = { stderrLog };
