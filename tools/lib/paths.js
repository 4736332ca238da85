'use strict';
/** Where things live: the repository root and `.data/`, the folder of every local server's files. */
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const DATA_DIR = path.join(ROOT, '.data');

/**
 * Files of one local server: `.data/<name>{.pid,.log}` and data folder `.data/<dirName>/` on the
 * default port, `.data/<name>-<port>...` on any other, so servers on different ports never share
 * data or pid files. `rel*` are the same paths relative to the root, for messages.
 */
function instanceFiles(name, port, defaultPort, dirName = name) {
  const suffix = port === defaultPort ? '' : `-${port}`;
  return {
    dir: path.join(DATA_DIR, dirName + suffix),
    pidFile: path.join(DATA_DIR, `${name}${suffix}.pid`),
    logFile: path.join(DATA_DIR, `${name}${suffix}.log`),
    relDir: `.data/${dirName}${suffix}/`,
    relLog: `.data/${name}${suffix}.log`,
  };
}

module.exports = { ROOT, DATA_DIR, instanceFiles };
