// @ts-check
// Checked first by `npm start` and `npm test`: an old Node must fail in one sentence naming the
// fix, not later in a stack trace from a dependency. Plain JavaScript so any Node can run it.

/** The oldest Node.js major this project runs on (package.json "engines"). */
export const NEEDED_MAJOR = 24;

/**
 * The sentence to print when `version` (process.versions.node) is too old, else null.
 * @param {string} version
 * @returns {string | null}
 */
export function nodeVersionProblem(version) {
  const major = Number(version.split('.')[0]);
  if (Number.isInteger(major) && major >= NEEDED_MAJOR) return null;
  return (
    `NOC Wallboard needs Node.js ${NEEDED_MAJOR} or newer (this is ${version}): install it ` +
    `from https://nodejs.org, or run npm under it with \`npx -y -p node@${NEEDED_MAJOR} -- npm <command>\` ` +
    `(for example \`npx -y -p node@${NEEDED_MAJOR} -- npm test\`).`
  );
}

/** Exits 1 with that sentence on stderr when this Node is too old. */
export function requireNode() {
  const problem = nodeVersionProblem(process.versions.node);
  if (problem === null) return;
  console.error(problem);
  process.exit(1);
}
