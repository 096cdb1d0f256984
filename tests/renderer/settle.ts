/** Lets pending promise callbacks run (the fake bridge answers in microtasks). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}
