const SLICE_MS = 8;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Runs `work` over the items, letting other requests run every few milliseconds: work on a large file or the
 * whole deck never holds the server's event loop for long.
 */
export async function inSlices<T>(items: readonly T[], work: (item: T, index: number) => void): Promise<void> {
  let sliceStart = performance.now();
  for (let index = 0; index < items.length; index++) {
    work(items[index]!, index);
    if (performance.now() - sliceStart > SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}
