/** The floor `npm run bench:pages` measures every page against: Next.js's own JavaScript and nothing else. */
export default function BarePage() {
  return (
    <main>
      <h1>A bare Next.js page</h1>
    </main>
  );
}
