#!/usr/bin/env node
// The CLI is bundled to dist/ by `npm run build`, which `npm ci` runs through the prepare script.
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write("moodle-ha: the CLI is not built yet. Run 'npm run build' in " + path.dirname(__dirname) + '\n');
  process.exit(2);
}
require(cli);
