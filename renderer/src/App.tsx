/**
 * Placeholder view: the hub runs in the main process; the live wallboard and the typed bridge
 * that feeds it come next (see docs/architecture.md).
 */
export function App() {
  return (
    <main style={{ fontFamily: 'system-ui', color: '#e6edf3', background: '#0d1117', padding: 32 }}>
      <h1>NOC Wallboard</h1>
      <p>The hub is connecting to your sites. The live board is under construction.</p>
    </main>
  );
}
