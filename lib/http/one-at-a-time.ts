/**
 * A queue that runs its tasks one at a time, in the order they came: each starts when the one before it has
 * settled, whether it succeeded or failed.
 */
export function oneAtATime() {
  let last: Promise<unknown> = Promise.resolve();
  return function run<T>(task: () => Promise<T>): Promise<T> {
    const result = last.then(task, task);
    last = result.catch(() => undefined);
    return result;
  };
}
