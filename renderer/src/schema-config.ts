import { schemasWithoutEval } from '../../shared/schemas-without-eval.js';

// Evaluated before any schema is built: main.tsx imports this first.
schemasWithoutEval();
