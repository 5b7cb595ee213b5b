// A horizontal bar chart: one row per item, its name on the left, the bar, and its figure printed right after
// the bar, so every value reads without touching anything.
import { useWidth } from '../components/useWidth';
import { textWidth } from './text-width';

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** The figure printed beside the bar ("$45.00 · 2 sales"). */
  text: string;
  /** Drawn in the muted colour (e.g. a day with no sales at all). */
  muted?: boolean;
}

const ROW = 48;
const BAR = 30;
const FONT = 18;
const GAP = 12;

export function BarChart({ title, bars, empty }: { title: string; bars: Bar[]; empty?: string }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const max = Math.max(0, ...bars.map((b) => b.value));
  const labelWidth = Math.min(
    Math.round(width * 0.45),
    Math.max(...bars.map((b) => textWidth(b.label, FONT)), 40),
  );
  const textSpace = Math.max(...bars.map((b) => textWidth(b.text, FONT)), 40);
  const barSpace = Math.max(24, width - labelWidth - textSpace - 2 * GAP);
  const height = bars.length * ROW;
  return (
    <div ref={ref} className="chart">
      {bars.length === 0 && empty ? (
        <p className="chart-empty">{empty}</p>
      ) : (
        width > 0 && (
          <svg width={width} height={height} role="img" aria-label={title}>
            {bars.map((bar, i) => {
              const y = i * ROW;
              const length = max === 0 ? 0 : Math.max(bar.value > 0 ? 4 : 0, (bar.value / max) * barSpace);
              return (
                <g key={bar.key} aria-label={`${bar.label}: ${bar.text}`}>
                  <text x={0} y={y + ROW / 2} dy="0.35em" className="chart-label">
                    {clip(bar.label, labelWidth)}
                  </text>
                  <rect
                    x={labelWidth + GAP}
                    y={y + (ROW - BAR) / 2}
                    width={length}
                    height={BAR}
                    rx={4}
                    className={bar.muted ? 'chart-bar muted' : 'chart-bar'}
                  />
                  <text
                    x={labelWidth + GAP + length + GAP}
                    y={y + ROW / 2}
                    dy="0.35em"
                    className="chart-value"
                  >
                    {bar.text}
                  </text>
                </g>
              );
            })}
          </svg>
        )
      )}
    </div>
  );
}

/** Cuts a label that would run into the bars, keeping its start ("Capt. Erik Halvor…"). */
function clip(label: string, width: number): string {
  if (textWidth(label, FONT) <= width) return label;
  let chars = label.length - 1;
  while (chars > 3 && textWidth(`${label.slice(0, chars)}…`, FONT) > width) chars -= 1;
  return `${label.slice(0, chars)}…`;
}
