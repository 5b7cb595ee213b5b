// A column chart for the hours of a day: a column per hour with its figure printed on top and the hour below.
import { useWidth } from '../components/useWidth';

export interface Column {
  key: string;
  label: string;
  value: number;
  /** Printed above the column; empty prints nothing (a zero needs no number). */
  text: string;
}

const HEIGHT = 240;
const TOP = 34; // room for the figure above the tallest column
const BOTTOM = 34; // room for the hour below

export function ColumnChart({ title, columns }: { title: string; columns: Column[] }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const max = Math.max(0, ...columns.map((c) => c.value));
  const step = columns.length === 0 ? 0 : width / columns.length;
  const columnWidth = Math.max(6, step * 0.7);
  const plot = HEIGHT - TOP - BOTTOM;
  return (
    <div ref={ref} className="chart">
      {width > 0 && (
        <svg width={width} height={HEIGHT} role="img" aria-label={title}>
          <line x1={0} x2={width} y1={TOP + plot} y2={TOP + plot} className="chart-axis" />
          {columns.map((column, i) => {
            const x = i * step + (step - columnWidth) / 2;
            const length = max === 0 ? 0 : (column.value / max) * plot;
            const centre = i * step + step / 2;
            return (
              <g key={column.key} aria-label={`${column.label}: ${column.text || '0'}`}>
                <rect
                  x={x}
                  y={TOP + plot - length}
                  width={columnWidth}
                  height={length}
                  rx={3}
                  className="chart-bar"
                />
                {column.text && (
                  <text x={centre} y={TOP + plot - length - 8} textAnchor="middle" className="chart-value">
                    {column.text}
                  </text>
                )}
                <text x={centre} y={HEIGHT - 8} textAnchor="middle" className="chart-label">
                  {column.label}
                </text>
              </g>
            );
          })}
        </svg>
      )}
    </div>
  );
}
