export const REPORT_CSS = `
:root { color-scheme: light; font: 14px/1.45 system-ui, sans-serif; color: #1d2433; }
body { margin: 0 auto; max-width: 1100px; padding: 1rem 1.5rem 4rem; }
h1 { font-size: 1.5rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #d5dae3; } h3 small { color: #5a6478; font-weight: normal; }
.hint { color: #5a6478; } .big { font-size: 1.2rem; font-weight: 600; }
nav a { margin-right: .75rem; white-space: nowrap; }
table { border-collapse: collapse; margin: .5rem 0 1rem; } th, td { padding: .2rem .6rem; border-bottom: 1px solid #e6e9ef; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.fail td, td.fail, p.fail { color: #a4141b; } tr.warn td, td.warn { color: #8a5a00; } p.pass { color: #1a6b2f; }
tr.regressed td { background: #fde7e8; } tr.improved td { background: #e6f4ea; }
svg.chart { width: 100%; max-width: 760px; display: block; font-size: 11px; }
rect.bar { fill: #3b6fb6; } rect.bar.fail { fill: #c0262d; } rect.bar.warn { fill: #d08a00; }
rect.hist { fill: #3b6fb6; } line.ci { stroke: #111; stroke-width: 2; } line.tick { stroke: #c0262d; stroke-width: 2; stroke-dasharray: 3 2; }
.scroll { overflow-x: auto; }
table.confusion td.cell { width: 1.8rem; text-align: center; background: rgba(59, 111, 182, var(--a)); }
table.confusion td.cell.off { background: rgba(192, 38, 45, var(--a)); }
th.rot { height: 8rem; vertical-align: bottom; } th.rot span { writing-mode: vertical-rl; transform: rotate(180deg); }
ul.notes li { margin: .2rem 0; }
`;
