'use strict';
/**
 * Helpers shared by tools/, bench/ and test/: free ports, waiting for a server, Redis node lists,
 * finding executables, the local servers (Redis, MongoDB/FerretDB), a local Redis Cluster and
 * failover on it. CommonJS with types beside each module (*.d.ts), so TypeScript tests import
 * this index (`import { freePort } from '../../tools/lib'`). ESM scripts import the module file
 * (`import { waitFor } from './lib/wait.js'`): Node sees only literal names in CommonJS exports.
 */
module.exports = {
  ...require('./paths'),
  ...require('./wait'),
  ...require('./ports'),
  ...require('./node-list'),
  ...require('./executables'),
  ...require('./errors'),
  ...require('./processes'),
  ...require('./redis-client'),
  ...require('./ferretdb'),
  ...require('./cluster-topology'),
  ...require('./cluster-layout'),
  ...require('./cluster-health'),
  ...require('./redis-cluster'),
  ...require('./redis-failover'),
};
