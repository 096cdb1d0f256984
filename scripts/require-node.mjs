// `npm start` runs this before anything else (scripts/node-version.mjs says why).
import { requireNode } from './node-version.mjs';

requireNode();
