#!/usr/bin/env node
// The coordlab CLI. TypeScript sources run through tsx's loader, so the
// checkout needs no build step for the CLI (the renderer is built on demand).
'use strict';
require('tsx/cjs');
require('../main/cli/main.ts');
