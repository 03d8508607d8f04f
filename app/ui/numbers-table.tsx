/**
 * The numbers behind a chart as a table: a header row, then one row per entry with its first cell as the row's
 * header. `rowKeys` name the rows (React keys, and `data-key` for tests); without them, rows are keyed by order.
 */
export function NumbersTable({
  head,
  rows,
  rowKeys,
  testId,
  noWrap = false,
}: {
  head: readonly string[];
  rows: readonly (readonly (string | number)[])[];
  rowKeys?: readonly string[];
  testId: string;
  /** keep each number on one line (a wide table then scrolls in its box) */
  noWrap?: boolean;
}) {
  return (
    <table className="w-full text-left text-sm tabular-nums" data-testid={testId}>
      <thead className="border-b border-zinc-200 dark:border-zinc-800">
        <tr>
          {head.map((cell, index) => (
            <th key={index} scope="col" className="py-1 pr-4 font-medium">
              {cell}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, rowIndex) => (
          <tr key={rowKeys?.[rowIndex] ?? rowIndex} data-key={rowKeys?.[rowIndex]} className="border-b border-zinc-100 dark:border-zinc-900">
            {row.map((cell, index) =>
              index === 0 ? (
                <th key={index} scope="row" className="py-1 pr-4 font-normal">
                  {cell}
                </th>
              ) : (
                <td key={index} className={`py-1 pr-4 ${noWrap ? "whitespace-nowrap" : ""}`}>
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
