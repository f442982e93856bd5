// Mocha's spec reporter, plus a line of counts appended to $MHA_TEST_COUNTS so scripts/run-tests.sh
// can print one total over every suite (unit, integration, extension host).
'use strict';
const fs = require('node:fs');
const Mocha = require('mocha');
const { EVENT_RUN_END } = Mocha.Runner.constants;

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const file = process.env.MHA_TEST_COUNTS;
      if (!file) return;
      const s = runner.stats;
      fs.appendFileSync(file, `${process.env.MHA_SUITE_NAME || 'mocha'} ${s.passes} ${s.failures} ${s.pending}\n`);
    });
  }
}
module.exports = CountingReporter;
