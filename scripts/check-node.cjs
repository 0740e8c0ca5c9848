// Stops `npm install`, `npm start` and `npm run serve` on a Node older than the project supports,
// with one line saying so, instead of a crash in the native SQLite module. Written for any Node
// from 0.12 on (no let/const, arrow functions or template strings), since old Node runs it.
'use strict';

var MINIMUM = [22, 12, 0];

/** The message for `version` (e.g. "v20.11.1"), or null when it is new enough. */
function nodeVersionProblem(version) {
  var parts = String(version).replace(/^v/, '').split('.');
  for (var i = 0; i < MINIMUM.length; i++) {
    var have = parseInt(parts[i] || '0', 10) || 0;
    if (have > MINIMUM[i]) return null;
    if (have < MINIMUM[i]) {
      return (
        'Switchboard needs Node.js ' +
        MINIMUM.join('.') +
        ' or newer; this is Node.js ' +
        String(version).replace(/^v/, '') +
        '. Install a newer Node (https://nodejs.org) and try again.'
      );
    }
  }
  return null;
}

module.exports = { nodeVersionProblem: nodeVersionProblem, MINIMUM: MINIMUM };

if (require.main === module) {
  var problem = nodeVersionProblem(process.version);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
